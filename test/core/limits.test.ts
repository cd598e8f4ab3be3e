// The limits that keep a review bounded leave out what is slow, paragraph by
// paragraph, and cut what is too long at a paragraph's end; they never refuse
// a real post for its length.

import { describe, expect, it } from 'vitest';
import { cutLongMarkdown, degradeMarkdown, MAX_POST_BYTES, MAX_POST_LINES, MAX_RUN_WEIGHT, measureMarkdown } from '../../src/core/limits.js';

const paragraph = (i: number): string => `Paragraph ${i} says what it has to say about the feature, in a sentence or two of plain prose.`;

describe('a post longer than a review covers', () => {
  it('is cut after the last whole paragraph within the bytes, its lines kept', () => {
    const paragraphs = Array.from({ length: 4000 }, (_, i) => paragraph(i));
    const text = `---\ntitle: Long\n---\n\n${paragraphs.join('\n\n')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_POST_BYTES);
    const cut = cutLongMarkdown(text);
    expect(cut.refused).toBeUndefined();
    expect(Buffer.byteLength(cut.text)).toBeLessThanOrEqual(MAX_POST_BYTES);
    expect(text.startsWith(cut.text)).toBe(true);
    // It ends with a whole paragraph, and the next line of the post is the first not reviewed.
    const kept = cut.text.split('\n');
    expect(kept.at(-1)).toBe('');
    expect(kept.at(-2)).toMatch(/^Paragraph \d+ says .* prose\.$/);
    expect(cut.cutAt).toBe(kept.length);
    expect(cut.note).toMatch(/^the post is \d+ KB long, more than the 256 KB a review covers: the lines after [\d,]+ were not reviewed$/);
  });

  it('is cut within the lines a review covers, and a short post is not cut', () => {
    const text = Array.from({ length: MAX_POST_LINES + 500 }, (_, i) => `- item ${i}`).join('\n');
    const cut = cutLongMarkdown(text);
    expect(cut.text.split('\n').length).toBeLessThanOrEqual(MAX_POST_LINES + 1);
    expect(cut.note).toMatch(/has more than 5,000 lines, the most a review covers/);
    expect(cutLongMarkdown(paragraph(1))).toEqual({ text: paragraph(1) });
  });

  it('is refused only when its first paragraph alone is beyond that', () => {
    expect(cutLongMarkdown('x'.repeat(MAX_POST_BYTES + 1)).refused).toMatch(/more than the 256 KB a post may have/);
  });
});

describe('a slow paragraph left out', () => {
  it('keeps a fence marker, not what follows it, so the rest stays within the caps', () => {
    const fence = '```' + 'y'.repeat(7000);
    const text = ['Before.', '', fence, 'z'.repeat(7000), '', fence, '', 'After.'].join('\n');
    expect(measureMarkdown(text).runs).toBeGreaterThan(MAX_RUN_WEIGHT);
    const degraded = degradeMarkdown(text);
    expect(degraded.note).toMatch(/too slow to parse/);
    expect(measureMarkdown(degraded.text).runs).toBeLessThanOrEqual(MAX_RUN_WEIGHT);
    expect(degraded.text.split('\n')).toHaveLength(text.split('\n').length);
    expect(degraded.text.split('\n')).toContain('```');
  });
});
