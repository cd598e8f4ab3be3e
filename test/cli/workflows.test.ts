// The three workflows with the real programs they meet: git send-email,
// git format-patch, mailparser reading the reply back.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { cli, fixture, missingSendEmail, reviewPost, root, seedPost, skipping } from '../helpers.js';

const V1 = fixture('osv-virtio-fs-v1.mbox');
const REVIEWER = 'Thomas Huth <thuth@redhat.com>';
const NO_SEND_EMAIL = missingSendEmail();

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_EDITOR: 'true' } });
}

/** A website repository with the seed post (v1) committed on top of an empty start. */
function siteRepo(post = seedPost()): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-site-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Fotis Xenakis');
  git(dir, 'config', 'user.email', 'foxen@windowslive.com');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'Start');
  mkdirSync(join(dir, '_posts'));
  writeFileSync(join(dir, '_posts', '2020-11-04-osv-virtio-fs.md'), post);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Add virtio-fs in OSv overview blog post', '-m', 'Signed-off-by: Fotis Xenakis <foxen@windowslive.com>');
  return dir;
}

/** A short post with nothing to say about it. */
const CLEAN_POST = `---
layout: post
title:  "Sharing files with virtio-fs"
author: Fotis Xenakis
date:   2020-11-04 02:00:00 +0200
categories: [storage, virtio-fs]
---

[Virtio-fs](https://virtio-fs.gitlab.io/) lets a guest use a directory of the
host as its own file system. Start the daemon on the host and point QEMU at it:

\`\`\`
virtiofsd --socket-path=/tmp/vhostqemu -o source=/srv/share
\`\`\`

The [documentation](https://virtio-fs.gitlab.io/howto-qemu.html) has the details.
`;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the maintainer: --reply and --format mail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-reply-'));
  const file = join(dir, 'review.eml');
  const result = reviewPost(['--reply', file, '--from', REVIEWER, V1]);

  it('writes the reply and says so, exit 0: there is a reply to send', () => {
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`review-post: wrote ${file}\n`);
    expect(result.stdout).toBe('');
  });

  it('parses back with mailparser to the headers a threaded reply needs', async () => {
    const mail = await simpleParser(readFileSync(file));
    const seedId = '<AM0PR03MB62920E8F53722876D6FD3D30A6EF0@AM0PR03MB6292.eurprd03.prod.outlook.com>';
    expect(mail.from?.value).toEqual([{ name: 'Thomas Huth', address: 'thuth@redhat.com' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ name: 'Fotis Xenakis', address: 'foxen@windowslive.com' }]);
    // The original To and Cc, less the author (now in To) and the reviewer.
    expect(mail.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((m) => m.address) : []).toEqual([
      'qemu-devel@nongnu.org',
      'virtio-fs@redhat.com',
    ]);
    expect(mail.subject).toBe('Re: [qemu-web PATCH] Add virtio-fs in OSv overview blog post');
    expect(mail.inReplyTo).toBe(seedId);
    expect(mail.references).toBe(seedId);
    expect(mail.messageId).toMatch(/^<\d{14}\.review-post\.[0-9a-f]{12}@redhat\.com>$/);
    expect(mail.date?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'text/plain', params: { charset: 'UTF-8' } });
  });

  it('carries the inline review and ends with the reviewer name', async () => {
    const mail = await simpleParser(readFileSync(file));
    const review = reviewPost([V1]).stdout.replace(/\n\n\d+ comments on 1 post\.\n$/, '\n');
    expect(review).not.toMatch(/comments on/);
    expect(mail.text).toBe(`${review}\nThomas Huth\n`);
  });

  it('prints the same message on stdout with --format mail', () => {
    const printed = reviewPost(['--format', 'mail', '--from', REVIEWER, V1]).stdout;
    const written = readFileSync(file, 'utf8');
    const strip = (m: string): string => m.replace(/^(Date|Message-ID): .*$/gm, '');
    expect(strip(printed)).toBe(strip(written));
  });

  it('threads under a long References chain, the message-ids apart by whitespace only (RFC 5322 3.6.4)', async () => {
    const earlier = Array.from({ length: 4 }, (_, i) => `<cover-letter-and-earlier-version-${i}.1234567890@mail.example.org>`);
    const seedId = '<AM0PR03MB62920E8F53722876D6FD3D30A6EF0@AM0PR03MB6292.eurprd03.prod.outlook.com>';
    const patch = readFileSync(V1, 'utf8').replace(/^Message-ID: .*$/m, (line) => `${line}\nReferences: ${earlier.join(' ')}`);
    const out = reviewPost(['--format', 'mail', '--from', REVIEWER, '-'], { input: patch }).stdout;
    const header = /^References: (.*(?:\n[ \t].*)*)$/m.exec(out)![1]!;
    // Folded before 78 columns, except where one id is longer (it cannot be cut).
    expect(header.split('\n').every((l) => `References: ${l}`.length <= 78 || l.trim().split(/\s+/).length === 1)).toBe(true);
    expect(header).not.toContain(',');
    expect(header.split(/\s+/)).toEqual([...earlier, seedId]);
    expect((await simpleParser(out)).references).toEqual([...earlier, seedId]);
  });

  it('says in one line that a reply to a patch without Message-ID cannot thread', () => {
    const patch = readFileSync(V1, 'utf8').replace(/^Message-ID: .*\n/m, '');
    const run = reviewPost(['--format', 'mail', '--from', REVIEWER, '-'], { input: patch });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'review-post: "[qemu-web PATCH] Add virtio-fs in OSv overview blog post" has no Message-ID, so the reply cannot thread under it (no In-Reply-To)\n',
    );
    expect(run.stdout).not.toMatch(/^(?:In-Reply-To|References):/m);
  });

  it('exits so that `--reply r.eml p.mbox && git send-email r.eml` sends a reply only when there is one', () => {
    const repo = siteRepo(CLEAN_POST);
    writeFileSync(join(repo, 'clean.patch'), git(repo, 'format-patch', '-1', '--stdout'));
    const chain = (patch: string): { status: number | null; sent: boolean; written: boolean } => {
      rmSync(join(repo, 'r.eml'), { force: true });
      const line = `"${process.execPath}" "${cli}" --reply r.eml --from "${REVIEWER}" "${patch}" && echo would send r.eml`;
      const r = spawnSync('/bin/sh', ['-c', line], { cwd: repo, encoding: 'utf8' });
      return { status: r.status, sent: r.stdout.includes('would send r.eml'), written: existsSync(join(repo, 'r.eml')) };
    };
    expect(chain(V1)).toEqual({ status: 0, sent: true, written: true });
    // Nothing to say: nothing written, and the `&&` stops before git send-email.
    expect(chain('clean.patch')).toEqual({ status: 1, sent: false, written: false });
  });

  it('never writes "Re: Re:"', async () => {
    const reply = readFileSync(V1, 'utf8').replace('Subject: [qemu-web PATCH]', 'Subject: Re: [qemu-web PATCH]');
    const out = reviewPost(['--format', 'mail', '--from', REVIEWER, '-'], { input: reply }).stdout;
    expect((await simpleParser(out)).subject).toBe('Re: [qemu-web PATCH] Add virtio-fs in OSv overview blog post');
  });

  it.skipIf(skipping(NO_SEND_EMAIL))('is accepted as is by git send-email', () => {
    const repo = siteRepo();
    git(repo, 'config', 'user.name', 'Thomas Huth');
    git(repo, 'config', 'user.email', 'thuth@redhat.com');
    const sent = run('git', ['send-email', '--dry-run', '--confirm=never', '--smtp-server=/bin/true', file], repo);
    expect(sent.out).toContain('Result: OK');
    expect(sent.status).toBe(0);
    expect(sent.out).toContain('Subject: Re: [qemu-web PATCH] Add virtio-fs in OSv overview blog post');
    expect(sent.out).toMatch(/In-Reply-To: <AM0PR03MB62920E8F53722876D6FD3D30A6EF0@/);
    expect(sent.out).toMatch(/Sendmail: \/bin\/true -i foxen@windowslive\.com .*qemu-devel@nongnu\.org/);
  });

  it('takes the reviewer from git config when there is no --from', async () => {
    const repo = siteRepo();
    git(repo, 'config', 'user.name', 'Ann Reviewer');
    git(repo, 'config', 'user.email', 'ann@example.org');
    const out = run(process.execPath, [cli, '--format', 'mail', V1], repo).out;
    expect((await simpleParser(out)).from?.value).toEqual([{ name: 'Ann Reviewer', address: 'ann@example.org' }]);
  });

  it('opens the draft in $EDITOR with --edit and writes what the editor left', () => {
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "\\nOne more thing: thanks!\\n" >> "$1"\n');
    chmodSync(editor, 0o755);
    const edited = join(dir, 'edited.eml');
    const r = reviewPost(['--reply', edited, '--edit', '--from', REVIEWER, V1], { env: { EDITOR: editor, VISUAL: '' } });
    expect(r.status).toBe(0);
    expect(readFileSync(edited, 'utf8').endsWith('Thomas Huth\n\nOne more thing: thanks!\n')).toBe(true);
  });

  it('writes nothing when the editor fails', () => {
    const target = join(dir, 'aborted.eml');
    const r = reviewPost(['--reply', target, '--edit', '--from', REVIEWER, V1], { env: { EDITOR: 'false', VISUAL: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the editor \(false\) failed; nothing was written/);
    expect(existsSync(target)).toBe(false);
  });
});

