// The files a post's patch and the rest of its series bring: an image one
// patch uses may come in another.

import type { PatchFile } from '../../core/types.js';
import type { LintContext } from './context.js';

/** Every file of the patch and its series, or undefined when nothing is known about them. */
export function seriesFiles(context: LintContext): PatchFile[] | undefined {
  const patches = context.series ?? (context.patch ? [context.patch] : []);
  if (!patches.some((p) => p.files !== undefined)) return undefined;
  return patches.flatMap((p) => p.files ?? []);
}

/**
 * The file of the series at one of these paths; the last one wins, as a later
 * patch of a series changes what an earlier one added.
 */
export function findFile(files: PatchFile[], candidates: string[]): PatchFile | undefined {
  let found: PatchFile | undefined;
  for (const file of files) if (candidates.includes(file.path)) found = file;
  return found;
}

