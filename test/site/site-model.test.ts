// The site model on small sites made from the three shared trees
// (fixtures/sites/: a few real posts of qemu-web, grpc.io and the Rust blog,
// with the configuration lines the model reads): what it learns, and what the
// rules say of a post that keeps to the site's habits or breaks one.

import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import type { Finding } from '../../src/core/types.js';
import { lintMarkdown } from '../../src/lint/processor.js';
import type { SiteModel } from '../../src/rules/kit/context.js';
import { findLayout, layoutAt } from '../../src/site/detect.js';
import { learnLayout } from '../../src/site/model.js';
import { summarize } from '../../src/site/summary.js';
import { fixture } from '../helpers.js';

const SITE_RULES = new Set(['front-matter', 'post-filename', 'undefined-acronym']);
const JEKYLL = fixture('sites', 'jekyll');
const HUGO = fixture('sites', 'hugo');
const ZOLA = fixture('sites', 'zola');

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-site-model-'));
  temps.push(dir);
  return dir;
}

function modelOf(dir: string): SiteModel {
  return learnLayout(layoutAt(dir)).model;
}

/** The site rules' findings on a post at `path` (from the site root), reviewed inside the site or alone. */
async function judge(dir: string | undefined, path: string, text: string): Promise<Finding[]> {
  const context = dir === undefined ? { settings: defaultSettings() } : { settings: defaultSettings(), siteDir: dir, site: modelOf(dir) };
  const found = await lintMarkdown(text, dir === undefined ? path : join(dir, path), undefined, context);
  return found.filter((f) => SITE_RULES.has(f.rule));
}

const said = (found: Finding[]): string[] => found.map((f) => `${f.rule}: ${f.message}`);

