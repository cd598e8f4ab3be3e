// The integration files users look for (issue 17): the GitHub Action
// (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml), each run
// the way its host runs it: GitHub's expressions substituted, the step's
// script in bash; pre-commit's file selection, then its entry with the files.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cli, root, seedPost } from '../helpers.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** A site repository: an empty start, then a commit adding the seed post and a clean page. */
function site(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-integration-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Fotis Xenakis');
  git(dir, 'config', 'user.email', 'foxen@windowslive.com');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'Start');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  mkdirSync(join(dir, '_posts'));
  writeFileSync(join(dir, '_posts', '2020-11-04-osv-virtio-fs.md'), seedPost());
  writeFileSync(join(dir, 'README.md'), '# The site\n\nbuild it with jekyll\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Add virtio-fs in OSv overview blog post');
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD').trim() };
}

/** `${{ ... }}` as GitHub evaluates it, for the few names the action uses. */
function substitute(text: string, context: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in context)) throw new Error(`action.yml uses \${{ ${name} }}, which this test does not know`);
    return context[name]!;
  });
}

/** The step's script as the runner starts it: `bash -e {0}`, in its working directory, with its env. */
function runStep(step: Step, context: Record<string, string>, workspace: string): { status: number | null; stdout: string } {
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v, context)]));
  const cwd = step['working-directory'] ? substitute(step['working-directory'], context) : workspace;
  const r = spawnSync('bash', ['-e', '-c', step.run!], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTION_PATH: context['github.action_path']!, ...env },
  });
  return { status: r.status, stdout: r.stdout };
}

describe('action.yml, the GitHub Action', () => {
  const steps = action.runs.steps;
  const install = steps.find((s) => s.name === 'Install review-post')!;
  const review = steps.find((s) => s.name === 'Review the posts of the pull request')!;
  /** The context of a pull_request event, with the inputs at their defaults unless given. */
  const context = (base: string, head: string, inputs: Record<string, string> = {}): Record<string, string> => {
    const github = { 'github.action_path': root, 'github.event.pull_request.base.sha': base, 'github.event.pull_request.head.sha': head };
    const values = Object.fromEntries(
      Object.entries(action.inputs).map(([name, input]) => [`inputs.${name}`, inputs[name] ?? substitute(input.default ?? '', github)]),
    );
    return { ...github, ...values };
  };

  it('is a composite action that installs review-post from its own checkout, as CI does', () => {
    expect(action.runs.using).toBe('composite');
    expect(steps.every((s) => s.uses !== undefined || s.shell === 'bash')).toBe(true);
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    // The same install .ci/run makes (and prepare builds dist/), so CI exercises this step.
    expect(install.run).toBe('npm ci --no-audit --no-fund');
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toContain(`\n${install.run}\n`);
    // The review step starts the bin the package declares.
    expect(review.run).toContain(`"$GITHUB_ACTION_PATH/${pkg.bin['review-post']}"`);
  });

  it("annotates the pull request's commits, base..head, with --format github", () => {
    const { dir, base, head } = site();
    const r = runStep(review, context(base, head), dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::warning file=_posts\/2020-11-04-osv-virtio-fs\.md,line=34,/m);
    expect(r.stdout).not.toContain('README.md');
  });

  it('passes args on as options', () => {
    const { dir, base, head } = site();
    const r = runStep(review, context(base, head, { args: '--fail-level error --rule spelling=off' }), dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^::warning file=_posts\//m);
  });

  it('says in one annotation that the checkout lacks the base commit (fetch-depth: 0)', () => {
    const { dir, head } = site();
    const r = runStep(review, context('0123456789abcdef0123456789abcdef01234567', head), dir);
    expect(r.status).toBe(2);
    expect(r.stdout.trim().split('\n')).toEqual([
      '::error::review-post: the base commit 0123456789abcdef0123456789abcdef01234567 is not in the checkout; check out with fetch-depth: 0',
    ]);
  });
});

describe('.pre-commit-hooks.yaml, the pre-commit hook', () => {
  interface Hook {
    id: string;
    entry: string;
    language: string;
    types: string[];
    files: string;
  }
  const hooks = parseYaml(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((h) => h.id === 'review-post')!;

  /** A folder with `review-post` in it, as pre-commit's Node environment has. */
  const bin = (() => {
    const dir = mkdtempSync(join(tmpdir(), 'review-post-bin-'));
    writeFileSync(join(dir, 'review-post'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
    chmodSync(join(dir, 'review-post'), 0o755);
    return dir;
  })();

  /** What pre-commit passes: staged files its `files` regex and `types` (identify's markdown) select. */
  const selected = (files: string[]): string[] => files.filter((f) => new RegExp(hook.files).test(f) && /\.(?:md|markdown|mdown|mkdn)$/.test(f));

  it('is a Node hook on Markdown files under the posts folders', () => {
    expect(hook).toMatchObject({ language: 'node', types: ['markdown'] });
    expect(selected(['_posts/a.md', '_drafts/b.markdown', 'content/blog/c.md', 'README.md', 'docs/d.md', '_posts/e.png'])).toEqual([
      '_posts/a.md',
      '_drafts/b.markdown',
      'content/blog/c.md',
    ]);
  });

  it('stops the commit of a flawed post, with one line per finding, and leaves other Markdown alone', () => {
    const { dir } = site();
    writeFileSync(join(dir, '_posts', '2020-11-04-osv-virtio-fs.md'), `${seedPost()}\nOne more line.\n`);
    writeFileSync(join(dir, 'README.md'), '# The site\n\nbuild it with jekyll jekyll\n');
    git(dir, 'add', '.');
    const staged = git(dir, 'diff', '--cached', '--name-only').trim().split('\n');
    const files = selected(staged);
    expect(files).toEqual(['_posts/2020-11-04-osv-virtio-fs.md']);
    // pre-commit runs the entry, then the files, with no shell of its own.
    const [command, ...args] = hook.entry.split(/\s+/);
    const r = spawnSync(command!, [...args, ...files], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toContainEqual(expect.stringMatching(/^_posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /));
    expect(r.stdout.split('\n').filter(Boolean).every((l) => l.startsWith('_posts/2020-11-04-osv-virtio-fs.md:'))).toBe(true);
  });
});
