// The structure rules on real-shaped patches (made with git, see
// fixtures/structure/README.md): images that come in another patch of the
// series, a binary stub, TOML front matter, a site checkout in a temp dir.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { RULES } from '../../src/rules/index.js';
import { defaultSettings, type PresetName, type Settings } from '../../src/config/settings.js';
import { lintMarkdown, markdownProcessor } from '../../src/lint/processor.js';
import { decodeMail } from '../../src/mail/decode.js';
import { splitMessages } from '../../src/mail/mbox.js';
import { readPatch } from '../../src/patch/read.js';
import { reviewSource } from '../../src/pipeline.js';
import { onCommitMessage, type SiteModel } from '../../src/rules/kit/context.js';
import { layoutAt } from '../../src/site/detect.js';
import { learnLayout } from '../../src/site/model.js';
import type { Finding, Patch } from '../../src/core/types.js';
import { fixture } from '../helpers.js';
import { POSTS } from '../helpers.js';

const STRUCTURE = new Set(['front-matter', 'post-filename', 'heading-structure', 'link-hygiene', 'image-assets', 'list-wrapping', 'patch-hygiene']);
const POST = '_posts/2020-11-04-osv-virtio-fs.md';
const IMAGE = 'screenshots/2020-11-04-unikernel-vs-gpos.png';

interface Found extends Finding {
  path: string;
}

/** Settings as a site's configuration file gives them (`extends` a preset). */
function settingsWith(preset: PresetName = 'qemu-web', options: Record<string, Record<string, unknown>> = {}): Settings {
  const settings = { ...defaultSettings(preset), source: '.review-post.json' };
  for (const [id, value] of Object.entries(options)) settings.rules.set(id, { level: 'warning', options: value });
  return settings;
}

/** The structure rules' findings on every post of a fixture, through the whole pipeline. */
async function review(name: string, options: { settings?: Settings; siteDir?: string; data?: string } = {}): Promise<Found[]> {
  const data = Buffer.from(options.data ?? readFileSync(fixture('structure', name), 'utf8'));
  const reviewed = await reviewSource(
    { name, data },
    { settings: options.settings ?? settingsWith(), ...(options.siteDir ? siteContext(options.siteDir) : {}) },
  );
  return reviewed.patches.flatMap((p) =>
    p.posts.flatMap((post) => post.findings.filter((f) => STRUCTURE.has(f.rule)).map((f) => ({ ...f, path: post.post.path }))),
  );
}

/** What a review inside a checkout gets: the folder, and the model learned from it. */
function siteContext(siteDir: string): { siteDir: string; site: SiteModel } {
  return { siteDir, site: learnLayout(layoutAt(siteDir)).model };
}

const where = (found: Found[]): string[] => found.map((f) => `${f.rule}@${f.line}`);

async function patchesOf(name: string): Promise<Patch[]> {
  const text = readFileSync(fixture('structure', name));
  const patches: Patch[] = [];
  for (const raw of splitMessages(text)) patches.push(readPatch(await decodeMail(raw), POSTS));
  return patches.filter((p) => p.hasDiff);
}

/** A folder shaped like the Jekyll site's checkout. */
function makeSite(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'review-post-site-'));
  sites.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
const sites: string[] = [];
afterAll(() => {
  for (const dir of sites) rmSync(dir, { recursive: true, force: true });
});

const STORAGE_POST = `---
layout: post
title:  "An Overview of QEMU Storage Features"
date:   2020-09-14 07:00:00 +0000
categories: [storage]
---

Text.
`;

describe('an image that comes in another patch of the series', () => {
  it('is provided: the post in 1/2 gets no image comment', async () => {
    const found = await review('series-image-in-second-patch.mbox');
    expect(found.filter((f) => f.rule === 'image-assets')).toEqual([]);
    expect(found).toEqual([]);
  });

  it('is missing when the post comes alone, with the line of the image', async () => {
    const found = await review('post-without-image.patch');
    expect(where(found)).toEqual(['image-assets@11']);
    expect(found[0]!.message).toContain(`unless the site already has \`${IMAGE}\`, the image will be missing`);
  });

  it('is found in the site checkout when the patch does not bring it', async () => {
    const site = makeSite({ [IMAGE]: 'png', '_posts/2020-09-14-qemu-storage-overview.md': STORAGE_POST });
    const found = await review('post-without-image.patch', { siteDir: site });
    expect(found.filter((f) => f.rule === 'image-assets')).toEqual([]);
  });

  it('is missing from the checkout too: a firmer comment', async () => {
    const site = makeSite({ 'screenshots/other.png': 'png', '_posts/2020-09-14-qemu-storage-overview.md': STORAGE_POST });
    const found = await review('post-without-image.patch', { siteDir: site });
    const image = found.filter((f) => f.rule === 'image-assets');
    expect(where(image)).toEqual(['image-assets@11']);
    expect(image[0]!.message).toContain("is neither in this patch nor in the site's checkout");
  });
});

