// The author's side: a `sendemail-validate` hook that reviews each mail
// before `git send-email` sends it, and the command that installs it.

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hooksDir } from './git.js';
import { InputError } from '../core/types.js';

/** The line that tells our hook from one a person wrote. */
export const HOOK_MARKER = '# Installed by review-post install-hook.';

/** The hook runs the command as the package's bin does: the bundle, from its code cache (src/bin.cts). */
export function hookScript(node = process.execPath, cli = fileURLToPath(new URL('../bin.cjs', import.meta.url))): string {
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# git send-email runs it on each mail before sending; a finding at or above',
    '# the fail level stops the whole send. Bypass once: git send-email --no-validate.',
    '# Remove: delete this file.',
    `exec "${node}" "${cli}" --hook "$1"`,
    '',
  ].join('\n');
}

export interface InstallResult {
  path: string;
  replaced: boolean;
}

export function installHook(options: { force?: boolean; cwd?: string } = {}): InstallResult {
  const dir = hooksDir(options.cwd);
  const path = join(dir, 'sendemail-validate');
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (existing !== undefined && !existing.includes(HOOK_MARKER) && !options.force) {
    throw new InputError(`${path} exists and was not written by review-post; use --force to replace it`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, hookScript());
  chmodSync(path, 0o755);
  return { path, replaced: existing !== undefined };
}
