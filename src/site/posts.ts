// The site's published posts: the Markdown files of its content folder (a
// folder's `index.md` for a page bundle; section `_index.md` files, drafts
// and unpublished posts left out), each with its front matter and body.
// Only Markdown is read: images are never opened.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseBlock, scalarText, splitFrontMatter, type Syntax } from '../rules/kit/front-matter.js';
import type { Layout } from './detect.js';

/** A Markdown file of the content folder, as its size and time key the cache. */
export interface PostFile {
  /** From the site's root, with `/`. */
  path: string;
  size: number;
  mtimeMs: number;
}

export interface PostRead extends PostFile {
  syntax?: Syntax;
  data?: Record<string, unknown>;
  /** Why the front matter does not parse. */
  error?: string;
  /** The text after the front matter. */
  body: string;
  /** `YYYY-MM-DD`: the front matter's date, else the one in its `path` or file name; '' when none. */
  date: string;
}

// Bounds for a checkout that is larger than a blog: the walk stops there.
const MAX_FILES = 20_000;
const MAX_DEPTH = 8;
/** A post larger than the review itself takes (core/limits.ts) is not read. */
const MAX_POST_BYTES = 1 << 20;
const SKIP_DIRS = new Set(['node_modules', '_site', 'public', 'resources', 'themes', 'vendor', '_drafts']);

/** Every Markdown file under `dir` (from the root), sizes and times only. */
export function listMarkdown(root: string, dir: string): PostFile[] {
  const found: PostFile[] = [];
  const walk = (rel: string, depth: number): void => {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    // Sorted, so that the model (and the cache key) do not depend on the file system's order.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path, depth + 1);
      } else if (/\.(?:md|markdown)$/i.test(entry.name) && !/^_index\./.test(entry.name) && !/^readme\./i.test(entry.name)) {
        try {
          const stat = statSync(join(root, path));
          found.push({ path, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) });
        } catch {
          // Gone since the listing: not a post any more.
        }
        if (found.length >= MAX_FILES) return;
      }
    }
  };
  walk(dir, 0);
  return found;
}

function dayOf(value: unknown): string | undefined {
  const text = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : scalarText(value);
  const m = text === undefined ? null : /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  return m === null ? undefined : `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

export function readPost(root: string, file: PostFile): PostRead | undefined {
  if (file.size > MAX_POST_BYTES) return undefined;
  let text: string;
  try {
    text = readFileSync(join(root, file.path), 'utf8').replace(/\r\n?/g, '\n');
  } catch {
    return undefined;
  }
  const split = splitFrontMatter(text);
  const name = file.path.split('/').pop() ?? '';
  const fromName = /^(\d{4}-\d{2}-\d{2})-/.exec(name)?.[1];
  if (split === undefined) return { ...file, body: text, date: fromName ?? '' };
  const { data, error } = parseBlock(split.syntax, split.block);
  const pathDate = typeof data?.path === 'string' ? /^(?:[\w-]+\/)?(\d{4})\/(\d{2})\/(\d{2})\//.exec(data.path) : null;
  const date = dayOf(data?.date) ?? (pathDate ? `${pathDate[1]}-${pathDate[2]}-${pathDate[3]}` : undefined) ?? fromName ?? '';
  return { ...file, syntax: split.syntax, ...(data ? { data } : {}), ...(error ? { error } : {}), body: text.slice(split.body), date };
}

/** A post its site does not publish: a draft, or one marked unpublished. */
export function unpublished(post: PostRead): boolean {
  return post.data?.draft === true || post.data?.published === false;
}

/** A page that only names a template or a redirect (the Rust blog's `releases/latest.md`). */
export function notAPost(post: PostRead): boolean {
  const data = post.data;
  return data !== undefined && data.title === undefined && (data.template !== undefined || data.redirect_to !== undefined);
}

/** Newest first; undated ones last, by path. */
export function byRecency(a: PostRead, b: PostRead): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.path < b.path ? 1 : a.path > b.path ? -1 : 0;
}

/**
 * The folder of the content folder that holds the site's posts: the one
 * section holding most of the dated pages (`content/en/blog`), else the
 * content folder itself (the Rust blog's `content`, with `inside-rust/`).
 */
export function postsFolder(layout: Layout, pages: PostRead[]): string {
  const base = layout.contentDir;
  if (layout.generator === 'jekyll' || pages.length === 0) return base;
  const dated = pages.filter((p) => p.date !== '');
  const counted = dated.length > 0 ? dated : pages;
  const bySection = new Map<string, number>();
  for (const page of counted) {
    const rest = base === '' ? page.path : page.path.slice(base.length + 1);
    const parts = rest.split('/');
    // A page bundle's folder is the page, not a section.
    const section = parts.length > 1 && !(parts.length === 2 && /^index\./.test(parts[1] ?? '')) ? (parts[0] ?? '') : '';
    bySection.set(section, (bySection.get(section) ?? 0) + 1);
  }
  const [section, count] = [...bySection].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  // Posts at the top of the content folder too (the Rust blog's main blog beside `inside-rust/`): all of it.
  if (section === '' || count * 2 <= counted.length || (bySection.get('') ?? 0) * 5 >= counted.length) return base;
  return base === '' ? section : `${base}/${section}`;
}
