// The follow-up on real and home-made threads: which comments on the earlier
// version the later one answered.

import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import { followUp, type CommentStatus, type FollowUpReport } from '../../src/follow-up/engine.js';
import { readSource } from '../../src/mail/input.js';
import { fixture } from '../helpers.js';

const settings = defaultSettings();

async function run(old: string, next?: string, ...reviews: string[]): Promise<FollowUpReport> {
  return followUp(
    {
      old: await readSource(fixture(old)),
      ...(next ? { new: await readSource(fixture(next)) } : {}),
      reviews: await Promise.all(reviews.map((r) => readSource(fixture(r)))),
    },
    { settings },
  );
}

const theirs = (r: FollowUpReport): CommentStatus[] => r.comments.filter((c) => c.source === 'review');
const ours = (r: FollowUpReport): CommentStatus[] => r.comments.filter((c) => c.source === 'review-post');
const statuses = (comments: CommentStatus[]): string[] => comments.map((c) => `${c.oldLine}:${c.status}`);

describe('the seed: v2 against the maintainer review of v1', async () => {
  const report = await run('osv-virtio-fs-v1.mbox', 'osv-virtio-fs-v2.mbox', 'follow-up/review-of-osv-virtio-fs-v1.eml');

  it('reads his eight inline comments, his greeting as no comment', () => {
    expect(report.reviews.map((r) => r.reviewer)).toEqual(['Thomas Huth <thuth@redhat.com>']);
    expect(theirs(report)).toHaveLength(8);
    expect(report.remarks).toEqual([expect.objectContaining({ kind: 'acknowledgement', text: expect.stringMatching(/^Thanks, articles/) })]);
  });

  it('finds seven of them addressed, and the re-worded "bloat" sentence left to check', () => {
    const review = theirs(report);
    expect(review.filter((c) => c.status === 'addressed')).toHaveLength(7);
    expect(review.find((c) => c.status !== 'addressed')).toMatchObject({ status: 'unclear', oldLine: 74, comment: expect.stringContaining('burden of the bloat') });
    expect(review.find((c) => c.comment.includes('What is that?'))).toMatchObject({ status: 'addressed', evidence: '"What is that?" is gone' });
    expect(review.find((c) => c.comment.includes('FreeBSD'))).toMatchObject({ status: 'addressed', evidence: 'now reads "based on the FreeBSD sources"' });
  });

  it('keeps review-post\'s "This is were" finding open, with the other two that v2 kept', () => {
    const open = ours(report).filter((c) => c.status === 'open');
    expect(open.map((c) => `${c.rule}@${c.oldLine}->${c.newLine}`)).toEqual(['front-matter@6->6', 'image-assets@42->42', 'confusables@80->79']);
    expect(ours(report).filter((c) => c.status === 'addressed')).toHaveLength(6);
    expect(report.newFindings).toEqual([]);
  });

  it('reads the archive\'s re-wrapped copy of the review the same way', async () => {
    const archived = await run('osv-virtio-fs-v1.mbox', 'osv-virtio-fs-v2.mbox', 'follow-up/review-of-osv-virtio-fs-v1-archived.eml');
    expect(statuses(theirs(archived))).toEqual(statuses(theirs(report)));
  });
});

describe('v1 against itself', () => {
  it('addresses nothing', async () => {
    const report = await run('osv-virtio-fs-v1.mbox', 'osv-virtio-fs-v1.mbox', 'follow-up/review-of-osv-virtio-fs-v1.eml');
    expect(report.comments.length).toBe(17);
    expect(report.comments.filter((c) => c.status !== 'open')).toEqual([]);
    expect(report.newFindings).toEqual([]);
  });
});

describe('a thread of our own: two reviewers, v2 moved a section', async () => {
  const thread = await run('follow-up/thread.mbox');

  it('finds v1, v2 and the three replies in one mbox', () => {
    expect(thread.old).toMatchObject({ version: 1, messageId: '<v1@example.org>', posts: ['_posts/2021-03-01-tracing-qemu.md'] });
    expect(thread.new).toMatchObject({ version: 2, messageId: '<v2@example.org>' });
    expect(thread.reviews.map((r) => r.messageId)).toEqual(['<rita@example.org>', '<sam@example.org>', '<sam-2@example.org>']);
  });

  it('ticks off a comment on the commit message', () => {
    expect(theirs(thread).find((c) => c.part === 'commit-message')).toMatchObject({ reviewer: 'Rita Reviewer <rita@example.org>', status: 'addressed', evidence: '"be gentle" is gone' });
  });

  it('places a comment after a [...] cut and re-wrapped quotes under the line it quotes', () => {
    expect(theirs(thread).find((c) => c.comment.includes('simpletrace.py'))).toMatchObject({ oldLine: 21, oldEndLine: 22, status: 'addressed' });
  });

  it('keeps a comment on a moved, unchanged paragraph open, for both reviewers', () => {
    const open = theirs(thread).filter((c) => c.status === 'open');
    expect(open.map((c) => [c.reviewer, c.oldLine, c.newLine, c.evidence])).toEqual([
      ['Rita Reviewer <rita@example.org>', 27, 21, 'the lines moved but are unchanged'],
      ['Sam Second <sam@example.org>', 27, 21, 'the lines moved but are unchanged'],
    ]);
  });

  it('takes top-posting and Reviewed-by as remarks, not inline comments', () => {
    expect(theirs(thread).some((c) => c.reviewer.startsWith('Sam') && c.comment.includes('conclusion'))).toBe(false);
    expect(thread.remarks).toEqual([
      { reviewer: 'Sam Second <sam@example.org>', kind: 'trailer', text: 'Reviewed-by: Sam Second <sam@example.org>', inNew: false },
      { reviewer: 'Sam Second <sam@example.org>', kind: 'top-posting', text: expect.stringMatching(/^Looks good to me/) },
    ]);
  });

  it('gives the same answer from separate files as from the thread', async () => {
    const files = await run('follow-up/v1.patch', 'follow-up/v2.patch', 'follow-up/review-rita.eml', 'follow-up/review-sam.eml', 'follow-up/review-sam-again.eml');
    expect(statuses(files.comments)).toEqual(statuses(thread.comments));
  });
});
