// The site model through the command, with real git: `review-post site`,
// and Hugo and Zola repositories without a config, whose new post a CI job
// (--range) and the sendemail-validate hook review instead of answering
// "touches no post".

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, reviewPost } from '../helpers.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_EDITOR: 'true' } });
}

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A repository of a fixture site (no review-post config), then a commit that adds `post` at `path`. */
function repoWithPost(site: string, path: string, post: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-repo-'));
  temps.push(dir);
  cpSync(fixture('sites', site), dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Ann Author');
  git(dir, 'config', 'user.email', 'ann@example.org');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'The site');
  writeFileSync(join(dir, path), post);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'Add a post', '-m', 'Signed-off-by: Ann Author <ann@example.org>');
  return dir;
}

interface Report {
  inputs: { patches: { posts: { path: string; findings: { rule: string; message: string }[] }[]; skipped: { reason: string }[] }[] }[];
  summary: { posts: number };
}

const HUGO_POST = `---
title: A new post
date: 2024-05-06
---

gRPC is a framework for remote procedure calls, and this post says how to use it.
`;

const ZOLA_POST = `+++
path = "a-new-post"
title = "A new post"
authors = ["Ann Author"]
aliases = ["a-new-post.html"]
+++

Rust is a language, and this post says how to use it.
`;

describe('review-post site', () => {
  it('prints what it learned of a site', () => {
    const r = reviewPost(['site', fixture('sites', 'jekyll')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe('Generator:    Jekyll (_config.yml)');
    expect(lines[2]).toBe('Posts:        _posts/: 5 published posts; habits weighed on the newest 5 (newest: _posts/2026-02-20-gsoc-2026.md)');
    expect(r.stdout).toContain('Permalink:    /:year/:month/:day/:title/ (_config.yml); 5 post URLs known');
    expect(r.stdout).toContain('  asked of a post: `layout`, `title`, `date`, `categories`');
    expect(r.stdout).toContain('  author named with: `author`, in 1 of 5');
  });

  it('prints the same as JSON', () => {
    const r = reviewPost(['site', '--format', 'json', fixture('sites', 'hugo')]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { generator: string; postsDir: string; posts: number; frontMatter: { required: string[] }; permalink: { pattern: string } };
    expect(summary).toMatchObject({ generator: 'hugo', postsDir: 'content/en/blog', posts: 5, permalink: { pattern: '/:path/' } });
    expect(summary.frontMatter.required).toEqual(['title', 'date', 'author or authors']);
  });

  it('finds the site from the current directory, and says in one line when there is none', () => {
    const found = run(['site'], join(fixture('sites', 'zola'), 'content'));
    expect(found.status).toBe(0);
    expect(found.stdout).toContain('Generator:    Zola (config.toml)');
    const none = mkdtempSync(join(tmpdir(), 'review-post-nosite-'));
    temps.push(none);
    git(none, 'init', '-q');
    const r = run(['site'], none);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^review-post: no site found from here upwards/)]);
    const missing = run(['site', join(none, 'nothing')], none);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`review-post: ${join(none, 'nothing')}: not a folder\n`);
  });
});

describe('a Hugo or Zola repository without a config', () => {
  it.each([
    ['hugo', 'content/en/blog/a-new-post.md', HUGO_POST, /^The front matter has no `author` \(or `authors`\), which all 5 posts set\./],
    ['zola', 'content/a-new-post.md', ZOLA_POST, /^`path` is `a-new-post`, but all 8 posts of the site write it as `\[section\/\]YYYY\/MM\/DD\/slug`/],
  ])('%s: --range reviews the commit that adds a post, by the site\'s habits', (site, path, post, message) => {
    const repo = repoWithPost(site, path, post);
    const r = run(['--format', 'json', '--range', 'HEAD~1..HEAD'], repo);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary.posts).toBe(1);
    const reviewed = report.inputs[0]!.patches[0]!.posts[0]!;
    expect(reviewed.path).toBe(path);
    expect(reviewed.findings.filter((f) => f.rule === 'front-matter').map((f) => f.message)).toEqual([expect.stringMatching(message)]);
    expect(r.status).toBe(1);
  });

  it('hugo: the sendemail-validate hook reviews the post too', () => {
    const repo = repoWithPost('hugo', 'content/en/blog/a-new-post.md', HUGO_POST);
    const out = mkdtempSync(join(tmpdir(), 'review-post-mail-'));
    temps.push(out);
    git(repo, 'format-patch', '-q', '-1', '-o', out);
    const patch = join(out, '0001-Add-a-post.patch');
    const direct = run(['--hook', patch], repo);
    expect(direct.status).toBe(1);
    expect(direct.stderr).toContain('content/en/blog/a-new-post.md:1: WARNING:front-matter: The front matter has no `author` (or `authors`), which all 5 posts set.');
    // Through git send-email: the hook stops the send.
    expect(run(['install-hook'], repo).status).toBe(0);
    const sent = join(out, 'sent.txt');
    const server = join(out, 'smtp.sh');
    writeFileSync(server, `#!/bin/sh\ncat >> "${sent}"\n`);
    chmodSync(server, 0o755);
    const r = spawnSync('git', ['send-email', '--confirm=never', `--smtp-server=${server}`, '--to=list@example.org', '-1'], { cwd: repo, encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('rejected by sendemail-validate hook');
    expect(`${r.stdout}${r.stderr}`).toContain('content/en/blog/a-new-post.md:1: WARNING:front-matter:');
    expect(existsSync(sent)).toBe(false);
  });

  it('hugo: a config that does not parse is one line, and the post is still reviewed', () => {
    const repo = repoWithPost('hugo', 'content/en/blog/a-new-post.md', HUGO_POST);
    writeFileSync(join(repo, 'config.yaml'), 'languages: [unclosed\n');
    const r = run(['--format', 'json', '--range', 'HEAD~1..HEAD'], repo);
    expect((JSON.parse(r.stdout) as Report).summary.posts).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^review-post: .+: config\.yaml does not parse \(.+\): its content folder and permalinks were not learned$/),
    ]);
  });

  it('a Markdown post of the tree, given directly, is judged by its site', () => {
    const post = fixture('sites', 'jekyll', '_posts', '2024-05-06-kvm-forum-cfp.md');
    const r = reviewPost(['--format', 'json', post]);
    const found = (JSON.parse(r.stdout) as Report).inputs[0]!.patches[0]!.posts[0]!.findings;
    expect(found.filter((f) => f.rule === 'front-matter' || f.rule === 'post-filename')).toEqual([]);
  });

  it("a section's page (_index.md), named with the posts of a folder, is no post: no front-matter or file-name finding", () => {
    const r = reviewPost(['--format', 'json', fixture('sites', 'hugo', 'content', 'en', 'blog')]);
    const posts = (JSON.parse(r.stdout) as Report).inputs.flatMap((i) => i.patches.flatMap((p) => p.posts));
    const index = posts.find((p) => p.path.endsWith('_index.md'));
    expect(index).toBeDefined();
    expect(index!.findings.filter((f) => f.rule === 'front-matter' || f.rule === 'post-filename')).toEqual([]);
  });
});