describe('what the model learns of each site', () => {
  it('a Jekyll site: _posts/, its permalink, its keys, its file names', () => {
    const model = modelOf(JEKYLL);
    expect(model.generator).toBe('jekyll');
    expect(model.postsDir).toBe('_posts');
    expect(model.paths?.size).toBe(5);
    expect(model.recent?.[0]).toBe('_posts/2026-02-20-gsoc-2026.md');
    expect(model.permalink).toMatchObject({ pattern: '/:year/:month/:day/:title/', source: '_config.yml' });
    expect(model.urls?.has('/2017/10/04/qemu-2-10-1/')).toBe(true);
    const keys = model.frontMatter!.keys;
    expect(['layout', 'title', 'date', 'categories'].map((k) => keys.get(k)?.share.posts)).toEqual([5, 5, 5, 5]);
    expect(keys.get('author')?.share.posts).toBe(1);
    expect(keys.get('date')?.shapes).toEqual({ zoned: 5 });
    expect(model.frontMatter!.author?.keys).toEqual(['author']);
    expect(model.fileNames).toMatchObject({ dated: { posts: 5, of: 5 }, lowercase: { posts: 5, of: 5 } });
    expect(model.words?.posts).toBe(5);
    expect(model.words?.terms.get('gsoc')).toEqual({ spelling: 'GSoC', posts: 2 });
    expect(model.unlearned).toBeUndefined();
  });

  it('a Hugo site: the section of content/en holding the posts, the author under two names', () => {
    const model = modelOf(HUGO);
    expect(model.generator).toBe('hugo');
    expect(model.config).toBe('config.yaml');
    expect(model.postsDir).toBe('content/en/blog');
    expect([...model.paths!].sort()).toEqual([
      'content/en/blog/community-meeting-update.md',
      'content/en/blog/grpc-cloud-run.md',
      'content/en/blog/grpc-js-1.0.md',
      'content/en/blog/meetup-kit.md',
      'content/en/blog/take-the-grpc-survey.md',
    ]);
    expect(model.permalink?.pattern).toBe('/:path/');
    expect(model.urls?.has('/blog/grpc-cloud-run/')).toBe(true);
    expect(model.frontMatter!.keys.get('date')?.shapes).toEqual({ date: 5 });
    expect(model.frontMatter!.author).toEqual({ keys: ['author', 'authors'], share: { posts: 5, of: 5, recent: 5, recentOf: 5 } });
  });

  it('a Zola site: content/ with its sections, each post its own `path`', () => {
    const model = modelOf(ZOLA);
    expect(model.generator).toBe('zola');
    expect(model.postsDir).toBe('content');
    expect(model.paths?.size).toBe(8);
    expect(model.paths?.has('content/inside-rust/Welcome.md')).toBe(true);
    expect(model.frontMatter!.syntax).toBe('toml');
    expect(model.frontMatter!.keys.get('path')?.shapes).toEqual({ 'dated-path': 8 });
    expect(model.urls?.has('/inside-rust/2019/09/25/Welcome/')).toBe(true);
    expect(model.fileNames!.lowercase.posts).toBe(3);
  });

  it('a plain folder of posts at the root of a repository, and a folder with none', () => {
    const dir = temp();
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'content', 'blog'), { recursive: true });
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, 'content', 'blog', `${name}.md`), `---\ntitle: ${name}\ndate: 2024-01-0${name.charCodeAt(0) - 96}\n---\n\nText.\n`);
    const layout = findLayout(join(dir, 'content', 'blog'))!;
    expect(layout).toMatchObject({ generator: 'plain', contentDir: 'content/blog', repoPath: '' });
    const model = learnLayout(layout).model;
    expect(model.paths?.size).toBe(3);
    expect(model.permalink).toBeUndefined();
    const empty = temp();
    mkdirSync(join(empty, '_posts'));
    writeFileSync(join(empty, '_config.yml'), 'title: x\n');
    expect(modelOf(empty).unlearned).toEqual(["no published posts in _posts/: nothing was learned of the site's habits"]);
  });

  it('says in one line what it could not learn, and learns the rest', () => {
    const dir = temp();
    cpSync(JEKYLL, dir, { recursive: true });
    writeFileSync(join(dir, '_config.yml'), 'permalink: [unclosed\n');
    writeFileSync(join(dir, '_posts', '2026-03-01-broken.md'), '---\ntitle: "x\n---\n\nText.\n');
    const model = modelOf(dir);
    expect(model.unlearned).toHaveLength(2);
    expect(model.unlearned![0]).toMatch(/^_config\.yml does not parse \(.+\): the permalink scheme was not learned$/);
    expect(model.unlearned![1]).toMatch(/^the front matter of 1 post does not parse \(_posts\/2026-03-01-broken\.md: .+\): its keys were not learned$/);
    expect(model.permalink).toBeUndefined();
    expect(model.frontMatter?.posts).toBe(5);
  });

  it('keeps the model in a cache keyed on the posts, and learns again when one changes', () => {
    const dir = temp();
    cpSync(JEKYLL, dir, { recursive: true });
    const cacheDir = join(temp(), 'cache');
    const first = learnLayout(layoutAt(dir), { cacheDir });
    expect(first.cached).toBe(false);
    const second = learnLayout(layoutAt(dir), { cacheDir });
    expect(second.cached).toBe(true);
    expect(summarize(second.model)).toEqual(summarize(first.model));
    const post = join(dir, '_posts', '2017-10-04-qemu-2-10-1.md');
    writeFileSync(post, readFileSync(post, 'utf8').replace('layout: post\n', ''));
    utimesSync(post, new Date(), new Date(Date.now() + 5000));
    const third = learnLayout(layoutAt(dir), { cacheDir });
    expect(third.cached).toBe(false);
    expect(third.model.frontMatter!.keys.get('layout')?.share.posts).toBe(4);
  });
});

describe('published posts keep to their site: no finding against its habits', () => {
  it.each([
    ['jekyll', JEKYLL],
    ['hugo', HUGO],
    ['zola', ZOLA],
  ])('every post of the %s fixture, reviewed inside it', async (_name, dir) => {
    const model = modelOf(dir);
    for (const path of model.paths!) {
      expect({ path, found: said(await judge(dir, path, readFileSync(join(dir, path), 'utf8'))) }).toEqual({ path, found: [] });
    }
  });
});

