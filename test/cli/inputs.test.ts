// Inputs as users of linters give them (issue 17): folders, quoted globs, an
// ignore file, Markdown on stdin with --stdin-filename, --quiet,
// --max-warnings, --version. The expansion in process, then the command.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/cli/inputs.js';
import { InputError } from '../../src/core/types.js';
import { fixture, reviewPost, root, seedPost } from '../helpers.js';

const SEED = '_posts/2020-11-04-osv-virtio-fs.md';

/** A folder with these files (path: content), made fresh. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-inputs-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('no InputError');
}

describe('expandInputs', () => {
  // Made in an order unlike the sorted one: the result must not follow it.
  const site = tree({
    '_posts/2024-03-01-c.md': 'c',
    '_posts/2020-01-01-a.markdown': 'a',
    '_posts/Z-upper.md': 'z',
    '_posts/2024-02-01-b.md': 'b',
    '_posts/sub/2023-05-05-d.md': 'd',
    '_posts/image.png': 'png',
    '_posts/notes.txt': 'txt',
    '_posts/.hidden/2024-09-09-x.md': 'x',
    '_posts/node_modules/pkg/README.md': 'x',
    'outgoing/0001-Add-a-post.patch': 'p',
    'outgoing/saved.eml': 'e',
    'outgoing/list.mbox': 'm',
  });

  it('gives a folder\'s posts and patch mails in path order, in byte order whatever the locale', () => {
    expect(expandInputs(['_posts'], { cwd: site }).paths).toEqual([
      '_posts/2020-01-01-a.markdown',
      '_posts/2024-02-01-b.md',
      '_posts/2024-03-01-c.md',
      '_posts/Z-upper.md',
      '_posts/sub/2023-05-05-d.md',
    ]);
    expect(expandInputs(['outgoing/'], { cwd: site }).paths).toEqual(['outgoing/0001-Add-a-post.patch', 'outgoing/list.mbox', 'outgoing/saved.eml']);
  });

  it('expands a glob it is given quoted, and takes a file whose name looks like one as that file', () => {
    expect(expandInputs(['_posts/2024-*.md'], { cwd: site }).paths).toEqual(['_posts/2024-02-01-b.md', '_posts/2024-03-01-c.md']);
    expect(expandInputs(['./_posts/**/2023-*.md'], { cwd: site }).paths).toEqual(['_posts/sub/2023-05-05-d.md']);
    // The pattern is the user's: a glob may pick files a folder would not.
    expect(expandInputs(['_posts/*.txt'], { cwd: site }).paths).toEqual(['_posts/notes.txt']);
    const odd = tree({ '_posts/[draft].md': 'x' });
    expect(expandInputs(['_posts/[draft].md'], { cwd: odd }).paths).toEqual(['_posts/[draft].md']);
  });

  it('keeps the order inputs are named in, each input once, stdin once', () => {
    const { paths } = expandInputs(['outgoing/list.mbox', '-', '_posts/2024-*.md', '_posts', '-'], { cwd: site });
    expect(paths).toEqual([
      'outgoing/list.mbox',
      '-',
      '_posts/2024-02-01-b.md',
      '_posts/2024-03-01-c.md',
      '_posts/2020-01-01-a.markdown',
      '_posts/Z-upper.md',
      '_posts/sub/2023-05-05-d.md',
    ]);
  });

  it('leaves a name it cannot expand as it is, for the reader to refuse in one line', () => {
    expect(expandInputs(['missing.mbox'], { cwd: site }).paths).toEqual(['missing.mbox']);
  });

  it('refuses a folder without posts and a glob that matches nothing, in one line', () => {
    const empty = tree({ 'empty/notes.txt': 'x' });
    expect(refusal(() => expandInputs(['empty'], { cwd: empty }))).toBe('empty: no Markdown post or patch mail in this folder');
    expect(refusal(() => expandInputs(['_posts/1999-*.md'], { cwd: site }))).toBe('_posts/1999-*.md: no file matches');
  });

  describe('.review-postignore, in gitignore syntax', () => {
    const ignoring = tree({
      '.review-postignore': '# drafts are not sent yet\ndrafts/\n*.tmp.md\n/_posts/2019-*\n!/_posts/2019-keep.md\n',
      '_posts/2019-old.md': 'x',
      '_posts/2019-keep.md': 'x',
      '_posts/2020-new.md': 'x',
      '_posts/draft.tmp.md': 'x',
      '_posts/drafts/2021-wip.md': 'x',
      'content/_posts/2019-not-anchored.md': 'x',
      'drafts/2022-idea.md': 'x',
    });

    it('leaves out what it names, from the folder it sits in (anchors, folders, negation)', () => {
      expect(expandInputs(['_posts', 'content'], { cwd: ignoring }).paths).toEqual([
        '_posts/2019-keep.md',
        '_posts/2020-new.md',
        'content/_posts/2019-not-anchored.md',
      ]);
    });

    it('is found from the current folder upwards, its patterns relative to its own folder', () => {
      const inside = join(ignoring, '_posts');
      const { paths, ignoreFile } = expandInputs(['.'], { cwd: inside });
      expect(paths).toEqual(['2019-keep.md', '2020-new.md']);
      expect(ignoreFile).toBe('../.review-postignore');
    });

    it('applies to files named outright and to stdin named by --stdin-filename, which are then said, not read', () => {
      const named = expandInputs(['_posts/drafts/2021-wip.md', '_posts/2020-new.md', 'drafts', '-'], { cwd: ignoring, stdinName: '_posts/x.tmp.md' });
      expect(named.paths).toEqual(['_posts/2020-new.md']);
      expect(named.ignored).toEqual(['_posts/drafts/2021-wip.md', 'drafts', '_posts/x.tmp.md']);
    });

    it('says so when it leaves out everything a folder or a glob holds', () => {
      expect(refusal(() => expandInputs(['_posts/drafts/*.md'], { cwd: ignoring }))).toBe(
        '_posts/drafts/*.md: no file matches: .review-postignore leaves out every one',
      );
    });

    it('does not reach outside its folder', () => {
      const outside = tree({ 'post.md': 'x' });
      expect(expandInputs([join(outside, 'post.md')], { cwd: ignoring }).paths).toEqual([join(outside, 'post.md')]);
    });
  });
});

