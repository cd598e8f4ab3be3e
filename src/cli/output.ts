// Writing a report or a reply where the user asked, and a post `--fix` was
// asked to fix in place: a regular file is replaced atomically (a
// half-written file never replaces a good one) and keeps its mode; a device,
// a FIFO or one of our own file descriptors (`/dev/null`, `/dev/stdout`) is
// written in place, since renaming a temp file
// over it would replace the device with a file (as root) or fail (a temp file
// cannot be made in /dev). Never over a file the review read: a named input,
// the file on stdin, a config file.

import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/types.js';

function statOrUndefined(path: string | number): Stats | undefined {
  try {
    return typeof path === 'number' ? fstatSync(path) : statSync(path);
  } catch {
    return undefined;
  }
}

function sameStats(x: Stats | undefined, y: Stats | undefined): boolean {
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}

/** `-` is stdin: the file behind it, when it is one, is an input like a named one. */
function isInput(input: string, target: string, targetStats: Stats | undefined): boolean {
  if (input === '-') return targetStats !== undefined && targetStats.isFile() && sameStats(statOrUndefined(0), targetStats);
  // The same file by name, or by inode (a symlink, a hard link, a path through a linked folder).
  return resolve(input) === target || sameStats(statOrUndefined(input), targetStats);
}

/** Where `path` ends after its symlinks, and whether that is a file descriptor of a process (`/dev/stdout`, `/dev/fd/3`). */
function destination(path: string): { path: string; fd?: number; descriptor: boolean } {
  let here = resolve(path);
  for (let hop = 0; hop < 40; hop++) {
    let folder: string;
    try {
      folder = realpathSync(dirname(here));
    } catch {
      return { path: here, descriptor: false };
    }
    const fds = /^\/proc\/(self|\d+)\/fd$/.exec(folder);
    if (fds) {
      const own = fds[1] === 'self' || Number(fds[1]) === process.pid;
      const fd = Number(basename(here));
      return own && Number.isInteger(fd) ? { path: here, fd, descriptor: true } : { path: here, descriptor: true };
    }
    here = join(folder, basename(here));
    let link: string;
    try {
      if (!lstatSync(here).isSymbolicLink()) break;
      link = readlinkSync(here);
    } catch {
      break;
    }
    here = resolve(dirname(here), link);
  }
  return { path: here, descriptor: false };
}

function writeAll(fd: number, data: Buffer): void {
  for (let at = 0; at < data.length; ) at += writeSync(fd, data, at, data.length - at);
}

/** A device, a FIFO, a descriptor: written as it is, never created, never replaced. */
function writeInPlace(path: string, fd: number | undefined, data: Buffer): void {
  if (fd !== undefined) {
    writeAll(fd, data);
    return;
  }
  const opened = openSync(path, constants.O_WRONLY | constants.O_APPEND);
  try {
    writeAll(opened, data);
  } finally {
    closeSync(opened);
  }
}

/**
 * Replace a regular file atomically: a temp file beside it, then a rename.
 * `like` is the file it replaces, whose mode and owner it keeps; `mode`, when
 * given, is the mode it gets.
 */
export function replaceFile(target: string, data: Buffer, mode?: number, like?: Stats): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    // A new file gets 0666 less the umask, as `>` would give it.
    writeFileSync(temp, data, { mode: 0o666, flag: 'wx' });
    if (like && process.getuid?.() === 0) chownSync(temp, like.uid, like.gid);
    if (mode !== undefined || like) chmodSync(temp, mode ?? like!.mode & 0o7777);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Write `data` to `path`, which must not be one of `inputs` (file names, `-`
 * for stdin, config files).
 */
export function writeAtomic(path: string, data: string, inputs: readonly string[] = []): void {
  const where = destination(path);
  const existing = statOrUndefined(where.fd ?? where.path);
  if (inputs.some((input) => isInput(input, where.path, existing))) {
    throw new InputError(`${path}: is one of the inputs; refusing to overwrite it`);
  }
  const bytes = Buffer.from(data, 'utf8');
  try {
    if (where.descriptor || (existing !== undefined && !existing.isFile())) {
      if (existing?.isDirectory()) throw new InputError(`${path}: is a folder, not a file`);
      writeInPlace(where.path, where.fd, bytes);
    } else {
      replaceFile(where.path, bytes, undefined, existing);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot be written: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Rewrite a file the user asked to have rewritten (`--fix`): atomically, keeping its mode and owner, through a symlink to its target. */
export function rewriteFile(path: string, data: string): void {
  let target: string;
  let info: Stats;
  try {
    target = realpathSync(path);
    info = statSync(target);
  } catch (error) {
    throw new InputError(`${path}: cannot be rewritten: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!info.isFile()) throw new InputError(`${path}: not a regular file; refusing to rewrite it`);
  try {
    replaceFile(target, Buffer.from(data, 'utf8'), undefined, info);
  } catch (error) {
    throw new InputError(`${path}: cannot be written: ${(error as Error).message.split('\n')[0]}`);
  }
}
