// Issue 15: the promises a hostile-input run found broken, end to end with the
// built command. Nothing is written except where the user asked, never over
// an input or a device; a write error is one line and exit 2; the installed
// hook survives any install path and says in one line when it is stale;
// nothing printed carries raw control characters; --edit cleans up on Ctrl-C.

import { randomBytes } from 'node:crypto';
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchMail } from '../../scripts/patch-mail.js';
import { releasePost } from '../../scripts/release-post.js';
import { hookScript } from '../../src/cli/hook.js';
import { cli, fixture, root } from '../helpers.js';

const V1 = fixture('osv-virtio-fs-v1.mbox');
const SEED = readFileSync(V1);
const isRoot = process.getuid?.() === 0;
/** Raw controls a terminal would act on: C0 but tab and newline, DEL, C1, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'review-post-promises-'));
}

interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function command(args: string[], options: SpawnSyncOptions = {}): Ran {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, input: '', ...options, env: { ...process.env, NO_COLOR: '1', ...options.env } });
  return { status: r.status, signal: r.signal, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Exit 2 and one line on stderr that says `message`, no stack trace. */
function oneLine(run: Ran, message: RegExp): void {
  expect(run.status).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^review-post: /);
  expect(lines[0]).toMatch(message);
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

function repository(dir = scratch()): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