describe('a binary stub', () => {
  it('is listed with its size from the diffstat', async () => {
    const [patch] = await patchesOf('binary-stub.patch');
    expect(patch!.files).toContainEqual({ path: IMAGE, status: 'added', binary: true, binaryStub: true, size: 2070 });
  });

  it('gets a comment at the image: it cannot be applied from the mail', async () => {
    const found = await review('binary-stub.patch');
    expect(where(found)).toEqual(['image-assets@11']);
    expect(found[0]!.message).toMatch(/^`screenshots\/2020-11-04-unikernel-vs-gpos\.png` came as `Binary files \.\.\. differ`/);
    expect(found[0]!.message).toContain('`--binary`');
  });

  it('is not taken for a missing image, and the full binary patch passes', async () => {
    expect(await review('post-and-png.patch')).toEqual([]);
  });
});

describe('a heavy raster image', () => {
  it('is measured from the binary patch and compared with the maxBytes option', async () => {
    const settings = settingsWith('qemu-web', { 'image-assets': { maxBytes: 1000 } });
    const found = await review('post-and-png.patch', { settings });
    expect(where(found)).toEqual(['image-assets@11']);
    expect(found[0]!.message).toContain('is 2 KB, and every reader downloads it with the page');
  });

  it('also in another patch of the series', async () => {
    const settings = settingsWith('qemu-web', { 'image-assets': { maxBytes: 1000 } });
    expect(where(await review('series-image-in-second-patch.mbox', { settings }))).toEqual(['image-assets@11']);
  });
});

describe('patch hygiene', () => {
  it('comments once, on the first post, at line 1: sign-off, subject prefix, one post per patch', async () => {
    const found = await review('hygiene.patch');
    const hygiene = found.filter((f) => f.rule === 'patch-hygiene');
    expect(hygiene.map((f) => `${f.path}@${f.line}`)).toEqual([POST, POST, POST].map((p) => `${p}@1`));
    expect(hygiene[0]!.message).toContain('no `Signed-off-by:` line');
    expect(hygiene[0]!.message).toContain('`Signed-off-by: Fotis Xenakis <foxen@windowslive.com>`');
    expect(hygiene[1]!.message).toContain("starts with `[PATCH]`; patches for this list are tagged `[qemu-web PATCH]`");
    expect(hygiene[2]!.message).toContain('adds or changes 2 posts');
  });

  it('marks those findings as being about the commit message', async () => {
    const [patch] = await patchesOf('hygiene.patch');
    const post = patch!.posts[0]!;
    const rule = RULES.find((r) => r.meta.id === 'patch-hygiene')!;
    const file = new VFile({ value: post.content, path: post.path, data: { reviewPost: { patch: patch!, post, series: [patch!], settings: settingsWith() } } });
    const processor = markdownProcessor([rule]);
    await processor.run(processor.parse(file), file);
    expect(file.messages).toHaveLength(3);
    expect(file.messages.every((m) => onCommitMessage(m))).toBe(true);
  });

  it('checks the subject prefix only when the site configures one', async () => {
    const found = await review('hygiene.patch', { settings: defaultSettings() });
    expect(found.filter((f) => f.rule === 'patch-hygiene').map((f) => f.message)).toEqual([
      expect.stringContaining('no `Signed-off-by:` line'),
      expect.stringContaining('adds or changes 2 posts'),
    ]);
  });

  it('is quiet on a signed-off patch with the right prefix', async () => {
    const found = await review('post-and-png.patch');
    expect(found.filter((f) => f.rule === 'patch-hygiene')).toEqual([]);
  });

  it('accepts a sign-off by name when the list rewrote the From address', async () => {
    const text = readFileSync(fixture('structure', 'post-and-png.patch'), 'utf8').replace(
      'From: Fotis Xenakis <foxen@windowslive.com>',
      'From: Fotis Xenakis via Qemu-devel <qemu-devel@nongnu.org>',
    );
    const found = await review('post-and-png.patch', { data: text });
    expect(found.filter((f) => f.rule === 'patch-hygiene')).toEqual([]);
  });

  it('names a sign-off that does not match the sender', async () => {
    const text = readFileSync(fixture('structure', 'post-and-png.patch'), 'utf8').replace(
      'Signed-off-by: Fotis Xenakis <foxen@windowslive.com>',
      'Signed-off-by: Someone Else <someone@example.org>',
    );
    const found = await review('post-and-png.patch', { data: text });
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('signed off by Someone Else <someone@example.org>, but the mail comes from Fotis Xenakis <foxen@windowslive.com>'),
    ]);
  });
});

