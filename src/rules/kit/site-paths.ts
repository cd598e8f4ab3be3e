// Where a post sits in its site, where a URL written in it points inside
// the site, what the site's checkout holds at a path, and the post's own URL
// from the site's permalink scheme: Jekyll's placeholders and named styles,
// Hugo's and Zola's content paths, and the front-matter key that sets a
// post's URL outright. The site model computes every post's URL with it (to
// check links to other posts); the rules compute the post's own (to resolve
// a relative path the way the browser will).

import { statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { contextOf, type Generator, type LintContext, type SiteModel, type SitePermalink } from './context.js';
import { readFrontMatter, scalarText } from './front-matter.js';

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

/** A Hugo or Zola section page (`_index.md`): the list a section shows, not a post. */
export function isSectionIndex(name: string): boolean {
  return /^_index\.(?:md|markdown)$/i.test(name);
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

/** Jekyll's named styles (https://jekyllrb.com/docs/permalinks/). */
export const JEKYLL_STYLES: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

const DATED_NAME = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/;

/** A slug in lower-case words and numbers joined by hyphens (or dots, as in `qemu-9.1`). */
export const LOWER_SLUG = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;

/** Zola's and Hugo's slugs: lower case, runs of other characters as one hyphen. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A date in the front matter as `[year, month, day]`, zero-padded. */
function dateParts(value: unknown): [string, string, string] | undefined {
  const text = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : scalarText(value);
  const m = text === undefined ? null : /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text.trim());
  if (m === null) return undefined;
  return [m[1]!, m[2]!.padStart(2, '0'), m[3]!.padStart(2, '0')];
}

/** The parts of a post's path a URL is made of. */
export interface UrlParts {
  /** From the site root: `_posts/2020-11-04-x.md`, `content/en/blog/x/index.md`. */
  sitePath: string;
  /** The post's front matter. */
  data?: Record<string, unknown>;
}

/** A page's name: the file's stem, or its folder's for a page bundle (`x/index.md`). */
export function pageName(sitePath: string): string {
  const parts = sitePath.split('/');
  const file = parts[parts.length - 1] ?? '';
  const stem = file.replace(/\.[^.]+$/, '');
  return stem === 'index' && parts.length > 1 ? (parts[parts.length - 2] ?? stem) : stem;
}

/**
 * The URL the site publishes the post at, as a path ending in `/` (or in
 * `.html` for Jekyll's file-like styles); undefined when the scheme needs
 * something the post does not give.
 */
export function postUrl(permalink: SitePermalink, generator: Generator | undefined, parts: UrlParts): string | undefined {
  const data = parts.data ?? {};
  const override = permalink.override === undefined ? undefined : scalarText(data[permalink.override]);
  if (override !== undefined && override.trim() !== '') {
    if (generator === 'zola') return `/${override.trim().replace(/^\/+|\/+$/g, '')}/`;
    if (!override.includes(':')) return override.startsWith('/') ? override : `/${override}`;
    return expand(override, generator, parts, permalink);
  }
  return expand(permalink.pattern, generator, parts, permalink);
}

function expand(pattern: string, generator: Generator | undefined, parts: UrlParts, permalink: SitePermalink): string | undefined {
  const data = parts.data ?? {};
  const name = pageName(parts.sitePath);
  const dated = DATED_NAME.exec(name);
  const date = dateParts(data.date) ?? (dated ? ([dated[1]!, dated[2]!, dated[3]!] as [string, string, string]) : undefined);
  const slugText = scalarText(data.slug);
  const content = permalink.contentDir ?? '';
  const under = content !== '' && parts.sitePath.startsWith(`${content}/`) ? parts.sitePath.slice(content.length + 1) : parts.sitePath;
  const dirs = posix.dirname(under).split('/').filter((d) => d !== '' && d !== '.');
  // A bundle's folder is the page, not a section.
  if (name !== (under.split('/').pop() ?? '').replace(/\.[^.]+$/, '')) dirs.pop();
  let missing = false;
  const value = (key: string): string => {
    switch (key) {
      case 'year':
      case 'month':
      case 'day': {
        if (date === undefined) missing = true;
        return date?.[key === 'year' ? 0 : key === 'month' ? 1 : 2] ?? '';
      }
      case 'short_year':
        if (date === undefined) missing = true;
        return date?.[0].slice(2) ?? '';
      case 'i_month':
      case 'i_day':
        if (date === undefined) missing = true;
        return String(Number(date?.[key === 'i_month' ? 1 : 2] ?? 0));
      case 'title':
        if (generator === 'jekyll') return slugText ?? (dated ? dated[4]! : name);
        return slugify(scalarText(data.title) ?? name);
      case 'slug':
        return slugText ?? (generator === 'jekyll' ? slugify(dated ? dated[4]! : name) : slugify(scalarText(data.title) ?? name));
      case 'filename':
      case 'contentbasename':
        return name;
      case 'section':
        return dirs[0] ?? '';
      case 'sections':
        return dirs.join('/');
      case 'path': {
        // Hugo and Zola: the page's folders under the content root, then its slug or name.
        const last = slugText ?? (generator === 'zola' ? (dated ? dated[4]! : name) : name);
        const path = [...dirs, last].join('/');
        return generator === 'zola' ? path.split('/').map(slugify).join('/') : path.toLowerCase();
      }
      case 'categories': {
        const list = data.categories ?? data.category;
        const names = Array.isArray(list) ? list.map((c) => scalarText(c) ?? '') : (scalarText(list) ?? '').split(/\s+/);
        return names
          .filter((c) => c !== '')
          .map((c) => c.toLowerCase().replace(/\s+/g, '-'))
          .join('/');
      }
      case 'output_ext':
        return '.html';
      default:
        missing = true;
        return '';
    }
  };
  const filled = pattern.replace(/:([a-z_]+)/g, (_, key: string) => value(key));
  if (missing) return undefined;
  const url = `/${filled}`.replace(/\/{2,}/g, '/');
  return url;
}

/** The permalink scheme of the post's site: the config's (or its preset's), else the one learned from the checkout. */
export function permalinkOf(context: LintContext): SitePermalink | undefined {
  const configured = context.settings?.permalink;
  if (configured === undefined) return context.site?.permalink;
  const pattern = JEKYLL_STYLES[configured] ?? (configured.startsWith('/') ? configured : `/${configured}`);
  const learned = context.site?.permalink;
  return { ...learned, pattern, source: 'the config' };
}

/** What resolving a relative path of the post needs: its URL, when the site's scheme is known. */
export function resolvingFor(tree: Root, file: VFile): Resolving {
  const context = contextOf(file);
  const where = postPathOf(file);
  const contentDir = context.site?.permalink?.contentDir;
  const scheme = permalinkOf(context);
  if (scheme === undefined) return contentDir === undefined ? {} : { contentDir };
  const generator = where.generator ?? (where.kind === 'jekyll' ? 'jekyll' : undefined);
  const data = readFrontMatter(tree)?.data;
  const url = postUrl(scheme.override === undefined && generator === 'jekyll' ? { ...scheme, override: 'permalink' } : scheme, generator, {
    sitePath: where.sitePath,
    ...(data ? { data } : {}),
  });
  return { ...(contentDir !== undefined ? { contentDir } : {}), ...(url !== undefined ? { postUrl: url } : {}) };
}
