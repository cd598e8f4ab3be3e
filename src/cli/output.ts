// Writing a report or a reply: atomically, so a half-written file never
// replaces a good one, and never over a file the review read; and rewriting
// a post that `--fix` was asked to fix in place, its mode kept.

import { randomBytes } from 'node:crypto';
import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Write `data` to a new file beside `target` and rename it over `target`: never half a file. */
function writeThrough(target: string, shown: string, data: string, mode?: number): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data, mode === undefined ? {} : { mode });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new InputError(`${shown}: cannot be written: ${(error as Error).message.split('\n')[0]}`);
  }
}

export function writeAtomic(path: string, data: string, inputs: string[] = []): void {
  const target = resolve(path);
  if (inputs.some((i) => i !== '-' && sameFile(i, target))) {
    throw new InputError(`${path}: is one of the inputs; refusing to overwrite it`);
  }
  writeThrough(target, path, data);
}

/** Rewrite a file the user asked to have rewritten (`--fix`): atomically, keeping its mode, through a symlink to its target. */
export function replaceFile(path: string, data: string): void {
  let target: string;
  let mode: number;
  try {
    target = realpathSync(path);
    const info = statSync(target);
    if (!info.isFile()) throw new InputError(`${path}: not a regular file; refusing to rewrite it`);
    mode = info.mode & 0o7777;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot be rewritten: ${(error as Error).message.split('\n')[0]}`);
  }
  writeThrough(target, path, data, mode);
}
