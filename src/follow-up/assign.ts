// Pairing the paragraphs of two versions of a post as `git range-diff` pairs
// the commits of two versions of a series: each pair costs the size of the
// difference between its two paragraphs, leaving a paragraph unpaired costs
// its own size times the creation factor (range-diff's default, 60%), and
// the assignment of least total cost wins (the Hungarian method, which
// range-diff's linear-assignment.c also solves).

/** range-diff's `--creation-factor` default: a pair must differ by less than 60% of what it holds. */
export const CREATION_FACTOR = 0.6;

/** Above this many units the exact method (cubic) gives way to a greedy pairing. */
const MAX_EXACT = 400;

/**
 * For each of `left` items, the index of its partner among the `right`
 * items, or -1. `cost(i, j)` is the price of pairing i with j; `alone(i, side)`
 * the price of leaving an item unpaired.
 */
export function assign(left: number, right: number, cost: (i: number, j: number) => number, alone: (index: number, side: 'left' | 'right') => number): number[] {
  if (left === 0 || right === 0) return new Array<number>(left).fill(-1);
  if (left + right > MAX_EXACT) return greedy(left, right, cost, alone);
  // A square matrix: real pairs, then each side's "unpaired" columns and rows.
  const size = left + right;
  const matrix: Float64Array[] = [];
  for (let i = 0; i < size; i++) {
    const row = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      if (i < left && j < right) row[j] = cost(i, j);
      else if (i < left) row[j] = alone(i, 'left');
      else if (j < right) row[j] = alone(j, 'right');
      else row[j] = 0;
    }
    matrix.push(row);
  }
  const partner = hungarian(matrix);
  return Array.from({ length: left }, (_, i) => (partner[i]! < right ? partner[i]! : -1));
}

/** Cheapest pairs first, each kept when it costs less than leaving both alone. */
function greedy(left: number, right: number, cost: (i: number, j: number) => number, alone: (index: number, side: 'left' | 'right') => number): number[] {
  const candidates: [number, number, number][] = [];
  for (let i = 0; i < left; i++) {
    for (let j = 0; j < right; j++) {
      const c = cost(i, j);
      if (c < alone(i, 'left') + alone(j, 'right')) candidates.push([c, i, j]);
    }
  }
  candidates.sort((x, y) => x[0] - y[0]);
  const partner = new Array<number>(left).fill(-1);
  const taken = new Set<number>();
  for (const [, i, j] of candidates) {
    if (partner[i] !== -1 || taken.has(j)) continue;
    partner[i] = j;
    taken.add(j);
  }
  return partner;
}

/** The column of each row in an assignment of least total cost (square matrix; potentials and shortest augmenting paths). */
function hungarian(matrix: Float64Array[]): number[] {
  const n = matrix.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  // rowOf[j]: the row given column j (1-based; 0 = none).
  const rowOf = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = matrix[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOf[j]!] = u[rowOf[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (rowOf[j]! > 0) columnOf[rowOf[j]! - 1] = j - 1;
  return columnOf;
}
