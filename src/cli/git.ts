// The few things review-post asks git: who the reviewer is, the commits of a
// range as mail, where hooks live.

import { execFileSync } from 'node:child_process';
import { InputError } from '../core/types.js';

function git(args: string[], cwd = process.cwd()): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
    throw new InputError(`git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/** A git config value, '' when unset. */
export function gitConfig(key: string, cwd?: string): string {
  try {
    return git(['config', '--get', key], cwd).trim();
  } catch {
    return '';
  }
}

/** The commits of `range` as `git format-patch` writes them, one mbox. */
export function formatPatchRange(range: string, cwd?: string): Buffer {
  if (range.startsWith('-')) throw new InputError(`--range ${range}: not a revision range`);
  return Buffer.from(git(['format-patch', '--stdout', '--no-signature', range], cwd), 'utf8');
}

/** The hooks folder of the repository at `cwd`, honouring core.hooksPath. */
export function hooksDir(cwd?: string): string {
  return git(['rev-parse', '--path-format=absolute', '--git-path', 'hooks'], cwd).trim();
}
