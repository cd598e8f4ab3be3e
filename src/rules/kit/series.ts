// The files a post's patch and the rest of its series bring: an image one
// patch uses may come in another. An mbox archive is one series of thousands
// of patches, and every post of it asks, once per image or link: the files
// and their index by path are built once per series (kept while the series
// lives), so that the whole archive costs time linear in its size.

import type { Patch, PatchFile } from '../../core/types.js';
import type { LintContext } from './context.js';

interface SeriesIndex {
  files: PatchFile[];
  /** The last file of the series at each path, and where it is in `files`. */
  last: Map<string, { file: PatchFile; at: number }>;
  /** The paths that some patch of the series adds or keeps (not only deletes). */
  present: Set<string>;
}

/** By series, or by patch for a patch linted alone. */
const indexes = new WeakMap<readonly Patch[] | Patch, SeriesIndex | null>();
const byFiles = new WeakMap<readonly PatchFile[], SeriesIndex>();

function indexOf(files: PatchFile[]): SeriesIndex {
  const index: SeriesIndex = { files, last: new Map(), present: new Set() };
  for (const [at, file] of files.entries()) {
    index.last.set(file.path, { file, at });
    if (file.status !== 'deleted') index.present.add(file.path);
  }
  byFiles.set(files, index);
  return index;
}

function seriesIndex(context: LintContext): SeriesIndex | undefined {
  const key = context.series ?? context.patch;
  if (key === undefined) return undefined;
  let index = indexes.get(key);
  if (index === undefined) {
    const patches = Array.isArray(key) ? key : [key];
    index = patches.some((p) => p.files !== undefined) ? indexOf(patches.flatMap((p) => p.files ?? [])) : null;
    indexes.set(key, index);
  }
  return index ?? undefined;
}

/** Every file of the patch and its series, or undefined when nothing is known about them. */
export function seriesFiles(context: LintContext): PatchFile[] | undefined {
  return seriesIndex(context)?.files;
}

/**
 * The file of the series at one of these paths; the last one wins, as a later
 * patch of a series changes what an earlier one added.
 */
export function findFile(files: PatchFile[], candidates: string[]): PatchFile | undefined {
  const index = byFiles.get(files) ?? indexOf(files);
  // Of several candidates, the one the series changes last.
  let found: { file: PatchFile; at: number } | undefined;
  for (const path of candidates) {
    const entry = index.last.get(path);
    if (entry !== undefined && (found === undefined || entry.at > found.at)) found = entry;
  }
  return found?.file;
}

/** Whether some patch of the series adds (or keeps) a file at one of these paths. */
export function seriesHas(context: LintContext, paths: readonly string[]): boolean {
  const index = seriesIndex(context);
  return index !== undefined && paths.some((p) => index.present.has(p));
}
