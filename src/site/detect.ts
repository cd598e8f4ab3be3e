// Which generator builds a site and what its configuration says about where
// posts live and how their URLs are made: Jekyll (`_config.yml`, `_posts/`),
// Hugo (`hugo.toml|yaml|json`, or `config.*` beside `content/`), Zola
// (`config.toml` with `base_url`), or a plain folder of Markdown posts. Found
// from a folder upwards, stopping at the repository's root.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { Generator, SitePermalink } from '../rules/kit/context.js';
import { JEKYLL_STYLES } from '../rules/kit/site-paths.js';

export interface Layout {
  root: string;
  /** The root's path inside its git repository ('' at the top, or without one). */
  repoPath: string;
  generator: Generator;
  /** The file that told the generator, from the root; '' for a plain folder. */
  config: string;
  /** Where pages live, from the root: `_posts`, Hugo's `contentDir`, Zola's `content`, a plain folder. */
  contentDir: string;
  /** Hugo's permalink patterns by section, from its config. */
  sectionPermalinks: Record<string, string>;
  /** Jekyll's permalink scheme (absent: Hugo and Zola make it from the section). */
  permalink?: SitePermalink;
  /** What could not be read, one line each. */
  unlearned: string[];
}

const HUGO_CONFIGS = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config/_default/hugo.toml', 'config/_default/hugo.yaml', 'config/_default/config.toml', 'config/_default/config.yaml'];
const GENERIC_CONFIGS = ['config.toml', 'config.yaml', 'config.yml', 'config.json'];
const JEKYLL_CONFIGS = ['_config.yml', '_config.yaml', '_config.toml'];
/** Where sites without a generator config keep posts (the Go blog, Next.js and Astro starters ...). */
const PLAIN_FOLDERS = ['_content/blog', 'content/blog', 'content/posts', 'src/content/blog', 'src/content/posts', 'posts', '_posts', 'blog'];

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A config file's keys, or the line saying why they were not read. */
function readConfig(root: string, name: string): { data?: Record<string, unknown>; problem?: string } {
  let text: string;
  try {
    text = readFileSync(join(root, name), 'utf8');
  } catch (error) {
    return { problem: `${name} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const data: unknown = name.endsWith('.toml') ? parseToml(text) : name.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { logLevel: 'error' });
    return { data: isRecord(data) ? data : {} };
  } catch (error) {
    return { problem: `${name} does not parse (${((error as Error).message ?? '').split('\n')[0]})` };
  }
}

function markdownNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => /\.(?:md|markdown)$/i.test(n));
  } catch {
    return [];
  }
}

/** The top of the git repository holding `dir`, if any. */
function repositoryRoot(dir: string): string | undefined {
  for (let here = resolve(dir); ; here = dirname(here)) {
    if (existsSync(join(here, '.git'))) return here;
    if (dirname(here) === here) return undefined;
  }
}

function jekyll(root: string, config: string): Layout {
  const unlearned: string[] = [];
  let scheme: string | undefined;
  let source = config;
  if (config !== '') {
    const read = readConfig(root, config);
    if (read.problem !== undefined) unlearned.push(`${read.problem}: the permalink scheme was not learned`);
    else {
      const value = read.data?.permalink;
      if (typeof value === 'string' && value.trim() !== '') scheme = value.trim();
      else source = `Jekyll's default (${config} sets no permalink)`;
      scheme ??= 'date';
    }
  }
  const pattern = scheme === undefined ? undefined : (JEKYLL_STYLES[scheme] ?? (scheme.startsWith('/') ? scheme : `/${scheme}`));
  return {
    root,
    repoPath: '',
    generator: 'jekyll',
    config,
    contentDir: '_posts',
    sectionPermalinks: {},
    ...(pattern !== undefined ? { permalink: { pattern, source, override: 'permalink' } } : {}),
    unlearned,
  };
}

