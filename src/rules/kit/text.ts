// Small helpers for rule messages and fixes: places in a text, a node's
// source, sizes and lists as a person writes them, an edit by source offsets
// (prose edits are made by kit/prose.ts's `replacement`, which checks that the
// source holds the prose as read).

import type { Nodes } from 'mdast';
import type { VFile } from 'vfile';
import type { TextEdit } from '../../core/types.js';
import { lineStarts, pointOf } from './prose.js';

// Where each line of the last text asked about starts: rules ask for many
// points of one post, and counting lines from the top for each is quadratic.
let lastText: string | undefined;
let starts: number[] = [];

/** The 1-based line and column of an offset in the file's text. */
export function pointAt(text: string, offset: number): { line: number; column: number } {
  if (text !== lastText) {
    lastText = text;
    starts = lineStarts(text);
  }
  const { line, column } = pointOf(starts, offset);
  return { line, column };
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

/** The edit from source offset `start` to `end` (exclusive) by `text`. */
export function sourceEdit(doc: string, start: number, end: number, text: string): TextEdit {
  const from = pointAt(doc, start);
  const to = pointAt(doc, end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, text };
}
