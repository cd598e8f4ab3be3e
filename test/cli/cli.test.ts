// End to end: the built command on real-shaped mail, as a user runs it.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colourLevel } from '../../src/cli/run.js';
import type { Finding } from '../../src/core/types.js';
import { fixture, reviewPost, root } from '../helpers.js';

const V1 = fixture('osv-virtio-fs-v1.mbox');
const V2 = fixture('osv-virtio-fs-v2.mbox');
const POST = '_posts/2020-11-04-osv-virtio-fs.md';

interface JsonReport {
  version: number;
  inputs: {
    source: string;
    patches: {
      subject: string;
      from: string;
      date: string;
      messageId: string;
      posts: { path: string; status: string; findings: Finding[] }[];
      skipped: { reason: string; damaged?: boolean }[];
    }[];
    skipped: { reason: string }[];
  }[];
  summary: { patches: number; posts: number; findings: number };
}

function json(args: string[], input?: string): JsonReport {
  const run = reviewPost(['--format', 'json', ...args], { input });
  expect(run.stderr.includes('internal error')).toBe(false);
  return JSON.parse(run.stdout) as JsonReport;
}

/** rule@line for every finding of every post, the way tests compare reviews. */
function findings(report: JsonReport): string[] {
  return report.inputs.flatMap((i) => i.patches.flatMap((p) => p.posts.flatMap((post) => post.findings.map((f) => `${f.rule}@${f.line}`))));
}

// What the seed's reviewer asked for (the first mentions, the two questions,
// "What this means is that", "based of off", the usage pointer), plus what he
// let through: "This is were", the mixed-case category, the hot-linked image.
const SEED_FINDINGS = [
  'front-matter@6',
  'link-first-mention@9',
  'no-rhetorical-question@34',
  'no-rhetorical-question@35',
  'image-assets@42',
  'wordy-phrase@64',
  'doubled-words@71',
  'confusables@80',
  'usage-pointer@119',
];
const SEED_COUNT = SEED_FINDINGS.length;

