// The README's recipes, run as written: with `review-post` on the PATH, in
// throw-away repositories, against a fake SMTP server.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../../src/rules/index.js';
import { applyConfig } from '../../src/config/load.js';
import { defaultSettings } from '../../src/config/settings.js';
import { cli, fixture, reviewPost, root, seedPost } from '../helpers.js';

const README = readFileSync(join(root, 'README.md'), 'utf8');
const V1 = fixture('osv-virtio-fs-v1.mbox');

/** The fenced block after `<!-- recipe: name -->`. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(README);
  if (!m?.[1]) throw new Error(`README has no recipe "${name}"`);
  return m[1];
}

/** A folder with `review-post` in it, as `npm install --global` would leave. */
const bin = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-bin-'));
  writeFileSync(join(dir, 'review-post'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
  chmodSync(join(dir, 'review-post'), 0o755);
  return dir;
})();

interface Shell {
  status: number | null;
  stdout: string;
  stderr: string;
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}, input = ''): Shell {
  const r = spawnSync('/bin/sh', ['-c', command], {
    cwd,
    input,
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** The seed post as a commit of a website repository, with mail set up to go nowhere. */
function site(who = 'Fotis Xenakis <foxen@windowslive.com>'): { dir: string; sent: string; base: string } {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-recipe-'));
  const [, name = '', email = ''] = /^(.*) <(.*)>$/.exec(who) ?? [];
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', name);
  git(dir, 'config', 'user.email', email);
  const sent = join(dir, '..', `${dir.split('/').pop()}-sent.txt`);
  const smtp = join(dir, '..', `${dir.split('/').pop()}-smtp.sh`);
  writeFileSync(smtp, `#!/bin/sh\ncat >> "${sent}"\n`);
  chmodSync(smtp, 0o755);
  git(dir, 'config', 'sendemail.smtpServer', smtp);
  git(dir, 'config', 'sendemail.confirm', 'never');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'Start');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  mkdirSync(join(dir, '_posts'));
  writeFileSync(join(dir, '_posts', '2020-11-04-osv-virtio-fs.md'), seedPost());
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Add virtio-fs in OSv overview blog post');
  return { dir, sent, base };
}

describe('README', () => {
  it('lists every rule with its default severity', () => {
    for (const rule of RULES) expect(README).toContain(`| \`${rule.meta.id}\` | ${rule.meta.severity} |`);
  });
});

describe('README recipes', () => {
  it('reply: writes review.eml and git send-email sends it, threaded', () => {
    const { dir, sent } = site('Thomas Huth <thuth@redhat.com>');
    copyFileSync(V1, join(dir, 'patch.mbox'));
    const [write, send] = recipe('reply').trim().split('\n');
    expect(sh(write!, dir).status).toBe(1);
    const r = sh(send!, dir);
    expect(r.stderr + r.stdout).toContain('Result: OK');
    const mail = readFileSync(sent, 'utf8');
    expect(mail).toMatch(/^Subject: Re: \[qemu-web PATCH\] Add virtio-fs in OSv overview blog post$/m);
    expect(mail).toMatch(/^In-Reply-To: <AM0PR03MB62920E8F53722876D6FD3D30A6EF0@/m);
    expect(mail).toContain("> +window. What is that? It's a shared memory window between the host and the");
  });

  it('hook: install-hook, then git send-email refuses the flawed post and sends nothing', () => {
    const { dir, sent } = site();
    const [install, send] = recipe('hook').trim().split('\n');
    expect(sh(install!, dir).status).toBe(0);
    const r = sh(send!, dir);
    expect(r.stderr).toContain('rejected by sendemail-validate hook');
    expect(r.stderr).toMatch(/_posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /);
    expect(existsSync(sent)).toBe(false);
  });

  it('gitlab-ci: the job script writes a Code Quality report of the merge request', () => {
    const job = (parseYaml(recipe('gitlab-ci')) as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>)['review-post']!;
    const { dir, base } = site();
    const lines = job.script.filter((l) => !l.startsWith('npm install'));
    expect(lines).toHaveLength(1);
    const r = sh(lines[0]!, dir, { CI_MERGE_REQUEST_DIFF_BASE_SHA: base });
    expect(r.status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, job.artifacts.reports.codequality), 'utf8')) as {
      check_name: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expect(report.map((i) => `${i.check_name}@${i.location.lines.begin}`)).toContain('no-rhetorical-question@34');
    expect(report.every((i) => i.location.path === '_posts/2020-11-04-osv-virtio-fs.md')).toBe(true);
  });

  it('github-actions: the run step annotates the pull request', () => {
    const workflow = parseYaml(recipe('github-actions')) as { jobs: { review: { steps: { run?: string }[] } } };
    const runs = workflow.jobs.review.steps.flatMap((s) => (s.run && !s.run.startsWith('npm install') ? [s.run] : []));
    expect(runs).toHaveLength(1);
    const { dir, base } = site();
    git(dir, 'update-ref', 'refs/remotes/origin/main', base);
    // What GitHub substitutes before the shell sees the line.
    const r = sh(runs[0]!.replace('${{ github.base_ref }}', 'main'), dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::warning file=_posts\/2020-11-04-osv-virtio-fs\.md,line=34,/m);
  });

  it('b4: the configured per-patch command reads a patch on stdin and answers in checkpatch style', () => {
    const { dir } = site();
    for (const line of recipe('b4').trim().split('\n')) expect(sh(line, dir).status).toBe(0);
    for (const key of ['b4.prep-perpatch-check-cmd', 'b4.am-perpatch-check-cmd']) {
      const cmd = git(dir, 'config', key).trim();
      const flawed = sh(cmd, dir, {}, readFileSync(V1, 'utf8'));
      expect(flawed.stdout.split('\n')).toContainEqual(expect.stringMatching(/^_posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /));
      const cover = readFileSync(fixture('patch', 'series-cover-letter.mbox'), 'utf8').split(/\n(?=From [0-9a-f]{40} )/)[0]!;
      expect(sh(cmd, dir, {}, cover).stdout).toBe('');
    }
  });

  it('config: the complete example file is valid and takes effect', () => {
    const text = recipe('config');
    const settings = applyConfig(defaultSettings(), JSON.parse(text), 'README.md');
    expect(settings.rules.get('no-rhetorical-question')).toEqual({ level: 'off' });
    const dir = mkdtempSync(join(tmpdir(), 'review-post-readme-config-'));
    writeFileSync(join(dir, '.review-post.json'), text);
    const run = reviewPost(['--format', 'json', V1], { cwd: dir });
    expect(run.stderr).toBe('');
    const rules = (JSON.parse(run.stdout) as { inputs: { patches: { posts: { findings: { rule: string; severity: string }[] }[] }[] }[] }).inputs[0]!
      .patches[0]!.posts[0]!.findings.map((f) => `${f.rule}:${f.severity}`);
    expect(rules).toContain('usage-pointer:info');
    expect(rules.some((r) => r.startsWith('no-rhetorical-question'))).toBe(false);
  });
});

describe('README recipes of the next version', () => {
  it('follow-up: ticks off the review of v1 on v2, from files or from the whole thread', () => {
    const { dir } = site();
    copyFileSync(V1, join(dir, 'v1.mbox'));
    copyFileSync(fixture('osv-virtio-fs-v2.mbox'), join(dir, 'v2.mbox'));
    copyFileSync(fixture('follow-up', 'review-of-osv-virtio-fs-v1.eml'), join(dir, 'review-of-v1.eml'));
    copyFileSync(fixture('follow-up', 'thread.mbox'), join(dir, 'thread.mbox'));
    const [files, thread] = recipe('follow-up').trim().split('\n');
    const text = sh(files!, dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('8 review comments: 7 addressed, 0 still open, 1 to check;');
    expect(sh(thread!, dir).status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'follow-up.json'), 'utf8')) as { reviews: unknown[]; summary: { review: { open: number } } };
    expect(report.reviews).toHaveLength(3);
    expect(report.summary.review.open).toBe(2);
  });

  it('fix: the dry run shows the two fixes, then the post is fixed in place', () => {
    const { dir } = site();
    const [dry, fix] = recipe('fix').trim().split('\n');
    const shown = sh(dry!, dir);
    expect(shown.stdout).toContain('+device model means duplication, as well as loss of efficiency. This is where');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    sh(fix!, dir);
    expect(git(dir, 'diff', '--stat')).toContain('_posts/2020-11-04-osv-virtio-fs.md | 6 +++---');
  });

  it('fix-mail: the next version is written and git send-email sends it to v1\'s recipients', () => {
    const { dir, sent } = site();
    copyFileSync(V1, join(dir, 'v1.mbox'));
    const [write, send] = recipe('fix-mail').trim().split('\n');
    expect(sh(write!, dir).stdout).toContain('wrote v2.patch');
    const r = sh(send!, dir);
    expect(r.stderr + r.stdout).toContain('Result: OK');
    const mail = readFileSync(sent, 'utf8');
    expect(mail).toMatch(/^Subject: \[qemu-web PATCH v2\] Add virtio-fs in OSv overview blog post$/m);
    expect(mail).toMatch(/^To: qemu-devel@nongnu.org$/m);
    expect(mail).toContain('+device model means duplication, as well as loss of efficiency. This is where');
  });
});