describe('the author: the sendemail-validate hook', () => {
  const fakeSmtp = (): { server: string; sent: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'review-post-smtp-'));
    const server = join(dir, 'smtp.sh');
    const sent = join(dir, 'sent.txt');
    writeFileSync(server, `#!/bin/sh\ncat >> "${sent}"\n`);
    chmodSync(server, 0o755);
    return { server, sent };
  };

  it.skipIf(skipping(NO_SEND_EMAIL))('installs a hook that rejects a flawed post before anything is sent', () => {
    const repo = siteRepo();
    const installed = run(process.execPath, [cli, 'install-hook'], repo);
    expect(installed.status).toBe(0);
    expect(installed.out).toContain('git send-email --no-validate');
    const { server, sent } = fakeSmtp();
    const r = run('git', ['send-email', '--confirm=never', `--smtp-server=${server}`, '--to=list@example.org', '-1'], repo);
    expect(r.out).toContain('rejected by sendemail-validate hook');
    expect(r.out).toContain("_posts/2020-11-04-osv-virtio-fs.md:34: WARNING:no-rhetorical-question: I'd rather say");
    expect(existsSync(sent)).toBe(false);
    // The hook leaves nothing behind in the work tree.
    expect(git(repo, 'status', '--porcelain')).toBe('');
  });

  it.skipIf(skipping(NO_SEND_EMAIL))('lets a clean post through, and a cover letter', () => {
    const repo = siteRepo(CLEAN_POST);
    expect(run(process.execPath, [cli, 'install-hook'], repo).status).toBe(0);
    const { server, sent } = fakeSmtp();
    const out = mkdtempSync(join(tmpdir(), 'review-post-series-'));
    git(repo, 'format-patch', '-q', '--cover-letter', '-1', '-o', out);
    const cover = join(out, '0000-cover-letter.patch');
    writeFileSync(cover, readFileSync(cover, 'utf8').replace('*** SUBJECT HERE ***', 'A post on virtio-fs'));
    const files = readdirSync(out).map((f) => join(out, f));
    const r = run('git', ['send-email', '--confirm=never', `--smtp-server=${server}`, '--to=list@example.org', ...files], repo);
    expect(r.out).not.toContain('rejected');
    expect(r.status).toBe(0);
    expect(readFileSync(sent, 'utf8').match(/^Subject: /gm)).toHaveLength(2);
  });

  it('honours core.hooksPath and refuses to replace a hook it did not write', () => {
    const repo = siteRepo();
    git(repo, 'config', 'core.hooksPath', 'my-hooks');
    mkdirSync(join(repo, 'my-hooks'));
    writeFileSync(join(repo, 'my-hooks', 'sendemail-validate'), '#!/bin/sh\nexit 0\n');
    const refused = run(process.execPath, [cli, 'install-hook'], repo);
    expect(refused.status).toBe(2);
    expect(refused.out).toMatch(/my-hooks\/sendemail-validate exists and was not written by review-post; use --force/);
    expect(run(process.execPath, [cli, 'install-hook', '--force'], repo).status).toBe(0);
    expect(readFileSync(join(repo, 'my-hooks', 'sendemail-validate'), 'utf8')).toContain('--hook "$1"');
    expect(readdirSync(join(repo, '.git', 'hooks')).includes('sendemail-validate')).toBe(false);
    // Installing again over its own hook needs no --force.
    expect(run(process.execPath, [cli, 'install-hook'], repo).status).toBe(0);
  });
});

