// A post's front matter as the structure rules read it: the YAML or TOML
// block, its keys and the lines they are on, and the categories a site's
// published posts use.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { parse as parseToml } from 'smol-toml';
import type { Position } from 'unist';
import { parse as parseYaml } from 'yaml';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type Syntax = 'yaml' | 'toml';

export interface FrontMatter {
  syntax: Syntax;
  /** The parsed keys; undefined when the text does not parse. */
  data?: Record<string, unknown>;
  /** Why it does not parse. */
  error?: string;
  /** Lines of the opening and closing fences. */
  start: number;
  end: number;
  /** The text between the fences, one entry per line. */
  lines: string[];
}


export function readFrontMatter(tree: Root): FrontMatter | undefined {
  // remark-frontmatter adds `toml` nodes, which mdast's types do not list.
  const node = tree.children[0] as { type: string; value?: unknown; position?: Position } | undefined;
  if (node === undefined || (node.type !== 'yaml' && node.type !== 'toml') || !node.position || typeof node.value !== 'string') return undefined;
  const syntax: Syntax = node.type;
  const matter: FrontMatter = {
    syntax,
    start: node.position.start.line,
    end: node.position.end.line,
    lines: node.value.split('\n'),
  };
  try {
    // The core schema keeps `2020-11-04 02:00:00 +0200` a string: the rules
    // check how the date is written, not what a YAML library makes of it.
    const data: unknown = syntax === 'yaml' ? parseYaml(node.value, { schema: 'core', logLevel: 'error' }) : parseToml(node.value);
    if (data === null || data === undefined) matter.data = {};
    else if (isRecord(data)) matter.data = data;
    else matter.error = 'it is not a list of keys and values';
  } catch (error) {
    matter.error = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unreadable';
  }
  return matter;
}

/** The line of a top-level key in the front matter, or undefined. */
export function keyLine(matter: FrontMatter, key: string): number | undefined {
  const sep = matter.syntax === 'yaml' ? ':' : '=';
  for (let i = 0; i < matter.lines.length; i++) {
    const line = matter.lines[i] ?? '';
    if (line.startsWith(key) && line.slice(key.length).trimStart().startsWith(sep)) return matter.start + 1 + i;
    // TOML tables come after the top-level keys.
    if (matter.syntax === 'toml' && line.startsWith('[')) break;
  }
  return undefined;
}

/** A value by a dotted key (`extra.release`), for TOML tables. */
export function valueAt(data: Record<string, unknown>, key: string): unknown {
  let here: unknown = data;
  for (const part of key.split('.')) {
    if (!isRecord(here)) return undefined;
    here = here[part];
  }
  return here;
}

/** A scalar front-matter value as the author wrote it. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // smol-toml's dates are Date objects with a TOML-style toString.
  if (value instanceof Date) return String(value);
  return undefined;
}

const siteCategoryCache = new Map<string, Map<string, string[]>>();

/**
 * The categories the site's published posts use, lowercased, each with the
 * spellings seen and the posts that use it; read once per checkout.
 *
 * @example
 *   {"name": "content/Rust-1.90.0.md", "config": {"zola": {"required": ["title", "path"]}}}
 *
 *   +++
 *   path = "2025/09/18/Rust-1.90.0"
 *   title = "Announcing Rust 1.90.0"
 *   +++
 *
 *   The Rust team is happy to announce a new version.
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "label": "input", "config": {"jekyll": {"required": ["layout", "title", "date", "summary"]}}}
 *
 *   ---
 *   layout: post
 *   title: "Using virtio-fs on a unikernel"
 *   date: 2020-11-04 02:00:00 +0200
 *   ---
 *
 *   This post goes over virtio-fs.
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "label": "output"}
 *
 *   1:1-1:4: The front matter has no `summary`, which every post here sets. I'd add `summary: ...`.
 */
export function siteCategories(siteDir: string): Map<string, { spellings: Set<string>; posts: Set<string> }> {
  const result = new Map<string, { spellings: Set<string>; posts: Set<string> }>();
  const cached = siteCategoryCache.get(siteDir);
  const byPost = cached ?? readSiteCategories(siteDir);
  if (cached === undefined) siteCategoryCache.set(siteDir, byPost);
  for (const [post, categories] of byPost) {
    for (const category of categories) {
      const key = category.toLowerCase();
      const entry = result.get(key) ?? { spellings: new Set<string>(), posts: new Set<string>() };
      entry.spellings.add(category);
      entry.posts.add(post);
      result.set(key, entry);
    }
  }
  return result;
}

function readSiteCategories(siteDir: string): Map<string, string[]> {
  const byPost = new Map<string, string[]>();
  const dir = join(siteDir, '_posts');
  if (!existsSync(dir)) return byPost;
  const walk = (folder: string, depth: number): void => {
    if (depth > 4) return;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (/\.(?:md|markdown|html)$/.test(entry.name)) byPost.set(entry.name, categoriesInFile(path));
    }
  };
  walk(dir, 0);
  return byPost;
}

function categoriesInFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  if (!text.startsWith('---')) return [];
  const end = text.indexOf('\n---', 3);
  if (end < 0) return [];
  try {
    const data: unknown = parseYaml(text.slice(text.indexOf('\n') + 1, end), { schema: 'core', logLevel: 'error' });
    return isRecord(data) ? categoryList(data.categories ?? data.category) : [];
  } catch {
    return [];
  }
}

/** Jekyll's categories: a YAML list, or a string of space-separated words. */
export function categoryList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => scalarText(v)).filter((v): v is string => v !== undefined && v !== '');
  const text = scalarText(value);
  return text === undefined ? [] : text.split(/\s+/).filter(Boolean);
}
