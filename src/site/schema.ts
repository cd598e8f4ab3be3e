// The front-matter habits of a site, from its published posts: which keys
// they set and how often (among all posts and among the newest), how each
// value is written, which key names the author, and the categories and tags
// they file posts under.

import type { Share, SiteFrontMatter, SiteKey, SiteTaxonomy, ValueShape } from '../rules/kit/context.js';
import { categoryList, scalarText, shapeOf } from '../rules/kit/front-matter.js';
import type { PostRead } from './posts.js';

/** Key names that say who wrote a post, on the sites seen and in the generators' docs. */
export const AUTHOR_KEYS = new Set(['author', 'authors', 'by', 'byline', 'writer', 'writers', 'creator', 'creators', 'contributor', 'contributors', 'posted_by', 'postedby']);
/** Keys that file a post under names. */
export const TAXONOMY_KEYS = new Set(['categories', 'category', 'tags', 'tag', 'topics', 'keywords', 'series']);

/** A key counts as set when it holds something. */
function isSet(value: unknown): boolean {
  return !(value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0));
}

/** The keys a post sets, tables opened one level (`extra.release`), with the shape of each value. */
function keysOf(data: Record<string, unknown>): Map<string, ValueShape> {
  const keys = new Map<string, ValueShape>();
  for (const [key, value] of Object.entries(data)) {
    if (!isSet(value)) continue;
    const shape = shapeOf(value);
    keys.set(key, shape);
    if (shape === 'table') {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) if (isSet(v)) keys.set(`${key}.${inner}`, shapeOf(v));
    }
  }
  return keys;
}

export function share(posts: number, of: number, recent: number, recentOf: number): Share {
  return { posts, of, recent, recentOf };
}

/** Values of a taxonomy key: Jekyll splits a string on spaces, other generators take it whole. */
function valuesOf(value: unknown, jekyll: boolean): string[] {
  if (!Array.isArray(value) && !jekyll) {
    const text = scalarText(value);
    return text === undefined || text === '' ? [] : [text];
  }
  return categoryList(value);
}

/** Digits stand for any number: `qemu 9.1` and `qemu 10.0` are one kind of category. */
export function valueShape(value: string): string {
  return value.toLowerCase().replace(/\d+/g, '#');
}

function learnTaxonomy(key: string, posts: PostRead[], recent: Set<string>, jekyll: boolean): SiteTaxonomy | undefined {
  const terms = new Map<string, { counts: Map<string, number>; posts: number }>();
  let values = 0;
  let lowercase = 0;
  const shapes = new Map<string, number>();
  let novel = 0;
  let recentWith = 0;
  // Oldest first, so that "new" means no older post had it.
  for (const post of [...posts].reverse()) {
    const list = valuesOf(post.data?.[key], jekyll);
    if (list.length === 0) continue;
    const isRecent = recent.has(post.path);
    if (isRecent) recentWith++;
    let brings = false;
    const seen = new Set<string>();
    for (const value of list) {
      values++;
      if (value === value.toLowerCase()) lowercase++;
      const lower = value.toLowerCase();
      const shape = valueShape(value);
      // A value of a kind the site already has several of (one per release) is not new.
      if (!terms.has(lower) && (shapes.get(shape) ?? 0) < 2) brings = true;
      const entry = terms.get(lower) ?? { counts: new Map<string, number>(), posts: 0 };
      entry.counts.set(value, (entry.counts.get(value) ?? 0) + 1);
      if (!seen.has(lower)) {
        seen.add(lower);
        entry.posts++;
        if (!terms.has(lower)) shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
      }
      terms.set(lower, entry);
    }
    if (isRecent && brings) novel++;
  }
  if (values === 0) return undefined;
  const out = new Map<string, { spelling: string; spellings: string[]; posts: number }>();
  for (const [lower, entry] of terms) {
    const spellings = [...entry.counts].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    out.set(lower, { spelling: spellings[0] ?? lower, spellings, posts: entry.posts });
  }
  return { values, lowercase, terms: out, novel: { posts: novel, of: recentWith } };
}

/**
 * The site's front-matter habits; `posts` newest first, `recent` the newest
 * ones' paths. Undefined when no post has front matter that parses.
 */
export function learnFrontMatter(posts: PostRead[], recent: Set<string>, jekyll: boolean): SiteFrontMatter | undefined {
  const read = posts.filter((p) => p.data !== undefined);
  if (read.length === 0) return undefined;
  const recentRead = read.filter((p) => recent.has(p.path));
  const syntaxes = { yaml: 0, toml: 0 };
  const counts = new Map<string, { posts: number; recent: number; shapes: Partial<Record<ValueShape, number>>; recentShapes: Partial<Record<ValueShape, number>> }>();
  let authorPosts = 0;
  let authorRecent = 0;
  const authorUse = new Map<string, { posts: number; recent: number }>();
  for (const post of read) {
    if (post.syntax !== undefined) syntaxes[post.syntax]++;
    const isRecent = recent.has(post.path);
    const keys = keysOf(post.data!);
    let names = false;
    for (const [key, shape] of keys) {
      const entry = counts.get(key) ?? { posts: 0, recent: 0, shapes: {}, recentShapes: {} };
      entry.posts++;
      entry.shapes[shape] = (entry.shapes[shape] ?? 0) + 1;
      if (isRecent) {
        entry.recent++;
        entry.recentShapes[shape] = (entry.recentShapes[shape] ?? 0) + 1;
      }
      counts.set(key, entry);
      if (!key.includes('.') && AUTHOR_KEYS.has(key.toLowerCase())) {
        names = true;
        const use = authorUse.get(key) ?? { posts: 0, recent: 0 };
        use.posts++;
        if (isRecent) use.recent++;
        authorUse.set(key, use);
      }
    }
    if (names) {
      authorPosts++;
      if (isRecent) authorRecent++;
    }
  }
  const keys = new Map<string, SiteKey>();
  for (const [key, entry] of [...counts].sort((a, b) => b[1].recent - a[1].recent || b[1].posts - a[1].posts)) {
    keys.set(key, { share: share(entry.posts, read.length, entry.recent, recentRead.length), shapes: entry.shapes, recentShapes: entry.recentShapes });
  }
  const taxonomies = new Map<string, SiteTaxonomy>();
  for (const key of keys.keys()) {
    if (!TAXONOMY_KEYS.has(key)) continue;
    const learned = learnTaxonomy(key, read, recent, jekyll);
    if (learned !== undefined) taxonomies.set(key, learned);
  }
  const authorKeys = [...authorUse].sort((a, b) => b[1].recent - a[1].recent || b[1].posts - a[1].posts).map(([k]) => k);
  return {
    syntax: syntaxes.toml > syntaxes.yaml ? 'toml' : 'yaml',
    posts: read.length,
    share: share(read.length, posts.length, recentRead.length, posts.filter((p) => recent.has(p.path)).length),
    keys,
    ...(authorKeys.length > 0 ? { author: { keys: authorKeys, share: share(authorPosts, read.length, authorRecent, recentRead.length) } } : {}),
    taxonomies,
  };
}
