// `review-post follow-up` as a maintainer runs it on a resend.

import { describe, expect, it } from 'vitest';
import { fixture, reviewPost } from '../helpers.js';

const V1 = fixture('osv-virtio-fs-v1.mbox');
const V2 = fixture('osv-virtio-fs-v2.mbox');
const REVIEW = fixture('follow-up', 'review-of-osv-virtio-fs-v1.eml');

interface Report {
  version: number;
  old: { subject: string; version: number };
  new: { subject: string; version: number };
  comments: { source: string; reviewer: string; comment: string; oldLine: number | null; newLine: number | null; status: string; evidence: string }[];
  newFindings: unknown[];
  summary: { review: Record<string, number>; reviewPost: Record<string, number>; newFindings: number };
}

describe('follow-up on the seed', () => {
  it('answers as a maintainer does: attribution, each comment with its status, a count', () => {
    const run = reviewPost(['follow-up', '--no-config', V1, V2, REVIEW]);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['On 2020-11-04 18:46 +0200, Fotis Xenakis wrote:', '> [qemu-web PATCH v2] Add virtio-fs in OSv overview blog post']);
    const were = lines.indexOf('review-post on v1 line 80:');
    expect(lines.slice(were, were + 5)).toEqual([
      'review-post on v1 line 80:',
      '> Typo: "were" should be "where" here.',
      '',
      'Still open (line 79): the finding is still there.',
      '> device model means duplication, as well as loss of efficiency. This is were',
    ]);
    expect(lines).toContain('Addressed: "How is it used?" is gone (line 36).');
    expect(lines.at(-2)).toBe('8 review comments: 7 addressed, 0 still open, 1 to check; 9 review-post findings on v1: 6 gone, 3 still there; 0 new findings in v2.');
    expect(run.status).toBe(1);
  });

  it('prints the JSON shape other tools read', () => {
    const run = reviewPost(['follow-up', '--no-config', '--format', 'json', V1, V2, REVIEW]);
    const report = JSON.parse(run.stdout) as Report;
    expect(Object.keys(report)).toEqual(['version', 'old', 'new', 'reviews', 'comments', 'remarks', 'newFindings', 'summary']);
    expect(report).toMatchObject({ version: 1, old: { version: 1 }, new: { version: 2 } });
    for (const c of report.comments) {
      expect(c).toEqual(expect.objectContaining({ source: expect.stringMatching(/^(?:review|review-post)$/), reviewer: expect.any(String), comment: expect.any(String), status: expect.stringMatching(/^(?:addressed|open|unclear)$/), evidence: expect.any(String) }));
      expect('oldLine' in c && 'newLine' in c).toBe(true);
    }
    expect(report.summary).toEqual({ review: { addressed: 7, open: 0, unclear: 1 }, reviewPost: { addressed: 6, open: 3, unclear: 0 }, newFindings: 0 });
  });

  it('finds nothing addressed in v1 against itself', () => {
    const report = JSON.parse(reviewPost(['follow-up', '--no-config', '--format', 'json', V1, V1, REVIEW]).stdout) as Report;
    expect(report.summary.review).toEqual({ addressed: 0, open: 8, unclear: 0 });
    expect(report.summary.reviewPost).toEqual({ addressed: 0, open: 9, unclear: 0 });
  });
});

describe('follow-up exit status and bad input', () => {
  it('is 0 when every comment was addressed and v2 brings nothing new', () => {
    const run = reviewPost(['follow-up', '--no-config', fixture('follow-up', 'v1.patch'), fixture('follow-up', 'v2.patch')]);
    expect(run.stdout).toContain('2 review-post findings on v1: 2 gone, 0 still there; 0 new findings in v2.');
    expect(run.status).toBe(0);
  });

  it('refuses what it cannot follow up with one line and status 2', () => {
    for (const args of [
      ['missing.mbox', V2],
      [fixture('follow-up', 'review-rita.eml'), V2],
      [V1],
    ]) {
      const run = reviewPost(['follow-up', '--no-config', ...args]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^review-post: /);
      expect(run.stdout).toBe('');
    }
  });
});
