// Finding the website's checkout: the folder that holds the posts folder
// (`_posts/` for Jekyll, `content/` for Zola), from here upwards.

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Settings } from './settings.js';

/** The first path segment of the posts glob: the folder a site keeps posts in. */
function postsFolder(glob: string): string | undefined {
  const first = glob.split('/')[0];
  return first && !/[*?{[]/.test(first) ? first : undefined;
}

export function findSite(from: string, settings: Settings): string | undefined {
  const folder = postsFolder(settings.posts);
  if (!folder) return undefined;
  for (let here = resolve(from); ; here = dirname(here)) {
    const candidate = join(here, folder);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return here;
    if (dirname(here) === here) return undefined;
  }
}
