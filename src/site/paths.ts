// What a site's posts show of its paths: the pattern of their file names
// (date prefix, slug case, extension, page bundles), the permalink scheme
// that makes their URLs (and every post's URL, to check links against), and
// where the images they show are kept.

import type { Generator, SiteFileNames, SiteImages, SitePermalink } from '../rules/kit/context.js';
import { LOWER_SLUG, pageName, postUrl } from '../rules/kit/site-paths.js';
import type { Layout } from './detect.js';
import type { PostRead } from './posts.js';
import { share } from './schema.js';

const DATED = /^\d{4}-\d{2}-\d{2}-/;

function isBundle(path: string): boolean {
  return /(?:^|\/)index\.(?:md|markdown)$/i.test(path);
}

/** The slug of a post's name: the file's stem (or bundle folder) less a date prefix. */
export function slugOf(path: string): string {
  return pageName(path).replace(DATED, '');
}

export function learnFileNames(posts: PostRead[], recent: Set<string>): SiteFileNames {
  const count = (test: (p: PostRead) => boolean): [number, number] => {
    let all = 0;
    let newest = 0;
    for (const post of posts) {
      if (!test(post)) continue;
      all++;
      if (recent.has(post.path)) newest++;
    }
    return [all, newest];
  };
  const recentOf = posts.filter((p) => recent.has(p.path)).length;
  const of = (test: (p: PostRead) => boolean) => {
    const [all, newest] = count(test);
    return share(all, posts.length, newest, recentOf);
  };
  const extensions: Record<string, number> = {};
  for (const post of posts) {
    const ext = /\.([^./]+)$/.exec(post.path)?.[1]?.toLowerCase() ?? '';
    extensions[ext] = (extensions[ext] ?? 0) + 1;
  }
  return {
    dated: of((p) => DATED.test(pageName(p.path))),
    lowercase: of((p) => LOWER_SLUG.test(slugOf(p.path))),
    bundles: of((p) => isBundle(p.path)),
    extensions,
    examples: posts.slice(0, 3).map((p) => p.path.split('/').slice(-2).join('/')),
  };
}

/**
 * The permalink scheme: Jekyll's from its config; Hugo's from its config's
 * `permalinks` for the posts' section, else its default (the content path);
 * Zola's the content path, which a post's `path` replaces.
 */
export function learnPermalink(layout: Layout, postsDir: string, posts: PostRead[]): SitePermalink | undefined {
  if (layout.generator === 'jekyll') return layout.permalink;
  if (layout.generator === 'hugo') {
    const contentDir = layout.contentDir;
    const section = postsDir.startsWith(`${contentDir}/`) ? (postsDir.slice(contentDir.length + 1).split('/')[0] ?? '') : '';
    const configured = layout.sectionPermalinks[section];
    if (configured !== undefined) return { pattern: configured, source: `${layout.config} permalinks.${section}`, override: 'url', contentDir };
    return { pattern: '/:path/', source: `Hugo's default: the page's path under ${contentDir}/, \`slug\` replacing the file name`, override: 'url', contentDir };
  }
  if (layout.generator === 'zola') {
    const withPath = posts.filter((p) => typeof p.data?.path === 'string').length;
    const source =
      withPath > 0
        ? `Zola: a post's \`path\` (${withPath} of ${posts.length} posts set one), else its path under content/`
        : "Zola's default: the page's path under content/, slugified";
    return { pattern: '/:path/', source, override: 'path', contentDir: 'content' };
  }
  return undefined;
}

/** Keys that give a post more URLs, redirecting to it: Zola's and Hugo's `aliases`, jekyll-redirect-from's `redirect_from`. */
const ALIAS_KEYS = ['aliases', 'redirect_from'];

/** Every URL a post answers at: its permalink, and its aliases. */
export function learnUrls(permalink: SitePermalink | undefined, generator: Generator, posts: PostRead[]): Set<string> {
  const urls = new Set<string>();
  if (permalink === undefined) return urls;
  for (const post of posts) {
    const url = postUrl(permalink, generator, { sitePath: post.path, ...(post.data ? { data: post.data } : {}) });
    if (url !== undefined) urls.add(url);
    for (const key of ALIAS_KEYS) {
      const value = post.data?.[key];
      for (const alias of Array.isArray(value) ? value : [value]) {
        if (typeof alias === 'string' && alias.trim() !== '') urls.add(`/${alias.trim().replace(/^\/+/, '')}`);
      }
    }
  }
  return urls;
}

// Bounded scans: an image's URL in Markdown, in a reference definition, in an <img> tag.
const MARKDOWN_IMAGE = /!\[[^\]\n]{0,500}\]\(\s*<?([^)\s>]{1,2000})/g;
const HTML_IMAGE = /<img\b[^>]{0,2000}?\bsrc\s*=\s*["']([^"']{1,2000})["']/gi;
const IMAGE_FILE = /\.(?:png|jpe?g|gif|webp|svg|avif|bmp)$/i;

/** Where the posts' own images are: folders of the site (as URL paths) and bundles; how many posts hot-link. */
export function learnImages(posts: PostRead[]): SiteImages {
  const folders: Record<string, number> = {};
  let own = 0;
  let bundled = 0;
  let hotlinked = 0;
  for (const post of posts) {
    const urls = [...post.body.matchAll(MARKDOWN_IMAGE), ...post.body.matchAll(HTML_IMAGE)].map((m) => m[1] ?? '');
    let external = false;
    let local = false;
    let beside = false;
    const inPost = new Set<string>();
    for (const url of urls) {
      if (/^(?:https?:)?\/\//i.test(url)) {
        external = true;
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.includes('{{') || url.includes('{%')) continue;
      const path = url.replace(/[?#].*$/, '');
      if (!IMAGE_FILE.test(path)) continue;
      local = true;
      if (!path.startsWith('/')) {
        if (isBundle(post.path)) beside = true;
        continue;
      }
      const dirs = path.split('/').filter(Boolean).slice(0, -1);
      // Two levels say where images go (`img/blog`); deeper ones are one post's own.
      const folder = dirs.slice(0, 2).join('/');
      if (folder !== '') inPost.add(folder);
    }
    for (const folder of inPost) folders[folder] = (folders[folder] ?? 0) + 1;
    if (local) own++;
    if (beside) bundled++;
    if (external) hotlinked++;
  }
  return { posts: own, folders, bundled, hotlinked };
}
