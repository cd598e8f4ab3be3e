// `--fix` as a user runs it: a post rewritten in place, a dry run, and the
// next version of a patch mail that git applies and commits.

import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitBlobHash } from '../../src/fix/blob.js';
import { fixture, reviewPost, seedPost } from '../helpers.js';

const POST = '2020-11-04-osv-virtio-fs.md';
const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'review-post-fix-'));
}

describe('review-post --fix POST.md', () => {
  it('rewrites the post in place, keeping its mode, and lists what it fixed', () => {
    const dir = scratch();
    const path = join(dir, POST);
    writeFileSync(path, seedPost());
    chmodSync(path, 0o640);
    const run = reviewPost(['--no-config', '--fix', POST], { cwd: dir });
    expect(run.stdout.split('\n')).toEqual([
      `${POST}:71: fixed doubled-words: "based of off" -> "based on"`,
      `${POST}:80: fixed confusables: "were" -> "where"`,
      '2 fixes made; 6 findings left for the author',
      '',
    ]);
    // Findings are left: the exit status says so, as the review's does.
    expect(run.status).toBe(1);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    const fixed = readFileSync(path, 'utf8');
    expect(fixed).toContain('This is where\n');
    expect(reviewPost(['--no-config', '--format', 'terse', POST], { cwd: dir }).stdout).not.toMatch(/confusables|doubled-words/);
  });

  it('keeps CRLF line ends', () => {
    const dir = scratch();
    const path = join(dir, POST);
    writeFileSync(path, seedPost().replace(/\n/g, '\r\n'));
    reviewPost(['--no-config', '--fix', POST], { cwd: dir });
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.slice(0, -1).every((l) => l.endsWith('\r'))).toBe(true);
    expect(lines).toContain('device model means duplication, as well as loss of efficiency. This is where\r');
  });

  it('--dry-run writes nothing and prints the diff that git applies to the same result', () => {
    const dir = scratch();
    const path = join(dir, POST);
    writeFileSync(path, seedPost());
    const before = readFileSync(path);
    const run = reviewPost(['--no-config', '--fix', '--dry-run', POST], { cwd: dir });
    expect(readFileSync(path)).toEqual(before);
    expect(run.stdout).toMatch(/^--- a\/2020-11-04-osv-virtio-fs\.md\n\+\+\+ b\/2020-11-04-osv-virtio-fs\.md\n@@ -68,8 \+68,8 @@\n/);
    writeFileSync(join(dir, 'fix.diff'), run.stdout);
    git(dir, 'apply', 'fix.diff');
    const copy = join(scratch(), POST);
    writeFileSync(copy, seedPost());
    reviewPost(['--no-config', '--fix', copy]);
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(copy, 'utf8'));
  });

  it('refuses bad usage and input with one line and status 2', () => {
    const dir = scratch();
    for (const args of [['--fix', 'missing.md'], ['--dry-run', fixture('osv-virtio-fs-v1.mbox')], ['--fix', '--reply', 'r.eml', fixture('osv-virtio-fs-v1.mbox')]]) {
      const run = reviewPost(['--no-config', ...args], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('review-post --fix --output v2.patch v1.mbox', () => {
  const dir = scratch();
  const run = reviewPost(['--no-config', '--fix', '--output', 'v2.patch', fixture('osv-virtio-fs-v1.mbox')], { cwd: dir });
  const patch = readFileSync(join(dir, 'v2.patch'), 'utf8');

  it('writes the next version: v2 subject with the list prefix, same author and message, a changelog', () => {
    expect(run.stdout).toContain('wrote v2.patch');
    expect(patch).toMatch(/^From 0{40} Mon Sep 17 00:00:00 2001\nFrom: Fotis Xenakis <foxen@windowslive.com>\nDate: Wed, 4 Nov 2020 02:42:22 \+0200\nSubject: \[qemu-web PATCH v2\] Add virtio-fs in OSv overview blog post\n/);
    expect(patch).toContain('Signed-off-by: Fotis Xenakis <foxen@windowslive.com>\n---\nChanges in v2:\n- "based of off" -> "based on" (doubled-words, _posts/2020-11-04-osv-virtio-fs.md:71)\n');
    expect(patch).toContain(' _posts/2020-11-04-osv-virtio-fs.md           | 123 +++++++++++++++++++\n');
  });

  it('applies to an empty repository, and git am commits the fixed post under the blob its index line names', () => {
    const repo = scratch();
    git(repo, 'init', '-q');
    git(repo, 'apply', '--check', join(dir, 'v2.patch'));
    git(repo, 'am', '-q', join(dir, 'v2.patch'));
    expect(git(repo, 'log', '-1', '--format=%an <%ae>%n%s')).toBe('Fotis Xenakis <foxen@windowslive.com>\nAdd virtio-fs in OSv overview blog post\n');
    const committed = readFileSync(join(repo, '_posts', POST), 'utf8');
    expect(committed).toContain('This is where\n');
    expect(committed).toContain("based\non FreeBSD's.");
    const index = /^index 0000000\.\.([0-9a-f]+)$/m.exec(patch)![1]!;
    expect(gitBlobHash(committed).startsWith(index)).toBe(true);
    expect(git(repo, 'rev-parse', `HEAD:_posts/${POST}`).trim()).toBe(gitBlobHash(committed));
  });
});

describe('--fix on a patch that changes a post', () => {
  // A checkout with the seed post, and a commit that adds a slip to it.
  const repo = scratch();
  mkdirSync(join(repo, '_posts'));
  git(repo, 'init', '-q');
  writeFileSync(join(repo, '_posts', POST), seedPost());
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'Add the post');
  writeFileSync(join(repo, '_posts', POST), seedPost().replace('rapid unikernel reconfiguration.\n', 'rapid unikernel reconfiguration.\n\nThis is were it all comes together.\n'));
  git(repo, 'commit', '-q', '-am', 'Add a closing line\n\nSigned-off-by: Test <test@example.org>');
  writeFileSync(join(repo, 'change.patch'), git(repo, 'format-patch', '-1', '--stdout', '--subject-prefix=qemu-web PATCH'));
  git(repo, 'reset', '-q', '--hard', 'HEAD~1');

  it('names the fixed blob from the checkout, and the patch applies on the base', () => {
    const run = reviewPost(['--no-config', '--fix', '--output', 'v2.patch', 'change.patch'], { cwd: repo });
    expect(run.stdout).toContain('fixed confusables: "were" -> "where"');
    const patch = readFileSync(join(repo, 'v2.patch'), 'utf8');
    expect(patch).toContain('+This is where it all comes together.\n');
    git(repo, 'apply', '--check', 'v2.patch');
    git(repo, 'am', '-q', 'v2.patch');
    const index = /^index [0-9a-f]+\.\.([0-9a-f]+) 100644$/m.exec(patch)![1]!;
    expect(git(repo, 'rev-parse', `HEAD:_posts/${POST}`).startsWith(index)).toBe(true);
  });

  it('leaves the index line out, saying so, when the base is not at hand', () => {
    const elsewhere = scratch();
    copyFileSync(join(repo, 'change.patch'), join(elsewhere, 'change.patch'));
    const run = reviewPost(['--no-config', '--fix', '--output', 'v2.patch', 'change.patch'], { cwd: elsewhere });
    expect(run.stderr).toContain('the index line was left out');
    const patch = readFileSync(join(elsewhere, 'v2.patch'), 'utf8');
    expect(patch).not.toMatch(/^index /m);
    git(repo, 'checkout', '-q', 'HEAD~1');
    git(repo, 'apply', '--check', join(elsewhere, 'v2.patch'));
  });
});

describe('--fix on a series', () => {
  it('writes every message one version up, the cover letter and a binary-only patch included, and git am takes the patches', () => {
    const dir = scratch();
    const run = reviewPost(['--no-config', '--fix', '--output', 'v2.mbox', fixture('patch', 'series-cover-letter.mbox')], { cwd: dir });
    expect(run.stdout).toContain('wrote v2.mbox');
    const mbox = readFileSync(join(dir, 'v2.mbox'), 'utf8');
    expect(mbox.match(/^Subject: .*$/gm)).toEqual([
      'Subject: [qemu-web PATCH v2 0/2] Add virtio-fs in OSv overview blog post',
      'Subject: [qemu-web PATCH v2 1/2] Add virtio-fs in OSv overview blog post',
      'Subject: [qemu-web PATCH v2 2/2] Add the unikernel vs GPOS illustration',
    ]);
    // git am takes a cover letter for an empty patch, as it does format-patch's own.
    const patches = mbox.split(/\n(?=From 0{40} )/).slice(1).join('\n');
    writeFileSync(join(dir, 'patches.mbox'), patches);
    const repo = scratch();
    git(repo, 'init', '-q');
    git(repo, 'am', '-q', join(dir, 'patches.mbox'));
    expect(git(repo, 'ls-files').split('\n')).toEqual(['_posts/2020-11-04-osv-virtio-fs.md', 'screenshots/2020-11-04-unikernel-vs-gpos.png', '']);
  });

  it('refuses, in one line, a series whose later patch changes a post the fixes changed', () => {
    const run = reviewPost(['--no-config', '--fix', '--output', join(scratch(), 'v2.mbox'), fixture('mail', 'series.mbox')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^review-post: "\[qemu-web PATCH 2\/3\] .*" changes _posts\/2020-11-04-osv-virtio-fs\.md again after fixes to it in an earlier patch/)]);
  });
});