describe('the rest of hygiene.patch', () => {
  it('flags the PNG under _posts/ on the first post, and the post dated after the mail', async () => {
    const found = await review('hygiene.patch');
    const rest = found.filter((f) => f.rule !== 'patch-hygiene');
    expect(rest.map((f) => `${f.rule}@${f.path}:${f.line}`)).toEqual([
      `post-filename@${POST}:1`,
      'front-matter@_posts/2020-11-10-osv-virtio-fs-part-2.md:5',
    ]);
    expect(rest[0]!.message).toContain('`_posts/2020-11-04-unikernel-vs-gpos.png` under `_posts/`, which is not Markdown');
    expect(rest[1]!.message).toMatch(/is after this mail was sent \(4 Nov 2020 02:42 \+0200\)\. Jekyll leaves out posts dated in the future/);
  });
});

describe('a Zola post with TOML front matter', () => {
  it('checks the Zola schema: release version, path with a date, heading levels (h1 allowed)', async () => {
    const found = await review('zola-posts.patch', { settings: settingsWith('zola') });
    expect(found.map((f) => `${f.rule}@${f.path}:${f.line}`)).toEqual([
      'patch-hygiene@content/Rust-1.90.0.md:1',
      'front-matter@content/Rust-1.90.0.md:3',
      'heading-structure@content/Rust-1.90.0.md:14',
      'front-matter@content/stage0-redesign.md:2',
    ]);
    // `[PATCH]` is the Zola preset's prefix, and the sign-off matches: only the two posts.
    expect(found[0]!.message).toContain('adds or changes 2 posts');
    expect(found[1]!.message).toContain('the title names version 1.91.0 and the file name 1.90.0');
    expect(found[2]!.message).toContain('skipping level 2');
    expect(found[3]!.message).toContain('`[section/]YYYY/MM/DD/slug`');
  });

  it('reads the Rust blog schema without a patch too, with the zola preset; without it, asks for no key', async () => {
    const zola = markdownProcessor(RULES, (id) => defaultSettings('zola').rules.get(id)?.options);
    const ok = '+++\npath = "inside-rust/2025/01/01/x"\ntitle = "X"\nauthors = ["A"]\n+++\n\n# Section\n\nText.\n';
    expect(await lintMarkdown(ok, 'content/inside-rust/x.md', zola)).toEqual(expect.not.arrayContaining([expect.objectContaining({ rule: 'front-matter' })]));
    const missing = '+++\ntitle = "X"\n+++\n\nText.\n';
    const found = (await lintMarkdown(missing, 'content/x.md', zola)).filter((f) => f.rule === 'front-matter');
    expect(found.map((f) => f.message)).toEqual([
      "The front matter has no `path` or `authors`, which this rule's configuration asks every post to set. I'd add `path = \"YYYY/MM/DD/slug\"` and `authors = [\"Your Name\"]`.",
    ]);
    expect((await lintMarkdown(missing, 'content/x.md')).filter((f) => f.rule === 'front-matter')).toEqual([]);
  });
});