describe('a post that breaks a habit gets one finding naming it, with its count', () => {
  const jekyllPost = readFileSync(join(JEKYLL, '_posts', '2024-05-06-kvm-forum-cfp.md'), 'utf8');

  it('a key every post sets', async () => {
    const found = await judge(JEKYLL, '_posts/2024-05-06-new.md', jekyllPost.replace('layout: post\n', ''));
    expect(said(found)).toEqual(["front-matter: The front matter has no `layout`, which all 5 posts set. I'd add `layout: post`."]);
  });

  it('a date without time and zone, where every post has both', async () => {
    const found = await judge(JEKYLL, '_posts/2024-05-06-new.md', jekyllPost.replace('2024-05-06 07:00:00 +0100', '2024-05-06'));
    expect(said(found)).toEqual([
      "front-matter: `date:` has no time and zone, unlike all 5 posts of the site: Jekyll then reads it as midnight in the zone of the machine that builds the site, so the post's time (and its order among the day's posts) depends on where it is built. I'd write `date: 2024-05-06 10:00:00 +0000` with your time and zone.",
    ]);
  });

  it('a slug in capitals, where every post writes lowercase words', async () => {
    const found = await judge(JEKYLL, '_posts/2024-05-06-KVM_Forum.md', jekyllPost);
    expect(said(found)).toEqual([
      "post-filename: The slug `KVM_Forum` becomes the post's URL (/2024/05/06/KVM_Forum/), and all 5 posts of the site name theirs in lowercase words joined by hyphens. I'd name the file `_posts/2024-05-06-kvm-forum.md`.",
    ]);
    // Without the checkout, nothing says what the site's slugs look like.
    expect(await judge(undefined, '_posts/2024-05-06-KVM_Forum.md', jekyllPost)).toEqual([]);
  });

  it('a Hugo post naming no author, where every post names one (as `author` or `authors`)', async () => {
    const post = readFileSync(join(HUGO, 'content/en/blog/grpc-js-1.0.md'), 'utf8').replace(/author:\n(?: {2}.*\n)+/, '');
    const found = await judge(HUGO, 'content/en/blog/new-post.md', post);
    expect(said(found)).toEqual(["front-matter: The front matter has no `author` (or `authors`), which all 5 posts set. I'd add `author: {name: Your Name}`."]);
    // Hugo's dates are plain days on this site: no time is asked for.
    expect(await judge(HUGO, 'content/en/blog/new-post.md', readFileSync(join(HUGO, 'content/en/blog/grpc-js-1.0.md'), 'utf8'))).toEqual([]);
  });

  it('a Hugo file name in capitals', async () => {
    const post = readFileSync(join(HUGO, 'content/en/blog/grpc-js-1.0.md'), 'utf8');
    const found = await judge(HUGO, 'content/en/blog/My_Post.md', post);
    expect(said(found)).toEqual([
      "post-filename: The slug `My_Post` becomes the post's URL, and all 5 posts of the site name theirs in lowercase words joined by hyphens. I'd name the file `content/en/blog/my-post.md`.",
    ]);
  });

  it('a Zola `path` without the date, where every post starts it with one', async () => {
    const post = readFileSync(join(ZOLA, 'content/Security-advisory-for-std.md'), 'utf8').replace('path = "2018/09/21/Security-advisory-for-std"', 'path = "security-advisory"');
    const found = await judge(ZOLA, 'content/security-advisory.md', post);
    expect(said(found)).toEqual([
      "front-matter: `path` is `security-advisory`, but all 8 posts of the site write it as `[section/]YYYY/MM/DD/slug`, and the post's date and URL come from it. I'd write it that way.",
    ]);
  });

  it("an acronym the site's readers know passes; one they do not is asked about", async () => {
    const model = modelOf(JEKYLL);
    expect(model.words?.acronyms.has('IRC')).toBe(true);
    const post = `${jekyllPost.slice(0, jekyllPost.indexOf('---', 3) + 4)}\nJoin us on IRC, where the IRC channel is busy. The ZQX tool and the ZQX daemon help.\n`;
    const found = await judge(JEKYLL, '_posts/2024-05-06-new.md', post);
    expect(said(found)).toEqual(['undefined-acronym: What does "ZQX" stand for? I\'d spell it out at its first use, or link it: not every reader will know it.']);
  });
});
