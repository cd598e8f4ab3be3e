// What the structure rules share: the post's front matter, where the post sits
// in its site, where a URL written in it points inside the site, and the files
// its patch and series bring.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Root } from 'mdast';
import type { Position } from 'unist';
import { parse as parseToml } from 'smol-toml';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { parse as parseYaml } from 'yaml';
import type { LintContext } from './lint.js';
import type { PatchFile } from './types.js';

/** The rule's view of the lint context: empty for a post given without one. */
export function contextOf(file: VFile): LintContext {
  return file.data.reviewPost ?? {};
}

/**
 * Marks a finding as being about the commit message (sign-off, subject), so
 * the review can put it under the quoted commit message. `toFinding` copies it
 * with `onCommitMessage(message)`.
 */
export function markOnCommitMessage(message: VFileMessage): void {
  Object.assign(message, { onCommitMessage: true });
}

export function onCommitMessage(message: VFileMessage): boolean {
  return (message as VFileMessage & { onCommitMessage?: unknown }).onCommitMessage === true;
}

// ---------------------------------------------------------------------------
// Front matter

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

// ---------------------------------------------------------------------------
// Where the post sits

export interface PostPath {
  /** A Jekyll post (under `_posts/`), a Zola page (under `content/`), or neither. */
  kind: 'jekyll' | 'zola' | 'other';
  /** The path from the site's root: `_posts/2020-11-04-x.md`, `content/x/index.md`. */
  sitePath: string;
  /** The last path segment. */
  name: string;
  /** From a Jekyll file name: `YYYY-MM-DD` and the slug. */
  date?: { year: number; month: number; day: number; text: string };
  slug?: string;
}

const JEKYLL_NAME = /^(\d{4})-(\d{2})-(\d{2})-(.+)\.([A-Za-z0-9]+)$/;

export function postPath(path: string): PostPath {
  const unix = path.replace(/\\/g, '/');
  const name = unix.slice(unix.lastIndexOf('/') + 1);
  const posts = unix.lastIndexOf('_posts/');
  if (posts >= 0 && (posts === 0 || unix[posts - 1] === '/')) {
    const found: PostPath = { kind: 'jekyll', sitePath: unix.slice(posts), name };
    const m = JEKYLL_NAME.exec(name);
    if (m !== null) {
      found.date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), text: `${m[1]}-${m[2]}-${m[3]}` };
      found.slug = m[4];
    }
    return found;
  }
  const content = unix.lastIndexOf('content/');
  if (content >= 0 && (content === 0 || unix[content - 1] === '/')) {
    return { kind: 'zola', sitePath: unix.slice(content), name };
  }
  return { kind: 'other', sitePath: unix.replace(/^(?:\.\/)+/, ''), name };
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------
// URLs written in the post

export type Target =
  | { kind: 'external'; url: URL }
  | { kind: 'site'; candidates: string[]; written: string }
  /** Relative in a Jekyll post: resolved against the post's own URL. */
  | { kind: 'post-relative'; written: string }
  | { kind: 'unknown' };

/** Liquid that only prefixes the site's root: `{{ site.baseurl }}/x`, `{{ "/x" | relative_url }}`. */
function withoutLiquid(url: string): string | undefined {
  if (!url.includes('{{') && !url.includes('{%')) return url;
  const filter = /^\{\{\s*["']([^"']*)["']\s*\|\s*(?:relative_url|absolute_url)\s*\}\}$/.exec(url);
  if (filter !== null) return filter[1];
  const stripped = url.replace(/\{\{\s*site\.(?:baseurl|url)\s*\}\}/g, '');
  return stripped.includes('{{') || stripped.includes('{%') ? undefined : stripped;
}

/** Where a link or image URL points: another site, a file of this site (candidate paths), or unknown. */
export function targetOf(written: string, post: PostPath): Target {
  const url = withoutLiquid(written.trim());
  if (url === undefined || url === '') return { kind: 'unknown' };
  if (url.startsWith('//') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) {
    try {
      const parsed = new URL(url.startsWith('//') ? `https:${url}` : url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? { kind: 'external', url: parsed } : { kind: 'unknown' };
    } catch {
      return { kind: 'unknown' };
    }
  }
  if (url.startsWith('#') || url.startsWith('@/')) return { kind: 'unknown' };
  let path = url.replace(/[?#].*$/, '');
  try {
    path = decodeURI(path);
  } catch {
    // Keep it as written.
  }
  if (path === '') return { kind: 'unknown' };
  const inside = (p: string): string | undefined => {
    const normal = posix.normalize(p).replace(/^\/+/, '');
    return normal.startsWith('../') || normal === '..' || normal === '' ? undefined : normal;
  };
  if (path.startsWith('/')) {
    const candidates =
      post.kind === 'zola' ? [inside(`static${path}`), inside(`content${path}`)] : [inside(path)];
    return { kind: 'site', candidates: candidates.filter((c): c is string => c !== undefined), written: url };
  }
  if (post.kind === 'jekyll') return { kind: 'post-relative', written: url };
  const dir = posix.dirname(post.sitePath);
  const resolved = inside(posix.join(dir, path));
  return resolved === undefined ? { kind: 'unknown' } : { kind: 'site', candidates: [resolved], written: url };
}

// ---------------------------------------------------------------------------
// What the patch, its series and the site provide

/** Every file of the patch and its series, or undefined when nothing is known about them. */
export function seriesFiles(context: LintContext): PatchFile[] | undefined {
  const patches = context.series ?? (context.patch ? [context.patch] : []);
  if (!patches.some((p) => p.files !== undefined)) return undefined;
  return patches.flatMap((p) => p.files ?? []);
}

/**
 * The file of the series at one of these paths; the last one wins, as a later
 * patch of a series changes what an earlier one added.
 */
export function findFile(files: PatchFile[], candidates: string[]): PatchFile | undefined {
  let found: PatchFile | undefined;
  for (const file of files) if (candidates.includes(file.path)) found = file;
  return found;
}

/** The size of a file in the site's checkout, or undefined when it is not there. */
export function siteFileSize(siteDir: string, path: string): number | undefined {
  const full = join(siteDir, path);
  try {
    const stat = statSync(full);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

const siteCategoryCache = new Map<string, Map<string, string[]>>();

/**
 * The categories the site's published posts use, lowercased, each with the
 * spellings seen and the posts that use it; read once per checkout.
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

// ---------------------------------------------------------------------------
// Small helpers

/** The 1-based line and column of an offset in the file's text. */
export function pointAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

export function humanSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.round(bytes / 1000)} KB`;
}

export function listWords(words: string[], joiner = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${joiner} ${words[words.length - 1]}`;
}