describe('the seed review', () => {
  const run = reviewPost([V1]);
  const lines = run.stdout.split('\n');

  it('exits 1 with findings and says nothing on stderr', () => {
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
  });

  it('opens with the attribution line from the Date and From headers', () => {
    expect(lines[0]).toBe('On 2020-11-04 02:42 +0200, Fotis Xenakis wrote:');
  });

  it('quotes the commit message and the diff header with "> "', () => {
    expect(lines.slice(1, 13)).toEqual([
      '> This post briefly goes over the main points of virtio-fs and OSv, a',
      '> unikernel running under QEMU/KVM and taking advantage of its virtio-fs',
      '> implementation.',
      '>',
      '> Feel free to review, I will be more than happy to address any comments.',
      '>',
      `> diff --git a/${POST} b/${POST}`,
      '> new file mode 100644',
      '> index 0000000..af5bb0d',
      '> --- /dev/null',
      `> +++ b/${POST}`,
      '> @@ -0,0 +1,123 @@',
    ]);
    expect(run.stdout).not.toContain('Signed-off-by');
  });

  it('puts each comment under the line it concerns, as the seed reviewer did', () => {
    const after = (quoted: string): string => {
      const at = lines.indexOf(quoted);
      expect(at).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe('');
      return lines[at + 2]!;
    };
    expect(after('> +(unikernel) for the cloud, as well as how these two fit together.')).toBe(
      "I'd add the links to virtio-fs and OSv in this paragraph already, since",
    );
    expect(after("> +window. What is that? It's a shared memory window between the host and the")).toBe(
      'I\'d rather say "This is a shared memory window ..." and drop the "What',
    );
    expect(after('> +guest, exposed as device memory (a PCI BAR) to the second. How is it used? Upon')).toBe(
      'I\'d rather drop the "How is it used?" question.',
    );
    expect(after('> +rapid unikernel reconfiguration.')).toMatch(/^After reading this post I was expecting at least a short example of$/);
  });

  it('cuts unremarkable stretches with "> [...]" and quotes nothing after the last comment', () => {
    expect(lines.filter((l) => l === '> [...]')).toHaveLength(6);
    const lastQuote = lines.findLastIndex((l) => l.startsWith('>'));
    expect(lines[lastQuote]).toBe('> +rapid unikernel reconfiguration.');
    expect(lines.slice(lastQuote + 1).some((l) => l.startsWith('>'))).toBe(false);
    expect(run.stdout).not.toContain('OSv, meet virtio-fs');
  });

  it('wraps comments like a mail and ends with a line that counts them', () => {
    const comments = lines.filter((l) => l !== '' && !l.startsWith('>') && !l.startsWith('On '));
    expect(comments.every((l) => l.length <= 72)).toBe(true);
    expect(lines.at(-2)).toBe(`${SEED_COUNT} comments on 1 post.`);
    expect(lines.at(-1)).toBe('');
  });

  it('has no colour when piped', () => {
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('is the review the README shows', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const shown = /What the first command prints[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBe(run.stdout);
  });

  it('gives v2, which took the review into account, only what the reviewer missed', () => {
    expect(findings(json([V2]))).toEqual(['front-matter@6', 'image-assets@42', 'confusables@79']);
    const v2 = reviewPost([V2]);
    expect(v2.status).toBe(1);
    expect(v2.stdout).toContain('> +device model means duplication, as well as loss of efficiency. This is were\n');
    expect(v2.stdout).toContain('Typo: "were" should be "where" here.');
  });
});

describe('--format json', () => {
  it('reports the seed findings with post line numbers, in the documented shape', () => {
    const report = json([V1]);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ patches: 1, posts: 1, findings: SEED_COUNT });
    const patch = report.inputs[0]!.patches[0]!;
    expect(patch).toMatchObject({
      subject: '[qemu-web PATCH] Add virtio-fs in OSv overview blog post',
      from: 'Fotis Xenakis <foxen@windowslive.com>',
      date: '2020-11-04T00:42:22.000Z',
      messageId: '<AM0PR03MB62920E8F53722876D6FD3D30A6EF0@AM0PR03MB6292.eurprd03.prod.outlook.com>',
    });
    expect(patch.posts[0]).toMatchObject({ path: POST, status: 'added' });
    expect(findings(report)).toEqual(SEED_FINDINGS);
    const question = patch.posts[0]!.findings[2]!;
    expect(question).toMatchObject({ severity: 'warning', line: 34, column: 9, endLine: 34, endColumn: 22 });
    expect(question.suggestion).toBe(
      'This is a shared memory window between the host and the guest, exposed as device memory (a PCI BAR) to the second.',
    );
    // The post's line 34 is the text the finding points at.
    const post = readFileSync(V1, 'utf8').split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    expect(post[33]!.slice(question.column, question.endColumn)).toBe('What is that?');
  });
});

