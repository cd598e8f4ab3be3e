// A unified diff of two versions of a text, as `git diff` writes one: three
// lines of context, `@@ -a,b +c,d @@` headers (a count of one left out), and
// `\ No newline at end of file` where a version ends without one. `--dry-run`
// prints it; the next version's patch mail carries its hunks.

import { commonPairs } from '../core/diff.js';

interface Op {
  kind: ' ' | '-' | '+';
  text: string;
  /** The line ends its version without a newline. */
  last: { old: boolean; new: boolean };
}

function linesOf(text: string): { lines: string[]; noNewline: boolean } {
  if (text === '') return { lines: [], noNewline: false };
  const lines = text.split('\n');
  const noNewline = !text.endsWith('\n');
  if (!noNewline) lines.pop();
  return { lines, noNewline };
}

function range(start: number, count: number): string {
  // git: a hunk that holds no line of a side names the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/** The hunks (from the `@@` lines on) that make `before` into `after`; none when they are equal. */
export function diffHunks(before: string, after: string, context = 3): string[] {
  const a = linesOf(before);
  const b = linesOf(after);
  // A last line without its newline differs from the same line with one.
  const key = (v: { lines: string[]; noNewline: boolean }, i: number): string => (v.noNewline && i === v.lines.length - 1 ? `${v.lines[i]}\u0000` : v.lines[i]!);
  const pairs = commonPairs(
    a.lines.map((_, i) => key(a, i)),
    b.lines.map((_, i) => key(b, i)),
  );
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  const lastOld = (x: number): boolean => a.noNewline && x === a.lines.length - 1;
  const lastNew = (y: number): boolean => b.noNewline && y === b.lines.length - 1;
  const drain = (toI: number, toJ: number): void => {
    for (; i < toI; i++) ops.push({ kind: '-', text: a.lines[i]!, last: { old: lastOld(i), new: false } });
    for (; j < toJ; j++) ops.push({ kind: '+', text: b.lines[j]!, last: { old: false, new: lastNew(j) } });
  };
  for (const [x, y] of pairs) {
    drain(x, y);
    ops.push({ kind: ' ', text: a.lines[x]!, last: { old: lastOld(x), new: lastNew(y) } });
    i = x + 1;
    j = y + 1;
  }
  drain(a.lines.length, b.lines.length);

  const changes = ops.flatMap((op, k) => (op.kind === ' ' ? [] : [k]));
  const out: string[] = [];
  let g = 0;
  while (g < changes.length) {
    let h = g;
    while (h + 1 < changes.length && changes[h + 1]! - changes[h]! <= 2 * context) h++;
    const from = Math.max(0, changes[g]! - context);
    const to = Math.min(ops.length, changes[h]! + context + 1);
    const oldBefore = ops.slice(0, from).filter((op) => op.kind !== '+').length;
    const newBefore = ops.slice(0, from).filter((op) => op.kind !== '-').length;
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((op) => op.kind !== '+').length;
    const newCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(oldBefore, oldCount)} +${range(newBefore, newCount)} @@`);
    for (const op of hunk) {
      out.push(`${op.kind}${op.text}`);
      if (op.last.old || op.last.new) out.push('\\ No newline at end of file');
    }
    g = h + 1;
  }
  return out;
}

/** The whole diff with its `---`/`+++` lines, '' when nothing changed. */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string): string {
  const hunks = diffHunks(before, after);
  return hunks.length === 0 ? '' : [`--- ${oldName}`, `+++ ${newName}`, ...hunks, ''].join('\n');
}
