// The data files in data/: word lists and phrase lists that the language
// rules read, kept out of code so they are easy to extend.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let dataDir: string | undefined;

/** data/ of this package: found upwards from this module, in src/ and in dist/src/ alike. */
function findDataDir(): string {
  // import.meta.url, not .dirname: the bundle rewrites the one to where this module was built.
  const here = dirname(fileURLToPath(import.meta.url));
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data');
    if (existsSync(join(candidate, 'vocabulary.txt'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`review-post: no data/ folder above ${here}`);
}

export function dataPath(name: string): string {
  dataDir ??= findDataDir();
  return join(dataDir, name);
}

/**
 * Lines of a data text, without comments, surrounding blanks and empty lines.
 * A comment starts at a `#` that opens the line or follows a blank, so that
 * terms such as "C#" stay whole.
 */
export function dataLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const hash = raw.search(/(?:^|\s)#/);
    const line = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (line !== '') lines.push(line);
  }
  return lines;
}

export function readDataLines(name: string): string[] {
  return dataLines(readFileSync(dataPath(name), 'utf8'));
}