describe('inputs', () => {
  it('reads stdin with -', () => {
    const run = reviewPost(['-'], { input: readFileSync(V1) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${SEED_COUNT} comments on 1 post.`);
  });

  it('takes several files in one call and reviews each', () => {
    const report = json([V1, V2]);
    expect(report.inputs.map((i) => i.source)).toEqual([V1, V2]);
    expect(report.summary).toEqual({ patches: 2, posts: 2, findings: SEED_COUNT + 3 });
  });

  it('reviews a Markdown post given directly, whole, as one pseudo-patch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-post-'));
    // A checkout: the post's folder, and the image it shows from the site's tree.
    mkdirSync(join(dir, '_posts'));
    mkdirSync(join(dir, 'screenshots'));
    writeFileSync(join(dir, 'screenshots', '2020-11-04-unikernel-vs-gpos.svg'), '<svg/>');
    const path = join(dir, '_posts', '2020-11-04-osv-virtio-fs.md');
    const post = readFileSync(V1, 'utf8').split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    writeFileSync(path, post.map((l) => l.slice(1)).join('\n') + '\n');
    const report = json([path]);
    expect(findings(report)).toEqual(SEED_FINDINGS);
    expect(report.inputs[0]!.patches[0]!.posts[0]!.path).toBe(path);
    // Quoted as it is, under its path: no diff around a file that was never mailed.
    const text = reviewPost([path]).stdout.split('\n');
    expect(text[0]).toBe(`In ${path}:`);
    expect(text).toContain("> window. What is that? It's a shared memory window between the host and the");
    expect(text.filter((l) => /^> [+@]|^> diff |wrote:$/.test(l))).toEqual([]);
  });

  it.each([
    ['mail/0001-Add-virtio-fs-in-OSv-overview-blog-post.patch', 'a git format-patch file', true],
    ['mail/osv-virtio-fs.eml', 'a single .eml', false],
    ['mail/osv-qp-utf8.eml', 'quoted-printable UTF-8', false],
    ['mail/osv-base64-utf8.eml', 'base64', false],
    ['mail/osv-latin1-crlf.eml', 'ISO-8859-1 with CRLF', false],
    ['mail/osv-latin9-qp.eml', 'ISO-8859-15 quoted-printable', false],
    ['mail/thunderbird-attachment.eml', 'a text/x-patch attachment under a flowed note', true],
    ['mail/mutt-inline-xdiff-latin1.eml', 'an inline text/x-diff part', true],
    ['mail/gmail-octet-stream.eml', 'an octet-stream .patch attachment', true],
    ['mail/git-inline.eml', 'git format-patch --inline', true],
    ['mail/git-attach.eml', 'git format-patch --attach', true],
    ['mail/single-part-xpatch.eml', 'a single-part text/x-patch message', true],
    ['patch/seed-v1-crlf.mbox', 'a CRLF mbox', false],
    ['patch/no-newline-added.patch', 'a post without a final newline', true],
  ])('finds the seed comments in %s (%s)', (name, _what, withoutImage) => {
    // Fixtures made with git from the post alone lack the SVG the post shows
    // (the seed mail at least names it in its diffstat): image-assets says so.
    const expected = withoutImage ? [...SEED_FINDINGS.slice(0, -1), 'image-assets@87', SEED_FINDINGS.at(-1)!] : SEED_FINDINGS;
    expect(findings(json([fixture(name)]))).toEqual(expected);
  });

  it('reads both messages of an mboxrd and an mboxo file', () => {
    for (const name of ['mail/quoted-mboxrd.mbox', 'mail/quoted-mboxo.mbox']) {
      const report = json([fixture(name)]);
      expect(report.inputs[0]!.patches).toHaveLength(2);
      expect(report.summary.posts).toBe(2);
    }
  });

  it('does not cut a series at body lines that start with "From "', () => {
    const report = json([fixture('mail/series.mbox')]);
    expect(report.inputs[0]!.patches.length + report.inputs[0]!.skipped.length).toBe(3);
    expect(report.inputs[0]!.patches.every((p) => !p.skipped.some((s) => s.damaged))).toBe(true);
  });

  it('reviews a changed post on its added lines only, quoting the hunk with its context', () => {
    const run = reviewPost([fixture('patch/modified-context-question.patch')]);
    expect(run.status).toBe(1);
    // The v1 questions are context here: not the patch's doing, not reviewed.
    expect(run.stdout).not.toContain('What is that?');
    expect(run.stdout).toContain('> @@ -121,3 +121,6 @@ implementation.');
    expect(run.stdout).toContain('>  rapid unikernel reconfiguration.');
    expect(run.stdout).toContain('> +Where to go next? The OSv wiki has a page on\n\nI\'d rather drop the "Where to go next?" question.');
    expect(run.stdout).not.toContain('@@ -33,7 +33,7 @@');
    const report = json([fixture('patch/modified-context-question.patch')]);
    expect(report.inputs[0]!.patches[0]!.posts[0]).toMatchObject({ status: 'modified' });
    expect(findings(report)).toEqual(['no-rhetorical-question@125']);
  });
});

describe('what is skipped is said in one line', () => {
  it('a thread: the reply is skipped, the patch reviewed', () => {
    const run = reviewPost([fixture('patch/thread.mbox')]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'review-post: ' + fixture('patch/thread.mbox') + ': skipped message 2 (Re: [qemu-web PATCH] Add virtio-fs in OSv overview blog post): reply without a patch',
    ]);
  });

  it('a series with a cover letter and an image-only patch', () => {
    const run = reviewPost([fixture('patch/series-cover-letter.mbox')]);
    const stderr = run.stderr.trim().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain('cover letter');
    expect(stderr[0]).toContain('touches no post: screenshots/2020-11-04-unikernel-vs-gpos.png');
    expect(run.stdout).toContain(`${SEED_COUNT + 1} comments on 1 post.`);
  });

  it('a patch that touches no post: exit 0, nothing to review', () => {
    const run = reviewPost([fixture('patch/no-post.patch')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/touches no post: /);
    expect(run.stdout).toBe('No comments on 0 posts.\n');
  });
});

describe('damaged and bad input: one line on stderr, exit 2', () => {
  it.each([
    ['mail/osv-flowed.eml', /the patch is damaged: the sender's mail client re-flowed it/],
    ['patch/corrupt-count-too-large.patch', /the patch is corrupt: the hunk at line \d+ of the diff/],
    ['patch/corrupt-count-too-small.patch', /would be dropped/],
    ['patch/corrupt-into-signature.patch', /the patch is corrupt/],
  ])('%s', (name, reason) => {
    const run = reviewPost([fixture(name)]);
    expect(run.status).toBe(2);
    const stderr = run.stderr.trim().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(reason);
  });

  const dir = mkdtempSync(join(tmpdir(), 'review-post-bad-'));
  const file = (name: string, data: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  it.each([
    ['a missing file', () => join(dir, 'nope.mbox'), /nope\.mbox: no such file$/],
    ['a folder without posts', () => mkdtempSync(join(tmpdir(), 'review-post-empty-')), /review-post-empty-\w+: no Markdown post or patch mail in this folder$/],
    ['an empty file', () => file('empty.mbox', ''), /empty\.mbox: is empty$/],
    ['binary data', () => file('x.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0xff])), /binary data, not a mail/],
    ['not a mail', () => file('notes.txt', 'just some notes\nand more\n'), /not a mail, an mbox, a diff or a Markdown file$/],
    ['a mail without a patch', () => file('hello.eml', 'From: A <a@b.c>\nSubject: hello\n\nHi!\n'), /no patch in .*hello\.eml$/],
  ])('%s', (_what, path, message) => {
    const run = reviewPost([path()]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const stderr = run.stderr.trim().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^review-post: /);
    expect(stderr[0]).toMatch(message);
  });

  it('an unknown option is a usage error', () => {
    const run = reviewPost(['--frobnicate', V1]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^review-post: error: unknown option '--frobnicate'/);
  });
});

describe('terminal safety and colours', () => {
  it('neutralises escape sequences from the mail in names, subjects and quoted lines', () => {
    const mbox = readFileSync(V1, 'utf8')
      .replace('From: Fotis Xenakis', 'From: Fotis \u001b]0;pwned\u0007Xenakis')
      .replace('+window. What is that?', '+window.\u001b[2J What is that?')
      .replace('Subject: [qemu-web PATCH]', 'Subject: [qemu-web PATCH] \u202e')
      .replace('+guest, exposed', '+guest,\u009b31m exposed');
    // Two patches, so that the review names each by its subject.
    const run = reviewPost(['-'], { input: `${mbox}\n${mbox}` });
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(run.stdout).toContain('Re: [qemu-web PATCH] <U+202E>');
    expect(run.stdout).toContain('> +guest,\\x9b31m exposed');
    expect(run.stdout).toContain('> +window.\\x1b[2J What is that?');
    const report = reviewPost(['--format', 'json', '-'], { input: mbox }).stdout;
    expect(report).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect((JSON.parse(report) as JsonReport).inputs[0]!.patches[0]!.subject).toContain('\u202e');
  });

  it('colours with FORCE_COLOR, and not with NO_COLOR or --no-color', () => {
    expect(reviewPost([V1], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(reviewPost([V1], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[32m+window');
    expect(reviewPost([V1], { env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(reviewPost(['--no-color', V1], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('lets FORCE_COLOR win over NO_COLOR, and counts either as unset when empty (no-color.org, force-color.org)', () => {
    const coloured = (env: Record<string, string>, args: string[] = []): boolean => reviewPost([...args, V1], { env }).stdout.includes('\u001b[');
    expect(coloured({ FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    // Piped, an empty FORCE_COLOR forces nothing (chalk alone would colour).
    expect(coloured({ FORCE_COLOR: '' })).toBe(false);
    // Node's and chalk's reading: FORCE_COLOR=0 (or false) means none, even over a terminal.
    expect(coloured({ FORCE_COLOR: '0' })).toBe(false);
    expect(coloured({ FORCE_COLOR: 'false' })).toBe(false);
    // The command line beats the environment.
    expect(coloured({ FORCE_COLOR: '1' }, ['--no-color'])).toBe(false);
  });

  it('decides colours in the conventions\' order, on a terminal too', () => {
    const level = (env: NodeJS.ProcessEnv, flag = true): number => colourLevel(flag, env, 3, true);
    expect(level({})).toBe(3);
    expect(level({ NO_COLOR: '1' })).toBe(0);
    expect(level({ NO_COLOR: '' })).toBe(3);
    expect(level({ NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(3);
    expect(level({ FORCE_COLOR: '0' })).toBe(0);
    expect(level({}, false)).toBe(0);
    expect(colourLevel(true, { FORCE_COLOR: '1' }, 0, false)).toBe(1);
    expect(colourLevel(true, {}, 2, false)).toBe(0);
  });
});

describe('--format for CI', () => {
  it.each([
    ['sarif', (out: string) => expect((JSON.parse(out) as { version: string }).version).toBe('2.1.0')],
    ['codequality', (out: string) => expect((JSON.parse(out) as unknown[]).length).toBeGreaterThanOrEqual(4)],
    ['github', (out: string) => expect(out).toMatch(/^::warning file=_posts\/2020-11-04-osv-virtio-fs\.md,line=34,/m)],
    ['rdjsonl', (out: string) => expect(out.trim().split('\n').map((l) => JSON.parse(l) as unknown).length).toBeGreaterThanOrEqual(4)],
    ['terse', (out: string) => expect(out).toContain('_posts/2020-11-04-osv-virtio-fs.md:34: WARNING:no-rhetorical-question: ')],
    ['b4-check', (out: string) => expect((JSON.parse(out) as { status: string }[])[0]!.status).toBe('fail')],
  ])('%s', (format, check) => {
    const run = reviewPost(['--format', format, V1]);
    expect(run.status).toBe(1);
    check(run.stdout);
  });
});

describe('--help and --fail-level', () => {
  it('shows every option with an example', () => {
    const help = reviewPost(['--help']);
    expect(help.status).toBe(0);
    const options = [...help.stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]!).filter((o) => o !== '--help');
    expect(options.length).toBeGreaterThan(15);
    for (const option of options) {
      expect(help.stdout).toContain(option);
      expect(help.stdout).toMatch(new RegExp(`\\$ .*review-post ${option}|\\$ .*${option}`));
    }
  });

  it('exits 0 when no finding reaches the fail level', () => {
    expect(reviewPost(['--fail-level', 'error', V1]).status).toBe(0);
    expect(reviewPost(['--fail-level', 'none', V1]).status).toBe(0);
    expect(reviewPost(['--fail-level', 'info', V1]).status).toBe(1);
  });

  it('reads another posts folder with --posts', () => {
    expect(reviewPost(['--posts', 'content/**/*.md', V1]).stdout).toBe('No comments on 0 posts.\n');
  });
});