describe('inside the site checkout', () => {
  // A Jekyll site whose posts keep to the categories they have: only its oldest post started any.
  const site = (): string => {
    const posts: Record<string, string> = {
      '_config.yml': 'permalink: :year/:month/:day/:title/\n',
      [IMAGE]: 'png',
      'screenshots/2020-09-14-lifecycle.svg': '<svg/>',
      '_posts/2017-11-22-haxm-usage-windows.md': STORAGE_POST.replace('[storage]', '[tutorials, HAXM, storage]').replace('2020-09-14', '2017-11-22'),
    };
    for (let day = 10; day < 20; day++) posts[`_posts/2020-09-${day}-storage-${day}.md`] = STORAGE_POST.replace('2020-09-14', `2020-09-${day}`);
    posts['_posts/2020-09-14-qemu-storage-overview.md'] = STORAGE_POST;
    return makeSite(posts);
  };

  it('notes a category no published post uses, on a site whose posts rarely start one', async () => {
    const found = await review('post-without-image.patch', { siteDir: site() });
    expect(where(found)).toEqual(['front-matter@6']);
    expect(found[0]!.message).toBe(
      "`virtio-fs` would be new to the site: no published post uses it, and only 1 of its 12 posts brought a new one. That's fine if you mean to start one; if an existing one fits, I'd use it so readers find the related posts.",
    );
  });

  it('says nothing of a new category where posts often start one', async () => {
    const dir = makeSite({
      '_config.yml': 'permalink: :year/:month/:day/:title/\n',
      [IMAGE]: 'png',
      '_posts/2020-09-14-a.md': STORAGE_POST,
      '_posts/2020-09-15-b.md': STORAGE_POST.replace('[storage]', '[tcg]'),
      '_posts/2020-09-16-c.md': STORAGE_POST.replace('[storage]', '[fuzzing]'),
    });
    expect((await review('post-without-image.patch', { siteDir: dir })).filter((f) => f.rule === 'front-matter')).toEqual([]);
  });

  it('names the spelling a category already has, with the fix', async () => {
    const post = STORAGE_POST.replace('[storage]', '[storage, haxm]').replace('An Overview', 'More');
    const found = (await lintMarkdown(post, '_posts/2020-09-14-more.md', undefined, siteContext(site()))).filter((f) => f.rule === 'front-matter');
    expect(found.map((f) => f.message)).toEqual([
      "The site already has `HAXM` (in 1 post), which this post writes `haxm`; I'd spell it the same way, so that the posts share one category page.",
    ]);
    expect(found[0]!.fix).toEqual([{ line: 5, column: 23, endLine: 5, endColumn: 27, text: 'HAXM' }]);
  });

  it('asks for a lowercase category where the site writes them so, naming the count, with the fix', async () => {
    const post = STORAGE_POST.replace('[storage]', '[storage, OSv]');
    const found = (await lintMarkdown(post, '_posts/2020-09-14-osv.md', undefined, siteContext(site()))).filter((f) => f.rule === 'front-matter');
    expect(found.map((f) => f.message)).toEqual([
      "Categories are lowercase on this site (13 of the 14 its posts use): Jekyll keeps `OSv` as written, but category pages are named by the lowercased slug, so `OSv` and `osv` would claim the same page and one list would overwrite the other. I'd write `osv`.",
      "`OSv` would be new to the site: no published post uses it, and only 1 of its 12 posts brought a new one. That's fine if you mean to start one; if an existing one fits, I'd use it so readers find the related posts.",
    ]);
    expect(found[0]!.fix).toEqual([{ line: 5, column: 23, endLine: 5, endColumn: 26, text: 'osv' }]);
    // Without the site, the same advice, but nothing vouches for the case: no fix.
    const alone = (await lintMarkdown(post, '_posts/2020-09-14-osv.md')).filter((f) => f.rule === 'front-matter');
    expect(alone.map((f) => f.message)).toEqual([
      "Categories are lowercase slugs: Jekyll keeps `OSv` as written, but category pages are named by the lowercased slug, so `OSv` and `osv` would claim the same page and one list would overwrite the other. I'd write `osv`.",
    ]);
    expect(alone[0]!.fix).toBeUndefined();
  });

  it('checks links to posts against the permalink scheme, and files against the tree and the series', async () => {
    const post = `---
layout: post
title:  "Links"
date:   2020-11-04 02:00:00 +0200
categories: [storage]
---

See [the storage overview](/2020/09/14/qemu-storage-overview/), [the old one](/2019/01/01/gone/),
[the lifecycle](/screenshots/2020-09-14-lifecycle.svg), [the missing diagram](/screenshots/missing.svg)
and [the manual](/docs/master/system/index.html), [a sibling](../../../../2020/09/15/storage-15/), [a stranger](../../../../2020/09/15/nothing/).
`;
    const found = (await lintMarkdown(post, '_posts/2020-11-04-links.md', undefined, siteContext(site()))).filter((f) => f.rule === 'link-hygiene');
    expect(found.map((f) => `${f.line}:${f.column}`)).toEqual(['8:65', '9:57', '10:100']);
    expect(found[0]!.message).toContain('No post of the site is published at /2019/01/01/gone/');
    expect(found[1]!.message).toContain('`screenshots/missing.svg` is neither in the checkout nor in this series');
    expect(found[2]!.message).toContain('No post of the site is published at /2020/09/15/nothing/');
    // Without a permalink scheme, no link is judged a missing post.
    const plain = makeSite({ '_posts/2020-09-14-qemu-storage-overview.md': STORAGE_POST });
    const unknown = (await lintMarkdown(post, '_posts/2020-11-04-links.md', undefined, siteContext(plain))).filter((f) => f.rule === 'link-hygiene');
    expect(unknown).toEqual([]);
  });
});

