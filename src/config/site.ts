// The site a review runs against: the checkout named with --site, or found
// from the post's folder or the current directory upwards; its model, learned
// once per run; and what the model says of the settings (where posts live)
// when the config does not say it.

import { statSync } from 'node:fs';
import { InputError } from '../core/types.js';
import type { SiteModel } from '../rules/kit/context.js';
import { findLayout, layoutAt } from '../site/detect.js';
import { learnLayout } from '../site/model.js';
import type { Settings } from './settings.js';

export interface SiteOptions {
  /** `--site DIR`. */
  dir?: string;
  /** Where to look from when no folder is named. */
  from: string;
  /** `--cache`: keep the learned model there. */
  cacheDir?: string;
}

export interface FoundSite {
  root: string;
  model: SiteModel;
}

const learned = new Map<string, SiteModel>();

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The site of a review and its model; undefined when there is no checkout to learn from. */
export function findSite(options: SiteOptions): FoundSite | undefined {
  if (options.dir !== undefined && !isDirectory(options.dir)) throw new InputError(`--site ${options.dir}: not a folder`);
  const layout = options.dir !== undefined ? layoutAt(options.dir) : findLayout(options.from);
  if (layout === undefined) return undefined;
  let model = learned.get(layout.root);
  if (model === undefined) {
    model = learnLayout(layout, options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}).model;
    learned.set(layout.root, model);
  }
  return { root: layout.root, model };
}

/** The settings with the site's posts folder as the posts glob, unless the config or a flag chose one. */
export function withSitePosts(settings: Settings, model: SiteModel | undefined): Settings {
  if (settings.postsGiven || model?.postsDir === undefined || model.postsDir === '') return settings;
  const prefix = model.repoPath ? `${model.repoPath}/` : '';
  return { ...settings, posts: `${prefix}${model.postsDir}/**/*.{md,markdown}` };
}
