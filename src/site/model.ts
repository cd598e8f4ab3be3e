// The site model: what review-post learns of a site from its checkout, so
// that its rules judge a post by that site's own habits and not by another
// site's. Found from a folder (or named), learned from the published posts
// in one pass, cached on disk when asked, keyed on every post's size and time.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteModel } from '../rules/kit/context.js';
import { readCache, writeCache } from './cache.js';
import type { Layout } from './detect.js';
import { byRecency, listMarkdown, notAPost, postsFolder, readPost, unpublished, type PostRead } from './posts.js';
import { learnFileNames, learnImages, learnPermalink, learnUrls } from './paths.js';
import { learnFrontMatter } from './schema.js';
import { WordsLearner } from './words.js';

/** The newest posts a habit is weighed on: "38 of the last 40 posts". */
export const RECENT = 40;
/** Bumped when what is learned changes, so that an old cache is not read. */
const MODEL_VERSION = 1;

export interface LearnOptions {
  /** A folder to keep the learned model in between runs (`--cache`). */
  cacheDir?: string;
}

export interface Learned {
  model: SiteModel;
  /** Whether the model came from the cache. */
  cached: boolean;
}

function cacheKey(layout: Layout, files: { path: string; size: number; mtimeMs: number }[]): string {
  const hash = createHash('sha256');
  hash.update(`${MODEL_VERSION}\0${layout.root}\0${layout.generator}\0${layout.contentDir}\0`);
  if (layout.config !== '') {
    try {
      const stat = statSync(join(layout.root, layout.config));
      hash.update(`${layout.config}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\0`);
    } catch {
      hash.update('no config\0');
    }
  }
  for (const f of files) hash.update(`${f.path}\0${f.size}\0${f.mtimeMs}\n`);
  return hash.digest('hex');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Learns the site laid out as `layout` from its published posts. */
export function learnLayout(layout: Layout, options: LearnOptions = {}): Learned {
  const files = listMarkdown(layout.root, layout.contentDir);
  const key = cacheKey(layout, files);
  if (options.cacheDir !== undefined) {
    const cached = readCache(options.cacheDir, layout.root, key);
    if (cached !== undefined) return { model: cached, cached: true };
  }
  const unlearned = [...layout.unlearned];
  const pages: PostRead[] = [];
  for (const file of files) {
    const post = readPost(layout.root, file);
    if (post !== undefined && !unpublished(post) && !notAPost(post)) pages.push(post);
  }
  const postsDir = postsFolder(layout, pages);
  const posts = pages.filter((p) => postsDir === '' || p.path.startsWith(`${postsDir}/`)).sort(byRecency);
  const recent = new Set(posts.slice(0, RECENT).map((p) => p.path));
  const model: SiteModel = {
    root: layout.root,
    repoPath: layout.repoPath,
    generator: layout.generator,
    config: layout.config,
    postsDir,
    paths: new Set(posts.map((p) => p.path)),
    recent: [...recent],
  };
  if (posts.length === 0) {
    unlearned.push(`no published posts in ${postsDir === '' ? 'the folder' : `${postsDir}/`}: nothing was learned of the site's habits`);
    model.unlearned = unlearned;
    if (options.cacheDir !== undefined) writeCache(options.cacheDir, layout.root, key, model);
    return { model, cached: false };
  }
  const broken = posts.filter((p) => p.error !== undefined);
  if (broken.length > 0) {
    const first = broken[0]!;
    unlearned.push(
      `the front matter of ${plural(broken.length, 'post')} does not parse (${first.path}: ${first.error}): ${broken.length === 1 ? 'its' : 'their'} keys were not learned`,
    );
  }
  const withoutMatter = posts.filter((p) => p.syntax === undefined).length;
  if (withoutMatter === posts.length) unlearned.push('no post has front matter: its keys were not learned');
  const frontMatter = learnFrontMatter(posts, recent, layout.generator === 'jekyll');
  if (frontMatter !== undefined) model.frontMatter = frontMatter;
  model.fileNames = learnFileNames(posts, recent);
  const permalink = learnPermalink(layout, postsDir, posts);
  if (permalink !== undefined) {
    model.permalink = permalink;
    model.urls = learnUrls(permalink, layout.generator, posts);
  }
  model.images = learnImages(posts);
  const words = new WordsLearner();
  for (const post of posts) words.add(post.body);
  model.words = words.result();
  model.headings = words.headings();
  if (unlearned.length > 0) model.unlearned = unlearned;
  if (options.cacheDir !== undefined) writeCache(options.cacheDir, layout.root, key, model);
  return { model, cached: false };
}