describe('CI: --range and --output', () => {
  it('reviews the commits of a range through git format-patch', () => {
    const repo = siteRepo();
    const r = run(process.execPath, [cli, '--format', 'json', '--range', 'HEAD~1..HEAD'], repo);
    const report = JSON.parse(r.out.slice(0, r.out.lastIndexOf('}') + 1)) as { summary: { posts: number }; inputs: { source: string }[] };
    expect(report.inputs[0]!.source).toBe('HEAD~1..HEAD');
    expect(report.summary.posts).toBe(1);
    expect(r.status).toBe(1);
  });

  it('says in one line when the range is not one', () => {
    const r = run(process.execPath, [cli, '--range', 'nope..HEAD'], siteRepo());
    expect(r.status).toBe(2);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.out).toMatch(/^review-post: git format-patch failed: fatal: ambiguous argument 'nope\.\.HEAD'/);
  });

  it('writes the report with --output, and never over an input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-post-out-'));
    const out = join(dir, 'report.json');
    expect(reviewPost(['--format', 'json', '--output', out, V1]).stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { summary: { findings: number } }).summary.findings).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['report.json']);
    const input = join(dir, 'patch.mbox');
    writeFileSync(input, readFileSync(V1));
    const r = reviewPost(['--output', input, input]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is one of the inputs; refusing to overwrite it/);
    expect(readFileSync(input)).toEqual(readFileSync(V1));
  });
});
