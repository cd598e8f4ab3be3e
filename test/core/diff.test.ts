// The common subsequence the fixer's diffs and the follow-up's word matching stand on.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonPairs } from '../../src/core/diff.js';

function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

describe('commonPairs', () => {
  it('finds a longest common subsequence, in order, of equal items', () => {
    const items = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(items, items, (a, b) => {
        const pairs = commonPairs(a, b);
        pairs.forEach(([i, j], k) => {
          expect(a[i]).toBe(b[j]);
          if (k > 0) {
            expect(i).toBeGreaterThan(pairs[k - 1]![0]);
            expect(j).toBeGreaterThan(pairs[k - 1]![1]);
          }
        });
        expect(pairs.length).toBe(lcsLength(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('still pairs the common ends of two long, wholly different middles', () => {
    const a = ['start', ...Array.from({ length: 3000 }, (_, i) => `a${i}`), 'end'];
    const b = ['start', ...Array.from({ length: 3000 }, (_, i) => `b${i}`), 'end'];
    expect(commonPairs(a, b)).toEqual([
      [0, 0],
      [3001, 3001],
    ]);
  });
});
