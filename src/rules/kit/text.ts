// Small helpers for rule messages and fixes: places in a text, a node's
// source, sizes and lists as a person writes them, and the edits a rule hands
// back with a finding it is certain of (`attachFix`): an edit of the prose
// text only where the source holds that text itself (no markup, escape or
// code inside), so that `--fix` never rewrites what the rule did not read.

import type { Nodes } from 'mdast';
import type { VFile } from 'vfile';
import type { TextEdit } from '../../core/types.js';
import { OBJECT, type ProseBlock, type ProseSentence, type Token } from './prose.js';

/** The 1-based line and column of an offset in the file's text. */
export function pointAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
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

/**
 * The edit replacing the block's text from `start` to `end` by `text`, or
 * undefined when the source there is not that text as written (markup,
 * an escape, an entity or code stands inside it).
 */
export function proseEdit(block: ProseBlock, file: VFile, start: number, end: number, text: string): TextEdit | undefined {
  const doc = String(file.value);
  const from = block.point(start);
  const to = block.endPoint(end);
  if (from.offset === undefined || to.offset === undefined || to.offset < from.offset) return undefined;
  const written = block.text.slice(start, end);
  if (written.includes(OBJECT) || doc.slice(from.offset, to.offset).replace(/\s+/g, ' ') !== written.replace(/\s+/g, ' ')) return undefined;
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, text };
}

/**
 * The edit dropping `word` with the white space before it, so that the
 * lines around keep their breaks; none for a word that nothing but
 * punctuation precedes (the next word would open the sentence uncapitalised).
 */
export function wordDeletion(block: ProseBlock, file: VFile, sentence: ProseSentence, word: Token): TextEdit | undefined {
  const before = sentence.tokens[sentence.tokens.indexOf(word) - 1];
  return before?.kind === 'white' ? proseEdit(block, file, before.start, word.end, '') : undefined;
}

/** All of the edits, or none when one of them cannot be made. */
export function allOf(edits: (TextEdit | undefined)[]): TextEdit[] | undefined {
  return edits.every((e): e is TextEdit => e !== undefined) ? edits : undefined;
}
