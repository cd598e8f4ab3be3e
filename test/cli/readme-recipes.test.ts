// The README's recipes, run as written, install lines included: the tarball
// `npm pack` makes is installed into a throw-away prefix (from npm's cache,
// offline), and each recipe runs with that `review-post` on the PATH, in
// throw-away repositories, against a fake SMTP server.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../../src/rules/index.js';
import { applyConfig } from '../../src/config/load.js';
import { defaultSettings } from '../../src/config/settings.js';
import { fixture, missingSendEmail, reviewPost, root, seedPost, skipping } from '../helpers.js';

const README = readFileSync(join(root, 'README.md'), 'utf8');
const V1 = fixture('osv-virtio-fs-v1.mbox');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const TARBALL = `review-post-${version}.tgz`;
const NO_SEND_EMAIL = missingSendEmail();

/** The fenced block after `<!-- recipe: name -->`. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(README);
  if (!m?.[1]) throw new Error(`README has no recipe "${name}"`);
  return m[1];
}

interface Shell {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** npm, kept to a prefix of its own and to its cache: a global install here touches nothing else, and needs no network. */
function npmEnv(prefix: string): NodeJS.ProcessEnv {
  return { npm_config_prefix: prefix, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' };
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = {}, input = '', timeout = 60000): Shell {
  const r = spawnSync('/bin/sh', ['-c', command], { cwd, input, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/**
 * A clone as `npm install` leaves it, made from this working tree (its
 * changes included): what `npm pack` reads and builds from.
 */
function cloneOfTree(): string {
  const clone = join(mkdtempSync(join(tmpdir(), 'review-post-clone-')), 'review-post');
  mkdirSync(join(clone, 'fixtures'), { recursive: true });
  for (const entry of ['package.json', 'package-lock.json', '.npmrc', 'LICENSE', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'src', 'scripts', 'data']) {
    cpSync(join(root, entry), join(clone, entry), { recursive: true });
  }
  copyFileSync(V1, join(clone, 'fixtures', 'osv-virtio-fs-v1.mbox'));
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  return clone;
}

/** The Installing recipe, run as written in a clone: the folder holding the `review-post` it installed. */
interface Installed {
  clone: string;
  bin: string;
  pack: Shell;
  install: Shell;
}
let installed: Installed | undefined;
let cannotInstall: string | undefined;

beforeAll(() => {
  const clone = cloneOfTree();
  const prefix = mkdtempSync(join(tmpdir(), 'review-post-prefix-'));
  const [pack, install] = recipe('install').trim().split('\n');
  const packed = sh(pack!, clone, npmEnv(prefix), '', 180_000);
  const done = sh(install!, clone, npmEnv(prefix), '', 120_000);
  if (/ENOTCACHED/.test(done.stderr)) {
    cannotInstall = "npm's cache lacks a dependency of review-post (run npm ci once with the network)";
    return;
  }
  installed = { clone, bin: join(prefix, 'bin'), pack: packed, install: done };
}, 300_000);

/**
 * For a test that needs the installed package: it skips, saying why, when
 * npm could not install it here (decided in beforeAll, after collection).
 */
function needInstalled(ctx: TestContext): void {
  if (skipping(cannotInstall)) ctx.skip();
}

/** The installed review-post on the PATH, as after the Installing recipe. */
function onPath(): NodeJS.ProcessEnv {
  if (!installed) throw new Error(cannotInstall ?? 'not installed');
  return { PATH: `${installed.bin}:${process.env.PATH}` };
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

/** The tarball committed where the CI recipes install it from. */
function withTarball(dir: string): void {
  mkdirSync(join(dir, 'tools'), { recursive: true });
  copyFileSync(join(installed!.clone, TARBALL), join(dir, 'tools', TARBALL));
}

describe('README', () => {
  it('lists every rule with its default severity', () => {
    for (const rule of RULES) expect(README).toContain(`| \`${rule.meta.id}\` | ${rule.meta.severity} |`);
  });

  it("names the tarball of this package's version", () => {
    expect(recipe('install')).toContain(`./${TARBALL}`);
    expect(recipe('gitlab-ci')).toContain(`./tools/${TARBALL}`);
    expect(recipe('github-actions')).toContain(`./tools/${TARBALL}`);
  });
});

describe('README recipes', () => {
  it('install: npm pack makes the tarball, npm install --global installs it, with no warning', (ctx) => {
    needInstalled(ctx);
    const { pack, install, bin } = installed!;
    expect(pack.status).toBe(0);
    // Its name alone on stdout: pre-commit, for one, reads it so (.npmrc keeps the build's banners off).
    expect(pack.stdout).toBe(`${TARBALL}\n`);
    expect(install.status).toBe(0);
    expect(install.stderr).not.toMatch(/warn/i);
    // Only what runs: the bundle and its cache, the rules' sources, the data, no scripts.
    const listing = sh(`tar tzf ${TARBALL}`, installed!.clone).stdout.trim().split('\n');
    expect(listing).toContain('package/dist/review-post.cjs');
    expect(listing).toContain('package/LICENSE');
    expect(listing.filter((f) => /\/(?:scripts|test|fixtures|bench)\//.test(f) || /bench|fuzz/.test(f))).toEqual([]);
    const manifest = JSON.parse(sh(`tar xOzf ${TARBALL} package/package.json`, installed!.clone).stdout) as { scripts?: unknown };
    expect(manifest.scripts).toBeUndefined();
    // The clone's own package.json is as it was.
    expect(readFileSync(join(installed!.clone, 'package.json'), 'utf8')).toBe(readFileSync(join(root, 'package.json'), 'utf8'));
    const run = sh('review-post --version', tmpdir(), onPath());
    expect(run.stdout).toBe(`${version}\n`);
    expect(existsSync(join(bin, 'review-post'))).toBe(true);
  });

  it.skipIf(skipping(NO_SEND_EMAIL))('reply: writes review.eml and git send-email sends it, threaded', (ctx) => {
    needInstalled(ctx);
    const { dir, sent } = site('Thomas Huth <thuth@redhat.com>');
    copyFileSync(V1, join(dir, 'patch.mbox'));
    const r = sh(recipe('reply').trim(), dir, onPath());
    expect(r.status).toBe(0);
    expect(r.stderr + r.stdout).toContain('Result: OK');
    const mail = readFileSync(sent, 'utf8');
    expect(mail).toMatch(/^Subject: Re: \[qemu-web PATCH\] Add virtio-fs in OSv overview blog post$/m);
    expect(mail).toMatch(/^In-Reply-To: <AM0PR03MB62920E8F53722876D6FD3D30A6EF0@/m);
    expect(mail).toContain("> +window. What is that? It's a shared memory window between the host and the");
  });

  it.skipIf(skipping(NO_SEND_EMAIL))('hook: install-hook, then git send-email refuses the flawed post and sends nothing', (ctx) => {
    needInstalled(ctx);
    const { dir, sent } = site();
    const [install, send] = recipe('hook').trim().split('\n');
    expect(sh(install!, dir, onPath()).status).toBe(0);
    const r = sh(send!, dir, onPath());
    expect(r.stderr).toContain('rejected by sendemail-validate hook');
    expect(r.stderr).toMatch(/_posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /);
    expect(existsSync(sent)).toBe(false);
  });

  it('gitlab-ci: the job installs the tarball and writes a Code Quality report of the merge request', (ctx) => {
    needInstalled(ctx);
    const job = (
      parseYaml(recipe('gitlab-ci')) as Record<string, { script: string[]; variables: Record<string, string>; artifacts: { reports: { codequality: string } } }>
    )['review-post']!;
    const { dir, base } = site();
    withTarball(dir);
    // A fresh runner: the prefix holds no review-post until the job installs it.
    const prefix = mkdtempSync(join(tmpdir(), 'review-post-runner-'));
    const env = { ...job.variables, ...npmEnv(prefix), CI_MERGE_REQUEST_DIFF_BASE_SHA: base, PATH: `${prefix}/bin:${process.env.PATH}` };
    const [install, ...steps] = job.script;
    const installing = sh(install!, dir, env, '', 120_000);
    expect(installing.status).toBe(0);
    expect(installing.stderr).not.toMatch(/warn/i);
    expect(steps).toHaveLength(1);
    expect(sh(steps[0]!, dir, env).status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, job.artifacts.reports.codequality), 'utf8')) as {
      check_name: string;
      location: { path: string; lines: { begin: number } };
    }[];
    expect(report.map((i) => `${i.check_name}@${i.location.lines.begin}`)).toContain('no-rhetorical-question@34');
    expect(report.every((i) => i.location.path === '_posts/2020-11-04-osv-virtio-fs.md')).toBe(true);
  });

  it('github-actions: the steps install the tarball and annotate the pull request', (ctx) => {
    needInstalled(ctx);
    const workflow = parseYaml(recipe('github-actions')) as { jobs: { review: { steps: { run?: string }[] } } };
    const runs = workflow.jobs.review.steps.flatMap((s) => (s.run ? [s.run] : []));
    const { dir, base } = site();
    withTarball(dir);
    git(dir, 'update-ref', 'refs/remotes/origin/main', base);
    const prefix = mkdtempSync(join(tmpdir(), 'review-post-runner-'));
    const env = { ...npmEnv(prefix), PATH: `${prefix}/bin:${process.env.PATH}` };
    const [install, review] = runs;
    expect(runs).toHaveLength(2);
    expect(sh(install!, dir, env, '', 120_000).status).toBe(0);
    // What GitHub substitutes before the shell sees the line.
    const r = sh(review!.replace('${{ github.base_ref }}', 'main'), dir, env);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::warning file=_posts\/2020-11-04-osv-virtio-fs\.md,line=34,/m);
  });

  describe('b4', () => {
    /** What b4 does with each configured command: the patch on stdin, in the repository's top folder. */
    const configured = (dir: string, key: string, input: string): Shell => sh(git(dir, 'config', key).trim(), dir, onPath(), input);
    const messages = readFileSync(fixture('patch', 'series-cover-letter.mbox'), 'utf8').split(/\n(?=From [0-9a-f]{40} )/);

    it('the per-patch commands answer in checkpatch style, and say nothing on stderr, which b4 counts as failures', (ctx) => {
    needInstalled(ctx);
      const { dir } = site();
      for (const line of recipe('b4').trim().split('\n')) expect(sh(line, dir).status).toBe(0);
      for (const key of ['b4.prep-perpatch-check-cmd', 'b4.am-perpatch-check-cmd']) {
        const flawed = configured(dir, key, readFileSync(V1, 'utf8'));
        expect(flawed.stdout.split('\n')).toContainEqual(expect.stringMatching(/^_posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /));
        expect(flawed.stderr).toBe('');
        // The series' image-only patch touches no post: no line at all, and exit 0 (b4's "passed all checks").
        const imageOnly = messages.find((m) => m.includes('screenshots/') && !m.includes('_posts/'))!;
        expect(configured(dir, key, imageOnly)).toEqual({ status: 0, stdout: '', stderr: '' });
      }
    });

    it("the review check command prints b4's check JSON, with the statuses b4 takes", (ctx) => {
    needInstalled(ctx);
      const { dir } = site();
      for (const line of recipe('b4').trim().split('\n')) sh(line, dir);
      const results = JSON.parse(configured(dir, 'b4.review-perpatch-check-cmd', readFileSync(V1, 'utf8')).stdout) as { tool: string; status: string }[];
      expect(results).toEqual([expect.objectContaining({ tool: 'review-post', status: 'fail' })]);
      expect(['pass', 'warn', 'fail']).toContain(results[0]!.status);
    });

    const b4 = b4Version();
    const tooOld = b4 === undefined ? 'b4 is not installed' : b4 < 14 ? `b4 0.${b4} is older than 0.14, which reads the per-patch check commands` : undefined;

    it.skipIf(skipping(tooOld))('b4 prep --check runs review-post on each patch of the series', (ctx) => {
    needInstalled(ctx);
      const { dir } = site();
      git(dir, 'reset', '-q', '--hard', 'HEAD~1');
      for (const line of recipe('b4').trim().split('\n')) sh(line, dir);
      expect(sh('b4 prep -n osv-virtio-fs', dir, onPath()).status).toBe(0);
      mkdirSync(join(dir, '_posts'), { recursive: true });
      writeFileSync(join(dir, '_posts', '2020-11-04-osv-virtio-fs.md'), seedPost());
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '-m', 'Add virtio-fs in OSv overview blog post');
      const r = sh('b4 prep --check', dir, onPath());
      expect(r.stdout + r.stderr).toMatch(/review-post: _posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /);
    });

    it.skipIf(skipping(tooOld))('b4 am --check runs review-post on each patch it applies', (ctx) => {
    needInstalled(ctx);
      const { dir } = site();
      for (const line of recipe('b4').trim().split('\n')) sh(line, dir);
      const out = mkdtempSync(join(tmpdir(), 'review-post-b4-am-'));
      const r = sh(`b4 am --check --no-cache -m "${V1}" -o "${out}"`, dir, onPath());
      expect(r.stdout + r.stderr).toMatch(/review-post: _posts\/2020-11-04-osv-virtio-fs\.md:34: WARNING:no-rhetorical-question: /);
    });
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

/** b4's minor version (0.N), or undefined when there is no b4. */
function b4Version(): number | undefined {
  const r = spawnSync('b4', ['--version'], { encoding: 'utf8' });
  const m = /(\d+)\.(\d+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.error || !m) return undefined;
  return Number(m[1]) > 0 ? Infinity : Number(m[2]);
}

describe('README recipes of the next version', () => {
  it('follow-up: ticks off the review of v1 on v2, from files or from the whole thread', (ctx) => {
    needInstalled(ctx);
    const { dir } = site();
    copyFileSync(V1, join(dir, 'v1.mbox'));
    copyFileSync(fixture('osv-virtio-fs-v2.mbox'), join(dir, 'v2.mbox'));
    copyFileSync(fixture('follow-up', 'review-of-osv-virtio-fs-v1.eml'), join(dir, 'review-of-v1.eml'));
    copyFileSync(fixture('follow-up', 'thread.mbox'), join(dir, 'thread.mbox'));
    const [files, thread] = recipe('follow-up').trim().split('\n');
    const text = sh(files!, dir, onPath());
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('8 review comments: 7 addressed, 0 still open, 1 to check;');
    expect(sh(thread!, dir, onPath()).status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'follow-up.json'), 'utf8')) as { reviews: unknown[]; summary: { review: { open: number } } };
    expect(report.reviews).toHaveLength(3);
    expect(report.summary.review.open).toBe(2);
  });

  it('fix: the dry run shows the two fixes, then the post is fixed in place', (ctx) => {
    needInstalled(ctx);
    const { dir } = site();
    const [dry, fix] = recipe('fix').trim().split('\n');
    const shown = sh(dry!, dir, onPath());
    expect(shown.stdout).toContain('+device model means duplication, as well as loss of efficiency. This is where');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    sh(fix!, dir, onPath());
    expect(git(dir, 'diff', '--stat')).toContain('_posts/2020-11-04-osv-virtio-fs.md | 6 +++---');
  });

  it('fix-mail: the next version is written and git send-email sends it to v1\'s recipients', (ctx) => {
    needInstalled(ctx);
    const { dir, sent } = site();
    copyFileSync(V1, join(dir, 'v1.mbox'));
    const [write, send] = recipe('fix-mail').trim().split('\n');
    expect(sh(write!, dir, onPath()).stdout).toContain('wrote v2.patch');
    const r = sh(send!, dir, onPath());
    expect(r.stderr + r.stdout).toContain('Result: OK');
    const mail = readFileSync(sent, 'utf8');
    expect(mail).toMatch(/^Subject: \[qemu-web PATCH v2\] Add virtio-fs in OSv overview blog post$/m);
    expect(mail).toMatch(/^To: qemu-devel@nongnu.org$/m);
    expect(mail).toContain('+device model means duplication, as well as loss of efficiency. This is where');
  });
});
