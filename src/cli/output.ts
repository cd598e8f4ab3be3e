// Writing a report or a reply: atomically, so a half-written file never
// replaces a good one, and never over a file the review read.

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/types.js';

/** The same file: by name, or by inode (a symlink, a hard link, a path through a linked folder). */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

export function writeAtomic(path: string, data: string, inputs: string[] = []): void {
  const target = resolve(path);
  if (inputs.some((i) => i !== '-' && sameFile(i, target))) {
    throw new InputError(`${path}: is one of the inputs; refusing to overwrite it`);
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new InputError(`${path}: cannot be written: ${(error as Error).message.split('\n')[0]}`);
  }
}
