// Where a post sits in its site, where a URL written in it points inside
// the site, and what the site's checkout holds at a path.

import { statSync } from 'node:fs';
import { join, posix } from 'node:path';

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

