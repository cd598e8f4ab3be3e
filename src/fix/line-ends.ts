// A post is reviewed with LF line ends; written back in place, it keeps its
// own: each line the fixes left alone ends as it did, a new or changed line
// ends as most lines of the file do. A CRLF file stays CRLF, a file with a
// few CRLF lines keeps exactly those.

import { commonPairs } from '../core/diff.js';

export function withLineEnds(original: string, fixed: string): string {
  if (!original.includes('\r')) return fixed;
  const rawLines = original.split('\n');
  const oldLines = rawLines.map((l) => l.replace(/\r$/, ''));
  const crlf = rawLines.filter((l) => l.endsWith('\r')).length;
  const dominant = crlf * 2 >= rawLines.length - 1 ? '\r' : '';
  const newLines = fixed.split('\n');
  const ends = newLines.map(() => dominant);
  for (const [i, j] of commonPairs(oldLines, newLines)) ends[j] = rawLines[i]!.endsWith('\r') ? '\r' : '';
  // The last piece has no line end after it.
  return newLines.map((l, j) => (j < newLines.length - 1 ? l + ends[j] : l)).join('\n');
}
