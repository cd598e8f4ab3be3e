// Issue 15, case 2: the rules that look for an image or a linked page in the
// rest of a series must not search the whole series for each post, image or
// link (an mbox archive is one series of thousands of patches: that was
// quadratic). Counted, not timed: how often the rules read a patch's files.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Patch, PatchFile } from '../../src/core/types.js';
import { lintMarkdown, markdownProcessor } from '../../src/lint/processor.js';
import { markdownPatch } from '../../src/patch/markdown.js';
import { ruleById } from '../../src/rules/index.js';
import { findFile, seriesFiles, seriesHas } from '../../src/rules/kit/series.js';

const PATCHES = 300;
const IMAGES = 20;

/** Patch `p` adds a post showing IMAGES images (half of them its own files) and linking the previous post. */
function patchOf(p: number, reads: { count: number }): Patch {
  const lines = ['---', 'layout: post', `title: "Post ${p}"`, '---', '', `Post ${p}, after [the last one](/2020/01/01/post-${p - 1}/).`, ''];
  for (let i = 0; i < IMAGES; i++) lines.push(`![Figure ${i}](/screenshots/p${p}-${i}.svg)`, '');
  const patch = markdownPatch(`_posts/2020-01-01-post-${p}.md`, Buffer.from(lines.join('\n')));
  const files: PatchFile[] = [
    { path: `_posts/2020-01-01-post-${p}.md`, status: 'added', binary: false, binaryStub: false },
    ...Array.from({ length: IMAGES / 2 }, (_, i): PatchFile => ({ path: `screenshots/p${p}-${i}.svg`, status: 'added', binary: false, binaryStub: false })),
  ];
  Object.defineProperty(patch, 'files', {
    enumerable: true,
    get() {
      reads.count++;
      return files;
    },
  });
  return patch;
}

describe('a series is indexed once, not searched per post, image or link', () => {
  it('image-assets and link-hygiene read each patch of a 300-patch series a few times in all', async () => {
    const reads = { count: 0 };
    const series = Array.from({ length: PATCHES }, (_, p) => patchOf(p, reads));
    const siteDir = mkdtempSync(join(tmpdir(), 'review-post-series-'));
    const processor = markdownProcessor([ruleById('image-assets')!, ruleById('link-hygiene')!]);
    let missing = 0;
    for (const [p, patch] of series.entries()) {
      const post = patch.posts[0]!;
      const findings = await lintMarkdown(post.content, post.path, processor, { post, patch, series, siteDir });
      // One comment per post, at its first image that no patch brings (its own files are the first half).
      const comment = findings.find((f) => f.rule === 'image-assets' && /is neither in this patch nor in the rest of its series/.test(f.message));
      if (comment?.message.startsWith(`\`/screenshots/p${p}-${IMAGES / 2}.svg\``)) missing++;
    }
    // The findings still come: every post has images in no patch.
    expect(missing).toBe(PATCHES);
    // Once per patch to build the index (and once to see whether any has files); not PATCHES times each.
    expect(reads.count).toBeLessThanOrEqual(2 * PATCHES + 10);
  });

  it('the last patch that touches a path wins, and a path only deleted is not in the series', () => {
    const file = (path: string, status: PatchFile['status']): PatchFile => ({ path, status, binary: false, binaryStub: false });
    const first = { ...markdownPatch('a.md', Buffer.from('a')), files: [file('x.png', 'added'), file('y.png', 'added')] };
    const second = { ...markdownPatch('b.md', Buffer.from('b')), files: [file('x.png', 'deleted'), file('z.png', 'deleted')] };
    const context = { series: [first, second], patch: first };
    const files = seriesFiles(context)!;
    expect(files).toHaveLength(4);
    expect(findFile(files, ['x.png'])?.status).toBe('deleted');
    expect(findFile(files, ['y.png', 'x.png'])?.status).toBe('deleted');
    expect(findFile(files, ['y.png'])?.status).toBe('added');
    expect(findFile(files, ['w.png'])).toBeUndefined();
    expect(seriesHas(context, ['x.png'])).toBe(true);
    expect(seriesHas(context, ['z.png'])).toBe(false);
    expect(seriesHas(context, ['w.png', 'y.png'])).toBe(true);
    expect(seriesFiles({ patch: markdownPatch('c.md', Buffer.from('c')) })).toBeUndefined();
  });
});
