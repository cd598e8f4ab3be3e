// A post's URL from its site's permalink scheme: Jekyll's placeholders and
// named styles, Hugo's and Zola's content paths, and the front-matter key
// that sets a post's URL outright. The site model computes every post's URL
// with it (to check links to other posts); the rules compute the post's own
// (to resolve a relative path the way the browser will).

import { posix } from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { contextOf, type Generator, type LintContext, type SitePermalink } from './context.js';
import { readFrontMatter, scalarText } from './front-matter.js';
import { postPathOf, type Resolving } from './site-paths.js';

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