describe('settings from the site configuration', () => {
  it('takes the preferred-URL map from the settings', async () => {
    const settings = settingsWith();
    settings.preferredUrls = { 'qemu-project.org': 'https://www.qemu.org' };
    const found = (await lintMarkdown('See [the site](http://wiki.qemu-project.org/Documentation).\n', 'a.md', undefined, { settings })).filter(
      (f) => f.rule === 'link-hygiene',
    );
    expect(found.map((f) => f.suggestion)).toEqual([]);
    const exact = (await lintMarkdown('See [the site](http://qemu-project.org/Documentation).\n', 'a.md', undefined, { settings })).filter(
      (f) => f.rule === 'link-hygiene',
    );
    expect(exact.map((f) => f.suggestion)).toEqual(['https://www.qemu.org/Documentation']);
  });
});

describe('the seed patch v1', () => {
  it('gets the hot-linked image and the mixed-case category, and no missing image for the diffstat-only SVG', async () => {
    const data = readFileSync(fixture('osv-virtio-fs-v1.mbox'));
    const reviewed = await reviewSource({ name: 'v1.mbox', data }, { settings: settingsWith() });
    const found = reviewed.patches.flatMap((p) => p.posts.flatMap((post) => post.findings)).filter((f) => STRUCTURE.has(f.rule));
    expect(found.map((f) => `${f.rule}@${f.line}`)).toEqual(['front-matter@6', 'image-assets@42']);
    expect(found[1]!.message).toContain('hot-linked from gitlab.com');
    expect(reviewed.patches[0]!.patch.files).toContainEqual({
      path: 'screenshots/2020-11-04-unikernel-vs-gpos.svg',
      status: 'added',
      binary: false,
      binaryStub: false,
      diffstatOnly: true,
    });
  });
});

