// Matching the lines of two versions of a post as range-diff matches
// commits: by what they hold, not where they stand.

import { describe, expect, it } from 'vitest';
import { Alignment } from '../../src/follow-up/align.js';
import { seedPost } from '../helpers.js';

const A = ['First paragraph has these words in it,', 'over two lines.', ''];
const B = ['Second paragraph: something else', 'entirely, about tracing.', ''];
const C = ['Third one, the last, with a', 'closing remark.'];

describe('an alignment', () => {
  it('finds a moved paragraph where it went, unchanged', () => {
    const alignment = new Alignment([...A, ...B, ...C], [...B, ...A, ...C]);
    // Of two paragraphs that swapped, the bigger one (A) stays in place: the other moved.
    expect(alignment.changeOf([1, 2])).toMatchObject({ found: true, changed: false, moved: false, newLines: [4, 5] });
    expect(alignment.changeOf([4, 5])).toMatchObject({ found: true, changed: false, moved: true, newLines: [1, 2] });
  });

  it('takes a re-wrapped paragraph as the same, and a changed word as a change', () => {
    const rewrapped = new Alignment(A, ['First paragraph has these', 'words in it, over two lines.']);
    expect(rewrapped.changeOf([1, 2]).changed).toBe(false);
    const edited = new Alignment(A, ['First paragraph has those words in it,', 'over two lines.']);
    const change = edited.changeOf([1]);
    expect(change).toMatchObject({ changed: true, gone: false, removed: 'these', added: 'those', newLines: [1] });
  });

  it('tells text added right after a paragraph, and a paragraph removed', () => {
    const added = new Alignment([...A, ...C], [...A, 'A new paragraph about examples.', '', ...C]);
    expect(added.changeOf([1, 2])).toMatchObject({ changed: true, added: 'A new paragraph about examples.' });
    expect(added.changeOf([4, 5]).changed).toBe(false);
    const removed = new Alignment([...A, ...B, ...C], [...A, ...C]);
    expect(removed.changeOf([4, 5])).toMatchObject({ changed: true, gone: true });
  });

  it('finds nothing changed between a post and itself, and every line where it was', () => {
    const lines = seedPost().split('\n');
    const alignment = new Alignment(lines, lines);
    const all = lines.map((_, i) => i + 1);
    expect(alignment.changeOf(all).changed).toBe(false);
    expect(alignment.changedNewLines().size).toBe(0);
    for (const line of all) if (lines[line - 1]!.trim() !== '') expect(alignment.newLineOf(line)).toBe(line);
  });

  it('pairs the seed v1 and v2 introductions although v2 re-wrapped them around new links', () => {
    const v1 = seedPost('osv-virtio-fs-v1.mbox').split('\n');
    const v2 = seedPost('osv-virtio-fs-v2.mbox').split('\n');
    const change = new Alignment(v1, v2).changeOf([9, 10, 11]);
    expect(change.gone).toBe(false);
    expect(change.newLines).toEqual([9, 10, 11, 12, 13]);
    expect(change.added).toContain('https://virtio-fs.gitlab.io/');
  });
});
