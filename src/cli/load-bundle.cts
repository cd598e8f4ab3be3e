// Loads the one-file bundle through node:vm so that V8 can take its compiled
// code from dist/review-post.cache instead of compiling it again: Node 20 has
// no compile cache of its own (module.enableCompileCache came in Node 22).
// V8 rejects a cache made by another V8 version or with other flags, and then
// simply compiles: a stale or missing cache costs time, never correctness.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

export interface BundleExports {
  runCommand(argv: string[]): void;
  warmUp(mbox: string): Promise<void>;
}

export interface LoadedBundle {
  exports: BundleExports;
  /** V8's code cache of the bundle, with every function compiled so far. */
  codeCache(): Buffer;
}

export const BUNDLE = 'review-post.cjs';
export const CACHE = 'review-post.cache';

/** Run dist/review-post.cjs (dist is `dir`) as CommonJS would, from the code cache when it fits. */
export function loadBundle(dir: string, options: { useCache?: boolean } = {}): LoadedBundle {
  const file = join(dir, BUNDLE);
  const cacheFile = join(dir, CACHE);
  const source = readFileSync(file, 'utf8');
  const cachedData = options.useCache !== false && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // CommonJS's own wrapper, so that the bundle sees the usual module variables.
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const bundle = { exports: {} as BundleExports };
  const run = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
  run(bundle.exports, createRequire(file), bundle, file, dir);
  return { exports: bundle.exports, codeCache: () => script.createCachedData() };
}

/** Write the code cache after a warm-up review (npm run build does this). */
export async function writeCodeCache(dir: string, mbox: string): Promise<void> {
  const bundle = loadBundle(dir, { useCache: false });
  await bundle.exports.warmUp(mbox);
  writeFileSync(join(dir, CACHE), bundle.codeCache());
}
