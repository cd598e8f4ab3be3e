// Configuration and suppression, through the command as a user runs it.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { fixture, reviewPost, root, seedPost } from '../helpers.js';

const V1 = fixture('osv-virtio-fs-v1.mbox');
const SEED_RULES = ['no-rhetorical-question', 'link-first-mention', 'prefer-reference-links', 'usage-pointer'];

const POST = seedPost();

interface Report {
  inputs: { patches: { posts: { findings: Finding[] }[] }[] }[];
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-config-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** rule@line of the seed rules' findings, reviewing `args` in `cwd`. */
function seedFindings(args: string[], cwd = root, input?: string): string[] {
  const run = reviewPost(['--format', 'json', ...args], { cwd, ...(input ? { input } : {}) });
  expect(run.stderr).not.toMatch(/error/);
  const report = JSON.parse(run.stdout) as Report;
  return report.inputs
    .flatMap((i) => i.patches.flatMap((p) => p.posts.flatMap((x) => x.findings)))
    .filter((f) => SEED_RULES.includes(f.rule))
    .map((f) => `${f.rule}@${f.line}:${f.severity}`);
}

const ALL = ['link-first-mention@9:warning', 'no-rhetorical-question@34:warning', 'no-rhetorical-question@35:warning', 'usage-pointer@119:warning'];

describe('config discovery', () => {
  const dir = tree({
    '.review-post.json': JSON.stringify({ rules: { 'usage-pointer': 'off' } }),
    'a/post.md': POST,
    'b/.review-postrc': 'rules:\n  no-rhetorical-question: info\n',
    'b/post.md': POST,
    'c/package.json': JSON.stringify({ name: 'site', 'review-post': { rules: { 'link-first-mention': 'error' } } }),
    'c/post.md': POST,
    'd/package.json': JSON.stringify({ name: 'no-key-here' }),
    'd/post.md': POST,
    'e/.review-post.json': JSON.stringify({ rules: { 'link-first-mention': 'off' } }),
    'e/.review-postrc': '{"rules": {"no-rhetorical-question": "off"}}',
    'e/post.md': POST,
  });

  it('finds .review-post.json in a parent folder of the post', () => {
    expect(seedFindings([join(dir, 'a/post.md')])).toEqual(ALL.slice(0, 3));
  });

  it('reads .review-postrc as YAML, nearest first (the parent file is not merged)', () => {
    expect(seedFindings([join(dir, 'b/post.md')])).toEqual([
      'link-first-mention@9:warning',
      'no-rhetorical-question@34:info',
      'no-rhetorical-question@35:info',
      'usage-pointer@119:warning',
    ]);
  });

  it('reads the review-post key of package.json, and skips a package.json without it', () => {
    expect(seedFindings([join(dir, 'c/post.md')])[0]).toBe('link-first-mention@9:error');
    expect(seedFindings([join(dir, 'd/post.md')])).toEqual(ALL.slice(0, 3));
  });

  it('prefers .review-post.json to .review-postrc in one folder', () => {
    expect(seedFindings([join(dir, 'e/post.md')])).toEqual(ALL.slice(1));
  });

  it('looks from the current directory for mail', () => {
    expect(seedFindings([V1], join(dir, 'b'))).toContain('no-rhetorical-question@34:info');
    expect(seedFindings([V1], join(dir, 'a'))).toEqual(ALL.slice(0, 3));
  });

  it('takes --config FILE instead, and --no-config ignores them all', () => {
    expect(seedFindings(['--config', join(dir, 'c/package.json'), join(dir, 'a/post.md')])[0]).toBe('link-first-mention@9:error');
    expect(seedFindings(['--no-config', join(dir, 'a/post.md')])).toEqual(ALL);
  });

  it('applies --rule id=level over the config', () => {
    expect(seedFindings(['--rule', 'usage-pointer=error', '--rule', 'no-rhetorical-question=off', join(dir, 'a/post.md')])).toEqual([
      'link-first-mention@9:warning',
      'usage-pointer@119:error',
    ]);
  });

  it('names the rule a misspelt --rule id was meant to be, as commander does for options', () => {
    const said = (id: string): string => reviewPost(['--rule', `${id}=off`, join(dir, 'a/post.md')]).stderr;
    expect(said('speling')).toBe('review-post: --rule speling=off: "speling" is not a rule; did you mean "spelling"? (see review-post --list-rules)\n');
    expect(said('no-rethorical-question')).toContain('did you mean "no-rhetorical-question"?');
    expect(said('acronym')).toContain('did you mean "undefined-acronym"?');
    // Nothing is offered when nothing is close: a guess would mislead.
    expect(said('frobnicate')).toBe('review-post: --rule frobnicate=off: "frobnicate" is not a rule (see review-post --list-rules)\n');
  });
});

describe('rule options and presets', () => {
  it('passes [severity, options] to the rule', () => {
    const post = `Read [a](https://x.org/a) and [b](https://x.org/a).\n`;
    const dir = tree({ 'post.md': post, '.review-post.json': JSON.stringify({ rules: { 'prefer-reference-links': ['info', { minimum: 2 }] } }) });
    expect(seedFindings([join(dir, 'post.md')])).toEqual(['prefer-reference-links@1:info']);
    expect(seedFindings(['--no-config', join(dir, 'post.md')])).toEqual([]);
  });

  it("a preset's posts glob decides which files are posts; without one, the usual post folders are", () => {
    const patch = readFileSync(V1, 'utf8').replaceAll('_posts/2020-11-04-osv-virtio-fs.md', 'content/2020-11-04-osv-virtio-fs.md');
    const zola = tree({ '.review-post.json': JSON.stringify({ extends: 'zola' }) });
    expect(seedFindings(['-'], zola, patch)).toEqual(ALL);
    const qemu = tree({ '.review-post.json': JSON.stringify({ extends: 'qemu-web' }) });
    expect(seedFindings(['-'], qemu, patch)).toEqual([]);
    expect(seedFindings(['--no-config', '-'], qemu, patch)).toEqual(ALL);
  });
});

describe('vocabulary', () => {
  it('accepts the words of the config vocabulary in the spelling and acronym rules', () => {
    const post = 'The board uses a Qaulcomm chip.\n\nThe FROB driver talks to it, and the FROB firmware answers.\n';
    const rules = (args: string[], dir: string): string[] => {
      const run = reviewPost(['--format', 'json', ...args, join(dir, 'post.md')]);
      return (JSON.parse(run.stdout) as Report).inputs[0]!.patches[0]!.posts[0]!.findings.map((f) => `${f.rule}@${f.line}`);
    };
    const plain = tree({ 'post.md': post });
    expect(rules([], plain)).toEqual(['spelling@1', 'undefined-acronym@3']);
    const configured = tree({ 'post.md': post, '.review-post.json': JSON.stringify({ vocabulary: ['Qaulcomm', 'FROB'] }) });
    expect(rules([], configured)).toEqual([]);
  });
});

describe('links the site knows', () => {
  it('asks for a link at the first mention of a known term the post never links', () => {
    const url = 'https://gitlab.com/virtio-fs/virtiofsd';
    const dir = tree({ 'post.md': POST, '.review-post.json': JSON.stringify({ links: { virtiofsd: url } }) });
    const run = reviewPost(['--format', 'json', join(dir, 'post.md')]);
    const found = (JSON.parse(run.stdout) as Report).inputs[0]!.patches[0]!.posts[0]!.findings.filter((f) => f.rule === 'link-first-mention');
    expect(found.map((f) => f.line)).toEqual([9, 28]);
    expect(found[1]!.message).toBe(`I'd link virtiofsd (${url}) here, where it is first mentioned.`);
    expect(found[1]!.suggestion).toBe(`[virtiofsd](${url})`);
    // Linked anywhere in the post, it is the post's choice where.
    const linked = tree({ 'post.md': POST.replace('## OSv', `## OSv\n\nSee [the daemon](${url}).`), '.review-post.json': JSON.stringify({ links: { virtiofsd: url } }) });
    expect(seedFindings([join(linked, 'post.md')]).filter((f) => f.startsWith('link-first-mention'))).toEqual(['link-first-mention@9:warning']);
  });
});

describe('suppression', () => {
  const review = (post: string, args: string[] = []): string[] => {
    const dir = tree({ 'post.md': post });
    return seedFindings(['--no-config', ...args, join(dir, 'post.md')]);
  };
  const lines = POST.split('\n');
  /** The post with `comment` inserted before line `n` (1-based), so findings after it move down. */
  const withComment = (n: number, comment: string): string => [...lines.slice(0, n - 1), comment, '', ...lines.slice(n - 1)].join('\n');

  it('disable-next-line silences one rule on the next line only', () => {
    const post = POST.replace('window. What is that?', '<!-- review-post disable-next-line no-rhetorical-question -->\nwindow. What is that?');
    // The comment pushes the two questions down a line, to 35 and 36.
    expect(review(post)).toEqual(['link-first-mention@9:warning', 'no-rhetorical-question@36:warning', 'usage-pointer@120:warning']);
  });

  it('disable ... enable silences a stretch; disable with no id silences every rule', () => {
    const post = POST.replace('One prominent', '<!-- review-post disable no-rhetorical-question -->\n\nOne prominent').replace(
      '\n## OSv\n',
      '\n<!-- review-post enable -->\n\n## OSv\n',
    );
    expect(review(post)).toEqual(['link-first-mention@9:warning', 'usage-pointer@123:warning']);
    expect(review(withComment(1, '<!-- review-post disable -->'))).toEqual([]);
  });

  it("honours remark's <!--lint disable--> and <!--lint ignore-->", () => {
    expect(review(withComment(1, '<!--lint disable usage-pointer link-first-mention-->'))).toEqual([
      'no-rhetorical-question@36:warning',
      'no-rhetorical-question@37:warning',
    ]);
    expect(review(withComment(33, '<!--lint ignore no-rhetorical-question-->'))).toEqual(['link-first-mention@9:warning', 'usage-pointer@121:warning']);
  });

  it('a Review-post-ignore trailer silences a rule for its patch', () => {
    const patch = readFileSync(V1, 'utf8').replace(
      'Signed-off-by: Fotis',
      'Review-post-ignore: usage-pointer, no-rhetorical-question\nSigned-off-by: Fotis',
    );
    expect(seedFindings(['--no-config', '-'], root, patch)).toEqual(['link-first-mention@9:warning']);
  });
});

describe('a bad config is one line naming the file and the key, exit 2', () => {
  it.each([
    ['.review-post.json', '{"rules": {', /\.review-post\.json: not valid JSON: /],
    ['.review-postrc', 'rules:\n  - : [', /\.review-postrc: not valid YAML: /],
    ['.review-post.json', '{"rules": {"no-such-rule": "off"}}', /\.review-post\.json: "rules\.no-such-rule" is not a rule \(see review-post --list-rules\)$/],
    ['.review-post.json', '{"rules": {"speling": "off"}}', /"rules\.speling" is not a rule; did you mean "spelling"\? \(see review-post --list-rules\)$/],
    ['.review-post.json', '{"vocabluary": ["OSv"]}', /"vocabluary" is not a setting; did you mean "vocabulary"\? \(known: /],
    ['.review-post.json', '{"rules": {"usage-pointer": 3}}', /"rules\.usage-pointer" must be "off", "info", "warning", "error" or \[severity, options\]/],
    ['.review-post.json', '{"vocabulary": "OSv"}', /"vocabulary" must be a list of words/],
    ['.review-post.json', '{"extends": "jekyl"}', /"extends" must be one of qemu-web, jekyll, hugo, zola/],
    ['.review-post.json', '{"permalink": "year/month"}', /"permalink" must be a URL scheme such as/],
    // Names every object has are no presets.
    ['.review-post.json', '{"extends": "__proto__"}', /"extends" must be one of qemu-web, jekyll, hugo, zola/],
    ['.review-post.json', '{"extends": "toString"}', /"extends" must be one of qemu-web, jekyll, hugo, zola/],
    ['.review-post.json', '{"colour": true}', /"colour" is not a setting/],
    ['.review-post.json', '{"rules": {"heading-structure": ["warning", {"toplevel": 1}]}}', /"rules\.heading-structure" has no option "toplevel" \(it takes topLevel\)/],
    ['.review-post.json', '{"rules": {"image-assets": ["warning", {"maxBytes": "1 MB"}]}}', /"rules\.image-assets" option "maxBytes" must be a number/],
    ['.review-post.json', '{"rules": {"usage-pointer": ["warning", {"any": 1}]}}', /"rules\.usage-pointer" has no option "any" \(it takes none\)/],
  ])('%s: %s', (name, text, message) => {
    const dir = tree({ [name]: text, 'post.md': POST });
    const run = reviewPost([join(dir, 'post.md')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const err = run.stderr.trim().split('\n');
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(join(dir, name));
    expect(err[0]).toMatch(message);
  });
});

describe('the remark preset', () => {
  it('gives remark-cli the same findings, and honours lint comments there', () => {
    const dir = tree({ '.remarkrc.json': JSON.stringify({ plugins: ['review-post/preset'] }), 'post.md': POST });
    // The project installs review-post; here a link stands in for that install.
    mkdirSync(join(dir, 'node_modules'));
    spawnSync('ln', ['-s', root, join(dir, 'node_modules', 'review-post')]);
    const remark = (file: string): string => {
      const r = spawnSync(join(root, 'node_modules', '.bin', 'remark'), ['--no-stdout', '--no-color', file], { cwd: dir, encoding: 'utf8' });
      return r.stderr;
    };
    const report = remark('post.md');
    for (const expected of ['9:38-11:66', '34:9-34:22', '35:60-35:75', '119:1-123:33']) expect(report).toContain(expected);
    expect(report).toMatch(/no-rhetorical-question\s+review-post/);
    writeFileSync(join(dir, 'quiet.md'), `<!--lint disable no-rhetorical-question-->\n\n${POST}`);
    expect(remark('quiet.md')).not.toContain('no-rhetorical-question');
  });
});

describe('--list-rules and --explain', () => {
  it('lists every rule with its default severity and one line', () => {
    const run = reviewPost(['--list-rules']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines).toContainEqual(expect.stringMatching(/^no-rhetorical-question\s+warning\s+Flags a short question in running prose/));
    expect(lines.every((l) => /^[a-z-]+\s+(error|warning|info)\s+\S/.test(l))).toBe(true);
  });

  it("prints a rule's doc comment with its examples", () => {
    const run = reviewPost(['--explain', 'prefer-reference-links']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^prefer-reference-links \(default: warning\)\n\nFlags a URL written out in full three times/);
    expect(run.stdout).toContain('ok.md:');
    expect(run.stdout).toContain('    [virtio-fs]: https://virtio-fs.gitlab.io/');
    const unknown = reviewPost(['--explain', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('review-post: --explain nope: "nope" is not a rule (see review-post --list-rules)\n');
  });
});