describe('--output onto what is not a regular file', () => {
  it.skipIf(!isRoot)('writes a character device in place (as root, where a rename would replace it)', () => {
    const dir = scratch();
    const device = join(dir, 'null');
    execFileSync('mknod', [device, 'c', '1', '3']);
    const run = command(['--no-config', '--output', device, V1]);
    expect(run.status).toBe(1);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('writes /dev/stdout in place, as a user who cannot make files in /dev', () => {
    // As root the command runs as nobody: a temp file in /dev fails with EACCES there.
    const asUser = isRoot ? { uid: 65534, gid: 65534 } : {};
    const run = command(['--no-config', '--output', '/dev/stdout', V1], { ...asUser, env: { HOME: '/nonexistent' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/\d+ comments on 1 post/);
  });

  it('writes a FIFO in place: the reader gets the report', () => {
    const dir = scratch();
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const out = join(dir, 'read.txt');
    const r = spawnSync('/bin/sh', ['-c', `cat "$1" > "$2" & "$3" "$4" --no-config --output "$1" "$5"; s=$?; wait; exit $s`, 'sh', fifo, out, process.execPath, cli, V1], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readFileSync(out, 'utf8')).toMatch(/\d+ comments on 1 post/);
  });

  it('keeps the mode of a file it replaces', () => {
    const dir = scratch();
    const report = join(dir, 'report.txt');
    writeFileSync(report, 'old');
    chmodSync(report, 0o640);
    expect(command(['--no-config', '--output', report, V1]).status).toBe(1);
    expect(statSync(report).mode & 0o777).toBe(0o640);
    expect(readFileSync(report, 'utf8')).toContain('virtio-fs');
  });

  it('writes through a symlink to a file, and keeps the symlink', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'real.txt'), 'old');
    symlinkSync('real.txt', join(dir, 'link.txt'));
    expect(command(['--no-config', '--output', join(dir, 'link.txt'), V1]).status).toBe(1);
    expect(lstatSync(join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.txt'), 'utf8')).toContain('virtio-fs');
  });
});

describe('a write error is one line and exit 2', () => {
  it('stdout on a full disk (/dev/full)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = command(['--no-config', V1], { stdio: ['pipe', full, 'pipe'] });
      oneLine(run, /the output cannot be written: ENOSPC/);
    } finally {
      closeSync(full);
    }
  });

  it('--output in a folder that cannot be written', () => {
    oneLine(command(['--no-config', '--output', '/proc/report.txt', V1]), /^review-post: \/proc\/report\.txt: cannot be written: /);
  });
});

describe('--output never over what the review read', () => {
  it('the file on stdin', () => {
    const dir = scratch();
    const patch = join(dir, 'p.mbox');
    writeFileSync(patch, SEED);
    const stdin = openSync(patch, 'r');
    try {
      oneLine(command(['--no-config', '--output', patch, '-'], { stdio: [stdin, 'pipe', 'pipe'] }), /p\.mbox: is one of the inputs; refusing to overwrite it$/);
    } finally {
      closeSync(stdin);
    }
    expect(readFileSync(patch)).toEqual(SEED);
  });

  it('the config file named with --config', () => {
    const dir = scratch();
    const config = join(dir, 'c.json');
    writeFileSync(config, '{"failLevel": "error"}\n');
    oneLine(command(['--config', config, '--output', config, V1]), /c\.json: is one of the inputs; refusing to overwrite it$/);
    expect(readFileSync(config, 'utf8')).toBe('{"failLevel": "error"}\n');
  });

  it('the config file found from the current folder, and the same file by another name', () => {
    const dir = scratch();
    writeFileSync(join(dir, '.review-post.json'), '{}\n');
    symlinkSync('.review-post.json', join(dir, 'alias.json'));
    for (const target of ['.review-post.json', 'alias.json', '--reply']) {
      const args = target === '--reply' ? ['--from', 'A <a@b.org>', '--reply', '.review-post.json', V1] : ['--output', target, V1];
      oneLine(command(args, { cwd: dir }), /is one of the inputs; refusing to overwrite it$/);
    }
    expect(readFileSync(join(dir, '.review-post.json'), 'utf8')).toBe('{}\n');
  });
});

describe('the sendemail-validate hook', () => {
  /** A stand-in for node that prints what it was asked to run. */
  function fakeNode(dir: string): string {
    const node = join(dir, 'node');
    writeFileSync(node, '#!/bin/sh\nprintf "%s|" "$@"\n');
    chmodSync(node, 0o755);
    return node;
  }

  it('quotes its paths for the shell: $(...), backticks and quotes in them are only names', () => {
    const base = scratch();
    const dir = join(base, 'a $(touch pwned1) `touch pwned2` "q" \'s\' \\ $HOME');
    mkdirSync(dir);
    const node = fakeNode(dir);
    const bin = join(dir, 'bin.cjs');
    writeFileSync(bin, '');
    const hook = join(base, 'hook');
    writeFileSync(hook, hookScript(node, bin));
    const r = spawnSync('/bin/sh', [hook, 'the mail'], { cwd: base, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${bin}|--hook|the mail|`);
    expect(existsSync(join(base, 'pwned1')) || existsSync(join(base, 'pwned2'))).toBe(false);
  });

  it('says in one line that the install moved, when no review-post is on PATH', () => {
    const base = scratch();
    const hook = join(base, 'hook');
    writeFileSync(hook, hookScript(process.execPath, join(base, 'gone', 'bin.cjs')));
    const r = spawnSync('/bin/sh', [hook, V1], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`review-post: review-post is no longer at ${join(base, 'gone', 'bin.cjs')}; run \`review-post install-hook --force\`\n`);
  });

  it('finds review-post on PATH when the install moved', () => {
    const base = scratch();
    const bin = join(base, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'review-post'), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`);
    chmodSync(join(bin, 'review-post'), 0o755);
    const hook = join(base, 'hook');
    writeFileSync(hook, hookScript(process.execPath, join(base, 'gone', 'bin.cjs')));
    const r = spawnSync('/bin/sh', [hook, V1], { cwd: root, encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(r.stderr).toContain('no-rhetorical-question');
    expect(r.status).toBe(1);
  });

  it('runs with the node on PATH after Node moved, or says in one line that it is gone', () => {
    const base = scratch();
    const hook = join(base, 'hook');
    writeFileSync(hook, hookScript(join(base, 'old-node', 'node'), cli));
    const nodeDir = join(process.execPath, '..');
    const found = spawnSync('/bin/sh', [hook, V1], { cwd: root, encoding: 'utf8', env: { PATH: `${nodeDir}:/usr/bin:/bin` } });
    expect(found.stderr).toContain('no-rhetorical-question');
    expect(found.status).toBe(1);
    const empty = join(base, 'empty');
    mkdirSync(empty);
    const gone = spawnSync('/bin/sh', [hook, V1], { cwd: root, encoding: 'utf8', env: { PATH: empty } });
    expect(gone.status).toBe(2);
    expect(gone.stderr).toBe(`review-post: node is no longer at ${join(base, 'old-node', 'node')}; run \`review-post install-hook --force\`\n`);
  });

  it('install-hook with core.hooksPath in /proc: one line, no endless loop', () => {
    const repo = repository();
    git(repo, 'config', 'core.hooksPath', '/proc/review-post-hooks/x');
    const run = command(['install-hook'], { cwd: repo, timeout: 20_000 });
    expect(run.signal).toBe(null);
    oneLine(run, /cannot make the hooks folder \/proc\/review-post-hooks: ENOENT$/);
  });

  it('install-hook does not write through a dangling symlink without --force', () => {
    const repo = repository();
    const elsewhere = join(scratch(), 'target');
    const hook = join(repo, '.git', 'hooks', 'sendemail-validate');
    symlinkSync(elsewhere, hook);
    oneLine(command(['install-hook'], { cwd: repo }), /sendemail-validate exists and was not written by review-post; use --force to replace it$/);
    expect(existsSync(elsewhere)).toBe(false);
    expect(command(['install-hook', '--force'], { cwd: repo }).status).toBe(0);
    expect(lstatSync(hook).isFile()).toBe(true);
    expect(statSync(hook).mode & 0o777).toBe(0o755);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('install-hook names a repository path with control characters escaped', () => {
    const repo = repository(join(scratch(), 'repo\u001b]0;PWN\u0007'));
    const run = command(['install-hook'], { cwd: repo });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Installed ');
    expect(run.stdout).toContain('repo\\x1b]0;PWN\\x07');
    expect(run.stdout).not.toMatch(RAW_CONTROL);
  });
});

describe("commander's own errors carry no raw control characters", () => {
  it.each([
    ['-f', '-f', 'x\u001b]0;PWN\u0007'],
    ['--fail-level', '--fail-level', '\u001b[2Jloud'],
    ['an unknown option', '--\u001b[31mred', 'x'],
  ])('%s', (_name, option, value) => {
    const run = command([option, value, V1]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^review-post: error: /);
    expect(run.stderr).toContain('\\x1b');
    expect(run.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('release announcements are reviewed, never refused', () => {
  // Node.js-style: a changelog list of items full of links, code spans and bold subsystem names.
  it.each([200, 1000])('a release post of %i changelog items, mailed as a patch', (commits) => {
    const post = releasePost({ commits });
    const mail = patchMail(post.trimEnd().split('\n'), { subject: '[PATCH] Announce Node v18.0.0', path: '_posts/2022-04-19-node-v18.md' });
    const dir = scratch();
    writeFileSync(join(dir, 'release.eml'), mail);
    const run = command(['--no-config', '--format', 'json', join(dir, 'release.eml')], { timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    const report = JSON.parse(run.stdout) as { inputs: { patches: { posts: { path: string }[]; skipped: unknown[] }[] }[] };
    const patch = report.inputs[0]!.patches[0]!;
    expect(patch.posts.map((p) => p.path)).toEqual(['_posts/2022-04-19-node-v18.md']);
    expect(patch.skipped).toEqual([]);
  }, 180_000);
});

describe('memory', () => {
  it('a mail with a 63 MB attachment is reviewed in well under 400 MB', () => {
    const dir = scratch();
    const text = SEED.toString('utf8');
    const split = text.indexOf('\n\n');
    const headers = text.slice(0, split).split('\n').filter((l) => !/^(?:content-type|content-transfer-encoding|mime-version):/i.test(l));
    const base64 = randomBytes(46 * 1024 * 1024).toString('base64').replace(/.{76}/g, '$&\n');
    const mail = [
      ...headers,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      text.slice(split + 2),
      '--b',
      'Content-Type: application/octet-stream',
      'Content-Disposition: attachment; filename="disk.img"',
      'Content-Transfer-Encoding: base64',
      '',
      base64,
      '--b--',
      '',
    ].join('\n');
    expect(mail.length).toBeGreaterThan(63_000_000);
    writeFileSync(join(dir, 'big.eml'), mail);
    // The child's own high-water mark, printed as it exits.
    const report = join(dir, 'report.cjs');
    writeFileSync(report, "process.on('exit', () => require('fs').writeSync(2, `maxRSS ${process.resourceUsage().maxRSS}\\n`));\n");
    const r = spawnSync(process.execPath, ['-r', report, cli, '--no-config', join(dir, 'big.eml')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\d+ comments on 1 post/);
    const kb = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1]);
    expect(kb / 1024).toBeLessThan(400);
  }, 180_000);
});

describe('--edit and Ctrl-C', () => {
  it('removes the draft folder when the editor is interrupted', () => {
    const dir = scratch();
    const seen = join(dir, 'draft-path');
    // Ctrl-C reaches the whole foreground process group: the editor, and us.
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf '%s' "$1" > '${seen}'\nkill -INT 0\nsleep 5\n`);
    chmodSync(editor, 0o755);
    const r = spawnSync('setsid', ['-w', process.execPath, cli, '--no-config', '--reply', join(dir, 'r.eml'), '--from', 'A <a@b.org>', '--edit', V1], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, VISUAL: editor },
    });
    const draft = readFileSync(seen, 'utf8');
    expect(draft).toMatch(/review\.eml$/);
    expect(existsSync(join(draft, '..'))).toBe(false);
    expect(existsSync(join(dir, 'r.eml'))).toBe(false);
    expect(r.stderr).toMatch(/the editor \(.*\) was stopped by SIGINT; nothing was written/);
  });
});
