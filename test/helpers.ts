// Running the built command the way a user does, in a child process.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { postOf } from '../scripts/seed-post.js';
import { PRESETS } from '../src/config/settings.js';

export const root = join(import.meta.dirname, '..');
export const fixture = (...parts: string[]): string => join(root, 'fixtures', ...parts);
export const shared = (...parts: string[]): string => join(root, '..', 'shared', ...parts);

/** Why `../shared/<parts>` cannot be used here, or undefined when it is there. */
export function missingShared(...parts: string[]): string | undefined {
  return existsSync(shared(...parts)) ? undefined : `../shared/${parts.join('/')} is not beside the repository`;
}

/** Why git send-email cannot be run here, or undefined when it is installed. */
export function missingSendEmail(): string | undefined {
  const execPath = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
  return existsSync(join(execPath, 'git-send-email')) ? undefined : 'git send-email is not installed (Debian and Ubuntu package: git-email)';
}

/** Each reason once per test file, however many tests it skips. */
const said = new Set<string>();

/**
 * For `it.skipIf`: true when `why` says what is missing, and then said on
 * stderr, so that a skip is never silent (vitest's summary only counts them).
 */
export function skipping(why: string | undefined): boolean {
  if (why === undefined) return false;
  if (!said.has(why)) console.warn(`skipped: ${why}`);
  said.add(why);
  return true;
}

/** The default preset's posts glob, for reading patches as the default review does. */
export const POSTS = { posts: PRESETS['qemu-web'].posts };

/** What users run: the package's bin, so that the tests start the command the same way. */
export const cli = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['review-post']!);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function reviewPost(
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {},
): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The parent's colour settings must not leak into what a test asserts.
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, options.env);
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? root,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The post a seed mbox adds: its `+` lines after the hunk header. */
export function seedPost(name = 'osv-virtio-fs-v1.mbox'): string {
  return postOf(fixture(name));
}
