// Small helpers for rule messages: places in a text, a node's source, sizes
// and lists as a person writes them.

import type { Nodes } from 'mdast';
import type { VFile } from 'vfile';

// Where each line of the last text asked about starts: rules ask for many
// points of one post, and counting lines from the top for each is quadratic.
let lastText: string | undefined;
let lineStarts: number[] = [];

/** The 1-based line and column of an offset in the file's text. */
export function pointAt(text: string, offset: number): { line: number; column: number } {
  if (text !== lastText) {
    lastText = text;
    lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  }
  // The last line start at or before the offset (a newline at `offset` is still on its line).
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}

export function humanSize(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.round(bytes / 1000)} KB`;
}

export function listWords(words: string[], joiner = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${joiner} ${words[words.length - 1]}`;
}

/** The source text of a node, for rules that care how something was written. */
export function sourceOf(node: Nodes, file: VFile): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return String(file.value).slice(start, end);
}
