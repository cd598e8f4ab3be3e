// The author's side: a `sendemail-validate` hook that reviews each mail
// before `git send-email` sends it, and the command that installs it.

import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeLine } from '../core/safe-text.js';
import { InputError } from '../core/types.js';
import { hooksDir } from './git.js';
import { replaceFile } from './output.js';

/** The line that tells our hook from one a person wrote. */
export const HOOK_MARKER = '# Installed by review-post install-hook.';

/** `text` as one word for the shell, whatever it holds: `$(...)`, backticks, quotes, blanks. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const REINSTALL = 'run `review-post install-hook --force`';

/**
 * The hook runs the command as the package's bin does: the bundle, from its
 * code cache (src/bin.cts), with the Node that installed it. The paths are
 * checked when it runs: after the install moved, a `review-post` on PATH is
 * used, else the hook stops the send with one line; after Node moved (an
 * upgrade), the `node` on PATH.
 */
export function hookScript(node = process.execPath, cli = fileURLToPath(new URL('../bin.cjs', import.meta.url))): string {
  const say = (text: string): string => `printf '%s\\n' ${shellQuote(`review-post: ${safeLine(text)}`)} >&2`;
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# git send-email runs it on each mail before sending; a finding at or above',
    '# the fail level stops the whole send. Bypass once: git send-email --no-validate.',
    '# Remove: delete this file.',
    `cli=${shellQuote(cli)}`,
    `node=${shellQuote(node)}`,
    'if [ ! -f "$cli" ]; then',
    '  if command -v review-post >/dev/null 2>&1; then exec review-post --hook "$1"; fi',
    `  ${say(`review-post is no longer at ${cli}; ${REINSTALL}`)}`,
    '  exit 2',
    'fi',
    'if [ ! -x "$node" ]; then',
    `  node=$(command -v node) || { ${say(`node is no longer at ${node}; ${REINSTALL}`)}; exit 2; }`,
    'fi',
    'exec "$node" "$cli" --hook "$1"',
    '',
  ].join('\n');
}

export interface InstallResult {
  path: string;
  replaced: boolean;
}

/**
 * Make the hooks folder and the folders above it that are missing, one by one:
 * `mkdir -p` semantics, but an error (a folder in /proc, a file in the way)
 * is one line, never a retry.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let here = resolve(dir); !existsSync(here); here = dirname(here)) {
    missing.unshift(here);
    if (dirname(here) === here) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      throw new InputError(`cannot make the hooks folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
}

/** What is at `path` now: nothing, our hook, or something else (a person's hook, a symlink, dangling or not). */
function existingHook(path: string): 'none' | 'ours' | 'other' {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return 'none';
  }
  if (!stats.isFile()) return 'other';
  try {
    return readFileSync(path, 'utf8').includes(HOOK_MARKER) ? 'ours' : 'other';
  } catch {
    return 'other';
  }
}

export function installHook(options: { force?: boolean; cwd?: string } = {}): InstallResult {
  const dir = hooksDir(options.cwd);
  const path = join(dir, 'sendemail-validate');
  const existing = existingHook(path);
  if (existing === 'other' && !options.force) {
    throw new InputError(`${path} exists and was not written by review-post; use --force to replace it`);
  }
  makeFolders(dir);
  try {
    // The file itself is replaced, never a file a symlink there points to.
    replaceFile(path, Buffer.from(hookScript(), 'utf8'), 0o755);
  } catch (error) {
    throw new InputError(`${path}: cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { path, replaced: existing !== 'none' };
}
