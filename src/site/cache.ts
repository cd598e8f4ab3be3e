// The learned model on disk between runs (`--cache`), one file per site in
// the cache folder, named by a hash of the site's root. A model is read back
// only when its key (every post's path, size and time, the generator's
// config, the model's version) is the one of the checkout as it is now.
// Written atomically; a cache that cannot be read or written is ignored.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteModel } from '../rules/kit/context.js';

function fileFor(dir: string, root: string): string {
  return join(dir, `site-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
}

// Maps and Sets travel as tagged arrays.
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const tagged = value as { $map?: unknown; $set?: unknown };
    if (Array.isArray(tagged.$map)) return new Map(tagged.$map as [unknown, unknown][]);
    if (Array.isArray(tagged.$set)) return new Set(tagged.$set);
  }
  return value;
}

export function readCache(dir: string, root: string, key: string): SiteModel | undefined {
  try {
    const stored = JSON.parse(readFileSync(fileFor(dir, root), 'utf8'), reviver) as { key?: unknown; model?: SiteModel };
    return stored.key === key && stored.model !== undefined ? stored.model : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(dir: string, root: string, key: string, model: SiteModel): void {
  const path = fileFor(dir, root);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, JSON.stringify({ key, model }, replacer));
    renameSync(temp, path);
  } catch {
    // A cache is a convenience: the review goes on without it.
  }
}
