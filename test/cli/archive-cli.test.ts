// Issue 7, archives end to end: an mbox above the 64 MB input cap is
// streamed and reviewed, on a file or on stdin; a message above the cap is
// skipped with a note. Files are made here at run time.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, root, type Run } from '../helpers.js';

const SEED = readFileSync(fixture('osv-virtio-fs-v1.mbox'));
const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'review-post-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: Buffer): Run {
  const result = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli.js'), '--no-config', '--format', 'json', ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * MB,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function plain(i: number): Buffer {
  return Buffer.from(
    `From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: Someone <s${i}@example.org>\nSubject: Re: [PATCH] thread ${i}\n` +
      `Date: Wed, 4 Nov 2020 10:47:42 +0100\nMessage-ID: <${i}@example.org>\n\n${'Thanks, this looks good to me.\n'.repeat(30)}\n`,
  );
}

/** An mbox of the given parts, written a piece at a time; returns its path. */
function mbox(name: string, parts: Iterable<Buffer>): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  for (const part of parts) writeSync(fd, part);
  closeSync(fd);
  return path;
}

function* plainMessages(from: number, bytes: number): Generator<Buffer> {
  for (let i = from, written = 0; written < bytes; i++) {
    const message = plain(i);
    written += message.length;
    yield message;
  }
}

function* giantMessage(bytes: number): Generator<Buffer> {
  yield Buffer.from('From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: Someone <big@example.org>\nSubject: a big one\n\n');
  const line = Buffer.from(`${'x'.repeat(79)}\n`);
  const block = Buffer.concat(Array.from({ length: MB / line.length }, () => line));
  for (let written = 0; written < bytes; written += block.length) yield block;
  yield Buffer.from('\n');
}

interface Report {
  inputs: { source: string; patches: { subject: string }[]; skipped: { reason: string; damaged?: boolean }[]; unlistedSkips?: number }[];
}

describe('an mbox above 64 MB', () => {
  let path = '';
  let file: Run;
  beforeAll(() => {
    path = mbox('archive-66mb.mbox', (function* () {
      yield* plainMessages(0, 33 * MB);
      yield SEED;
      yield* plainMessages(100_000, 33 * MB);
    })());
    file = run([path]);
  });

  it('is reviewed rather than refused', () => {
    expect(file.status).toBe(1);
    const report = JSON.parse(file.stdout) as Report;
    expect(report.inputs[0]?.patches.map((p) => p.subject)).toEqual(['[qemu-web PATCH] Add virtio-fs in OSv overview blog post']);
    expect(report.inputs[0]?.unlistedSkips).toBeGreaterThan(60_000);
    expect(file.stderr).toMatch(/^review-post: \S+archive-66mb\.mbox: skipped message 1 \(Re: \[PATCH\] thread 0\): reply without a patch; .*; and [\d,]+ more\n$/);
  });

  it('is reviewed the same on stdin, with no progress line in a pipe', () => {
    const stdin = run(['-'], readFileSync(path));
    expect(stdin.status).toBe(1);
    expect(stdin.stdout).toBe(file.stdout.replace(JSON.stringify(path), '"<stdin>"'));
    expect(stdin.stderr).toBe(file.stderr.replace(path, '<stdin>'));
    expect(stdin.stderr).not.toContain('\r');
  });
});

describe('a message above 64 MB in an mbox', () => {
  it('is skipped with a note; the others are reviewed', () => {
    const path = mbox('giant-message.mbox', (function* () {
      yield* plainMessages(0, MB);
      yield* giantMessage(65 * MB);
      yield SEED;
    })());
    const result = run([path]);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.inputs[0]?.patches).toHaveLength(1);
    const note = /^review-post: \S+giant-message\.mbox: message (\d+): more than 64 MB, too large to review$/m.exec(result.stderr);
    expect(note).not.toBeNull();
    expect(report.inputs[0]?.skipped).toContainEqual({ reason: `message ${note?.[1]}: more than 64 MB, too large to review`, damaged: true });
    // A message left unreviewed fails the run, as a damaged patch does.
    expect(result.status).toBe(2);
  });
});