describe('the command on folders, globs, stdin and the ignore file', () => {
  const site = tree({
    [SEED]: seedPost(),
    '_posts/2024-01-01-other.md': seedPost().replace('date:   2020-11-04 02:00:00 +0200', 'date:   2024-01-01 02:00:00 +0200'),
    '_posts/drafts/2024-02-02-draft.md': seedPost(),
    'README.md': '# Not a post\n',
  });
  const sources = (args: string[], cwd = site, input?: string): string[] =>
    (JSON.parse(reviewPost(['--format', 'json', ...args], { cwd, ...(input !== undefined ? { input } : {}) }).stdout) as { inputs: { source: string }[] }).inputs.map(
      (i) => i.source,
    );

  it('reviews every post of a folder, and the files a quoted glob matches', () => {
    expect(sources(['_posts/'])).toEqual(['_posts/2020-11-04-osv-virtio-fs.md', '_posts/2024-01-01-other.md', '_posts/drafts/2024-02-02-draft.md']);
    expect(sources(['_posts/2024-*.md'])).toEqual(['_posts/2024-01-01-other.md']);
    const text = reviewPost(['_posts/'], { cwd: site });
    expect(text.status).toBe(1);
    expect(text.stdout.split('\n').filter((l) => l.startsWith('In _posts/'))).toEqual([
      'In _posts/2020-11-04-osv-virtio-fs.md:',
      'In _posts/2024-01-01-other.md:',
      'In _posts/drafts/2024-02-02-draft.md:',
    ]);
    // 10 for each copy of the seed (its SVG is not in this tree), and the draft date that is not its name.
    expect(text.stdout).toMatch(/\n31 comments on 3 posts\.\n$/);
  });

  it('leaves out what .review-postignore names, and says so for a file named outright', () => {
    const ignoring = tree({ '.review-postignore': 'drafts/\n', [SEED]: seedPost(), '_posts/drafts/2024-02-02-draft.md': seedPost() });
    expect(sources(['_posts'], ignoring)).toEqual([SEED]);
    const named = reviewPost(['_posts/drafts/2024-02-02-draft.md'], { cwd: ignoring });
    expect(named.status).toBe(0);
    expect(named.stdout).toBe('');
    expect(named.stderr).toBe('review-post: _posts/drafts/2024-02-02-draft.md: not reviewed, .review-postignore leaves it out\n');
    expect(reviewPost(['--quiet', '_posts/drafts/2024-02-02-draft.md'], { cwd: ignoring }).stderr).toBe('');
  });

  it('reads a post on stdin as the file --stdin-filename names: its kind, its config, its path', () => {
    const configured = tree({ '_posts/.review-post.json': '{"rules": {"no-rhetorical-question": "off"}}' });
    const run = reviewPost(['--format', 'json', '--stdin-filename', SEED, '-'], { cwd: configured, input: seedPost() });
    const report = JSON.parse(run.stdout) as { inputs: { source: string; patches: { posts: { path: string; findings: { rule: string }[] }[] }[] }[] };
    const post = report.inputs[0]!.patches[0]!.posts[0]!;
    expect(report.inputs[0]!.source).toBe(SEED);
    expect(post.path).toBe(SEED);
    expect(post.findings.map((f) => f.rule)).toContain('usage-pointer');
    expect(post.findings.map((f) => f.rule)).not.toContain('no-rhetorical-question');
    // Without `-`, --stdin-filename alone reads stdin, as Prettier's --stdin-filepath does.
    const terse = reviewPost(['--format', 'terse', '--stdin-filename', SEED], { cwd: site, input: seedPost() });
    expect(terse.stdout).toMatch(/^_posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /m);
  });
});