/** Hugo's content folder and permalinks, from its config (the first language's folder when there are several). */
function hugo(root: string, config: string): Layout {
  const read = readConfig(root, config);
  const unlearned: string[] = [];
  let contentDir = 'content';
  const sectionPermalinks: Record<string, string> = {};
  if (read.problem !== undefined) unlearned.push(`${read.problem}: its content folder and permalinks were not learned`);
  const data = read.data ?? {};
  const key = (name: string): unknown => data[Object.keys(data).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name];
  const dir = key('contentDir');
  if (typeof dir === 'string' && dir !== '') contentDir = dir;
  const languages = key('languages');
  if (isRecord(languages)) {
    const first = Object.values(languages).find((l) => isRecord(l) && typeof l.contentDir === 'string') as Record<string, unknown> | undefined;
    if (first !== undefined) contentDir = String(first.contentDir);
  }
  const permalinks = key('permalinks');
  if (isRecord(permalinks)) {
    const pages = isRecord(permalinks.page) ? permalinks.page : permalinks;
    for (const [section, pattern] of Object.entries(pages)) if (typeof pattern === 'string') sectionPermalinks[section] = pattern;
  }
  return { root, repoPath: '', generator: 'hugo', config, contentDir: contentDir.replace(/^\.\/|\/+$/g, ''), sectionPermalinks, unlearned };
}

function zola(root: string, config: string): Layout {
  return { root, repoPath: '', generator: 'zola', config, contentDir: 'content', sectionPermalinks: {}, unlearned: [] };
}

/** The generator whose markers are in `dir`, or undefined. */
function generatorAt(dir: string): Layout | undefined {
  const jekyllConfig = JEKYLL_CONFIGS.find((n) => existsSync(join(dir, n)));
  if (jekyllConfig !== undefined) return jekyll(dir, jekyllConfig);
  const hugoConfig = HUGO_CONFIGS.find((n) => existsSync(join(dir, n)));
  if (hugoConfig !== undefined) return hugo(dir, hugoConfig);
  const generic = GENERIC_CONFIGS.find((n) => existsSync(join(dir, n)));
  if (generic !== undefined && isDir(join(dir, 'content'))) {
    if (generic === 'config.toml') {
      let text = '';
      try {
        text = readFileSync(join(dir, generic), 'utf8');
      } catch {
        // Unreadable: Hugo reports it below.
      }
      if (/^\s*base_url\s*=/m.test(text)) return zola(dir, generic);
    }
    return hugo(dir, generic);
  }
  if (isDir(join(dir, '_posts'))) {
    // `_posts/` without a Jekyll config: Jekyll's when its names are dated (Next.js starters use the folder too).
    const names = markdownNames(join(dir, '_posts'));
    const dated = names.filter((n) => /^\d{4}-\d{2}-\d{2}-/.test(n)).length;
    if (names.length > 0 && dated * 2 >= names.length) return jekyll(dir, '');
  }
  return undefined;
}

function plainAt(dir: string): Layout | undefined {
  const folder = PLAIN_FOLDERS.find((f) => isDir(join(dir, f)));
  if (folder === undefined) return undefined;
  return { root: dir, repoPath: '', generator: 'plain', config: '', contentDir: folder, sectionPermalinks: {}, unlearned: [] };
}

function withRepoPath(layout: Layout): Layout {
  const top = repositoryRoot(layout.root);
  return { ...layout, repoPath: top === undefined ? '' : relative(top, layout.root).replace(/\\/g, '/') };
}

/**
 * The site a folder belongs to: the nearest folder upwards with a
 * generator's config, or, at the repository's root, a folder of posts.
 */
export function findLayout(from: string): Layout | undefined {
  for (let here = resolve(from); ; here = dirname(here)) {
    const found = generatorAt(here);
    if (found !== undefined) return withRepoPath(found);
    if (existsSync(join(here, '.git'))) {
      const plain = plainAt(here);
      return plain === undefined ? undefined : withRepoPath(plain);
    }
    if (dirname(here) === here) return undefined;
  }
}

/** The site at `dir` as the user named it (`--site`, `review-post site DIR`): a plain folder when no generator says otherwise. */
export function layoutAt(dir: string): Layout {
  const root = resolve(dir);
  const found = generatorAt(root) ?? plainAt(root);
  if (found !== undefined) return withRepoPath(found);
  // The folder itself may be the folder of posts.
  return withRepoPath({ root, repoPath: '', generator: 'plain', config: '', contentDir: '', sectionPermalinks: {}, unlearned: [] });
}
