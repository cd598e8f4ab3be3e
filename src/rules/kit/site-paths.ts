// Where a post sits in its site, where a URL written in it points inside
// the site, and what the site's checkout holds at a path.

import { statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { contextOf, type Generator, type SiteModel } from './context.js';

export interface PostPath {
  /**
   * How the site lays out pages: Jekyll (the tree served as it is, posts
   * under `_posts/`), a `content/` folder with `static/` beside it (Hugo,
   * Zola), or neither. From the site model when there is one, else guessed
   * from the path.
   */
  kind: 'jekyll' | 'zola' | 'other';
  /** The generator the site model found; absent when guessed. */
  generator?: Generator;
  /** The path from the site's root: `_posts/2020-11-04-x.md`, `content/x/index.md`. */
  sitePath: string;
  /** The last path segment. */
  name: string;
  /** From a dated file name: `YYYY-MM-DD` and the slug. */
  date?: { year: number; month: number; day: number; text: string };
  slug?: string;
}

const DATED_FILE = /^(\d{4})-(\d{2})-(\d{2})-(.+)\.([A-Za-z0-9]+)$/;

/**
 * The post's path from the site's root: the file as given (a Markdown file
 * named on the command line, from the current directory) when it lies in the
 * checkout, else a patch's path less the site's folder in its repository.
 */
function fromRoot(path: string, cwd: string, site: SiteModel): string | undefined {
  if (site.root === undefined) return undefined;
  const unix = path.replace(/\\/g, '/');
  const prefix = site.repoPath ? `${site.repoPath}/` : '';
  if (prefix !== '' && unix.startsWith(prefix)) return unix.slice(prefix.length);
  const inside = relative(site.root, resolve(cwd, path)).replace(/\\/g, '/');
  if (inside !== '' && !inside.startsWith('../') && !isAbsolute(inside)) return inside;
  return unix.replace(/^(?:\.\/)+/, '');
}

export function postPath(path: string, site?: SiteModel, cwd = process.cwd()): PostPath {
  const unix = path.replace(/\\/g, '/');
  const name = unix.slice(unix.lastIndexOf('/') + 1);
  const dated = (found: PostPath): PostPath => {
    const m = DATED_FILE.exec(name);
    if (m !== null) {
      found.date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), text: `${m[1]}-${m[2]}-${m[3]}` };
      found.slug = m[4];
    }
    return found;
  };
  const known = site === undefined ? undefined : fromRoot(path, cwd, site);
  const postsDir = site?.postsDir === undefined || site.postsDir === '' ? '' : `${site.postsDir}/`;
  if (known !== undefined && site?.generator !== undefined && known.startsWith(postsDir)) {
    const kind = site.generator === 'jekyll' ? 'jekyll' : site.generator === 'plain' ? 'other' : 'zola';
    return dated({ kind, generator: site.generator, sitePath: known, name });
  }
  const posts = unix.lastIndexOf('_posts/');
  if (posts >= 0 && (posts === 0 || unix[posts - 1] === '/')) {
    return dated({ kind: 'jekyll', sitePath: unix.slice(posts), name });
  }
  const content = unix.lastIndexOf('content/');
  if (content >= 0 && (content === 0 || unix[content - 1] === '/')) {
    return dated({ kind: 'zola', sitePath: unix.slice(content), name });
  }
  return dated({ kind: 'other', sitePath: unix.replace(/^(?:\.\/)+/, ''), name });
}

/** Where the rule's file sits in its site: from the site model when the review has one. */
export function postPathOf(file: VFile): PostPath {
  return postPath(file.path, contextOf(file).site, file.cwd);
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type Target =
  | { kind: 'external'; url: URL }
  | { kind: 'site'; candidates: string[]; written: string }
  /**
   * Relative in a post with its own URL: resolved against that URL
   * (`url`), where the file would have to be one of `candidates`.
   */
  | { kind: 'post-relative'; written: string; url: string; candidates: string[] }
  | { kind: 'unknown' };

/** What resolving a path needs from the site: its content folder, and the post's own URL when its scheme is known. */
export interface Resolving {
  contentDir?: string;
  postUrl?: string;
}

/** Liquid that only prefixes the site's root: `{{ site.baseurl }}/x`, `{{ "/x" | relative_url }}`. */
function withoutLiquid(url: string): string | undefined {
  if (!url.includes('{{') && !url.includes('{%')) return url;
  const filter = /^\{\{\s*["']([^"']*)["']\s*\|\s*(?:relative_url|absolute_url)\s*\}\}$/.exec(url);
  if (filter !== null) return filter[1];
  const stripped = url.replace(/\{\{\s*site\.(?:baseurl|url)\s*\}\}/g, '');
  return stripped.includes('{{') || stripped.includes('{%') ? undefined : stripped;
}

function inside(p: string): string | undefined {
  const normal = posix.normalize(p).replace(/^\/+/, '');
  return normal.startsWith('../') || normal === '..' || normal === '' ? undefined : normal;
}

/** The files of the checkout a site URL path may be served from. */
function servedFrom(path: string, post: PostPath, resolving: Resolving): string[] {
  const candidates = post.kind === 'zola' ? [inside(`static${path}`), inside(`${resolving.contentDir ?? 'content'}${path}`)] : [inside(path)];
  return candidates.filter((c): c is string => c !== undefined);
}

/**
 * Where a link or image URL points: another site, a file of this site
 * (candidate paths), or unknown. A relative path in a page bundle is a file
 * beside the post; in another post it resolves against the post's URL, so
 * it is judged only when that URL is known.
 */
export function targetOf(written: string, post: PostPath, resolving: Resolving = {}): Target {
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
  if (path.startsWith('/')) return { kind: 'site', candidates: servedFrom(path, post, resolving), written: url };
  const bundle = /^index\.(?:md|markdown)$/i.test(post.name);
  if (post.kind === 'other' || (post.kind === 'zola' && bundle)) {
    const resolved = inside(posix.join(posix.dirname(post.sitePath), path));
    return resolved === undefined ? { kind: 'unknown' } : { kind: 'site', candidates: [resolved], written: url };
  }
  if (resolving.postUrl === undefined) return { kind: 'unknown' };
  const at = posix.normalize(`${resolving.postUrl.slice(0, resolving.postUrl.lastIndexOf('/') + 1)}${path}`);
  return { kind: 'post-relative', written: url, url: at, candidates: servedFrom(at, post, resolving) };
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