describe('--quiet', () => {
  it('drops the notes on what was skipped, and keeps the line that explains exit status 2', () => {
    const thread = fixture('patch', 'thread.mbox');
    expect(reviewPost([thread]).stderr).toContain('skipped message 2');
    const quiet = reviewPost(['--quiet', thread]);
    expect(quiet.status).toBe(1);
    expect(quiet.stderr).toBe('');
    const damaged = reviewPost(['-q', fixture('mail', 'osv-flowed.eml')]);
    expect(damaged.status).toBe(2);
    expect(damaged.stderr).toMatch(/re-flowed it/);
  });
});

describe('--max-warnings', () => {
  const V1 = fixture('osv-virtio-fs-v1.mbox');

  it('fails the run only above N warnings, as ESLint does, and says why', () => {
    // The seed review has 8 warnings, 1 info and no error.
    expect(reviewPost(['--max-warnings', '8', V1]).status).toBe(0);
    const over = reviewPost(['--max-warnings', '7', '--format', 'terse', V1]);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('review-post: 8 warnings, more than --max-warnings 7\n');
    // Whatever the fail level: the count is its own limit.
    expect(reviewPost(['--max-warnings', '0', '--fail-level', 'error', V1]).status).toBe(1);
  });

  it('still fails on an error, however many warnings are allowed', () => {
    expect(reviewPost(['--max-warnings', '100', '--rule', 'confusables=error', V1]).status).toBe(1);
    expect(reviewPost(['--max-warnings', '100', '--rule', 'confusables=info', V1]).status).toBe(0);
  });

  it('refuses what is not a whole number, in one line', () => {
    const run = reviewPost(['--max-warnings', 'lots', V1]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("review-post: error: option '--max-warnings <n>' argument 'lots' is invalid. not a whole number of warnings (0 or more).\n");
  });
});

describe('--version', () => {
  it("prints the package's version, as -V does", () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = reviewPost([flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
  });
});