describe('more cases, lint level', () => {
  const only = async (rule: string, text: string, path = 'a.md'): Promise<string[]> =>
    (await lintMarkdown(text, path)).filter((f) => f.rule === rule).map((f) => `${f.line}:${f.column}: ${f.message}`);
  const JEKYLL = '---\nlayout: post\ntitle: "x"\ndate: 2020-11-04 10:00:00 +0100\ncategories: [storage]\n---\n\n';

  it('list-wrapping: a wrapped "2016." line starts a list in kramdown, not in CommonMark', async () => {
    const text = 'He joined the team in\n2016. That same year he co-founded RustFest.\n';
    expect(await only('list-wrapping', JEKYLL + text, '_posts/2020-11-04-x.md')).toEqual([
      "9:1: This wrapped line starts with `2016.`, and Jekyll's Markdown (kramdown) takes that for the start of a numbered list, breaking the paragraph in two. I'd rewrap the text so that the line does not start with the number, or write `2016\\.`.",
    ]);
    expect(await only('list-wrapping', `+++\ntitle = "x"\n+++\n\n${text}`, 'content/x.md')).toEqual([]);
  });

  it('list-wrapping: a mail bullet runs into the paragraph', async () => {
    expect(await only('list-wrapping', 'Highlights:\n• faster\n')).toEqual([
      "2:1: This line starts with `•`, which Markdown does not take for a bullet, so it runs into the paragraph above as text. I'd make it a list item with `-`, after a blank line.",
    ]);
  });

  it('list-wrapping: continuation lines at the item text, or lazy at the margin, are fine', async () => {
    expect(await only('list-wrapping', '* one two\n  three\n* four five\nsix\n')).toEqual([]);
  });

  it('heading-structure: a Zola post may start at any level and use #', async () => {
    expect(await only('heading-structure', '+++\ntitle = "x"\n+++\n\n### Start\n\n# Top\n\n## Sub\n')).toEqual([]);
    expect(await only('heading-structure', '---\ntitle: x\n---\n\n### Start\n')).toEqual([
      "5:1: `### Start` comes right after the title, skipping level 2; tables of contents and screen readers rely on the levels nesting. I'd make it `##`.",
    ]);
  });

  it('link-hygiene: addresses kramdown does and does not link', async () => {
    const text = 'Mail <qemu-devel@nongnu.org> or <first_last@example.org>.\n';
    expect(await only('link-hygiene', text, 'content/x.md')).toEqual([]);
    const found = await only('link-hygiene', JEKYLL + text, '_posts/2020-11-04-x.md');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^8:33: Jekyll's Markdown \(kramdown\) does not make `<first_last@example\.org>` a mail link/);
  });

  it('link-hygiene: a single "here" passes, "click here" and a forge mismatch do not', async () => {
    expect(await only('link-hygiene', 'The code is [here](https://gitlab.com/qemu-project/qemu).\n')).toEqual([]);
    expect(await only('link-hygiene', 'Click [here](https://wiki.qemu.org/Google_Summer_of_Code_2021).\n')).toEqual([
      '1:7: "here" says nothing about where the link leads, and "click" speaks of the mouse rather than of the page. I\'d put the link on words that name the target, e.g. `[Google Summer of Code 2021](https://wiki.qemu.org/Google_Summer_of_Code_2021)`.',
    ]);
    expect(await only('link-hygiene', 'On [GitHub](https://gitlab.freedesktop.org/virgl/virglrenderer).\n')).toEqual([
      "1:4: The link text says GitHub, but the link goes to gitlab.freedesktop.org; I'd make them agree (either the text or the URL is wrong).",
    ]);
  });

  it('front-matter: an author is needed for a personal post, not for a release', async () => {
    const personal = '---\nlayout: post\ntitle: "x"\ndate: 2020-11-04 10:00:00 +0100\ncategories: [storage]\n---\n\nI/O is fast, as my tests show.\n';
    expect((await only('front-matter', personal, '_posts/2020-11-04-x.md'))[0]).toMatch(/^1:1: The post speaks as one person \("I", line 8\)/);
    const release = personal.replace('[storage]', '[releases]');
    expect(await only('front-matter', release, '_posts/2020-11-04-x.md')).toEqual([]);
    expect(await only('front-matter', personal.replace('as my tests show', 'as the tests show'), '_posts/2020-11-04-x.md')).toEqual([]);
  });

  it('front-matter: no front matter in a post, and front matter that does not parse', async () => {
    expect(await only('front-matter', '# Title\n\nText.\n', '_posts/2020-11-04-x.md')).toEqual([
      "1:1: This post has no front matter (the `---` block at the top of the file): Jekyll does not publish a post without one, so there is no `title` or `date` for it; the title would have to move from the first heading into it. I'd start the file with a `---` block that sets them.",
    ]);
    expect(await only('front-matter', 'Text.\n')).toEqual([]);
    expect((await only('front-matter', '---\ntitle: "x\n---\n\nText.\n', '_posts/2020-11-04-x.md'))[0]).toMatch(/^1:1: The front matter does not parse as YAML/);
  });

  it('post-filename: an undated name, a date that does not exist, a file that is not Markdown', async () => {
    expect((await only('post-filename', 'x', '_posts/osv-virtio-fs.md'))[0]).toMatch(/would be skipped\. I'd name it `_posts\/YYYY-MM-DD-osv-virtio-fs\.md`\.$/);
    expect((await only('post-filename', 'x', '_posts/2020-02-30-x.md'))[0]).toMatch(/not a day of the calendar/);
    expect((await only('post-filename', 'x', '_posts/2020-11-04-x.html'))[0]).toMatch(/is not a Markdown file/);
    expect(await only('post-filename', 'x', 'content/Rust-1.90.0.md')).toEqual([]);
  });
});
