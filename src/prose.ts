// Sentences and words of Markdown prose with their places in the source, so
// rules can reason about language and still point at exact lines.

import type { Nodes, Parents, Root } from 'mdast';
import type { Sentence as NlcstSentence } from 'nlcst';
import type { Node, Point } from 'unist';
import { VFile } from 'vfile';
import { toNlcst } from 'mdast-util-to-nlcst';
import { toString as nlcstToString } from 'nlcst-to-string';
import { ParseEnglish } from 'parse-english';
import { visitParents } from 'unist-util-visit-parents';

export interface Sentence {
  /** The sentence as read, white space folded: inline code kept, link URLs dropped. */
  text: string;
  start: Point;
  end: Point;
  /** Number of word tokens. */
  words: number;
}

const parser = new ParseEnglish();

/** A point moved by whole lines and offset; columns stay (the slice starts at a line start). */
function moved(point: Point, lines: number, offset: number): Point {
  return { line: point.line + lines, column: point.column, ...(point.offset === undefined ? {} : { offset: point.offset + offset }) };
}

function moveAll(node: Node, lines: number, offset: number): void {
  if (node.position) node.position = { start: moved(node.position.start, lines, offset), end: moved(node.position.end, lines, offset) };
  for (const child of (node as { children?: Node[] }).children ?? []) moveAll(child, lines, offset);
}

/**
 * mdast-util-to-nlcst indexes the file's lines from its start on every call,
 * so calling it per paragraph is quadratic in the post: it gets the lines of
 * the paragraph alone instead, and the sentences are moved back.
 */
function nlcstOf(node: Nodes, file: VFile): ReturnType<typeof toNlcst> {
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return toNlcst(node, file, parser);
  const from = start.offset - (start.column - 1);
  const local = structuredClone(node);
  moveAll(local, 1 - start.line, -from);
  const tree = toNlcst(local, new VFile(String(file.value).slice(from, end.offset)), parser);
  moveAll(tree, start.line - 1, from);
  return tree;
}

// parse-latin merges word parts by splicing arrays, in time that grows with
// the square of a paragraph's length (4 s for one of 400 KB of URLs); a
// paragraph longer than this is no running prose anyway.
const MAX_PARAGRAPH_CHARS = 20_000;

/** The sentences of a paragraph; none for a paragraph of more than MAX_PARAGRAPH_CHARS. */
export function sentencesOf(node: Nodes, file: VFile): Sentence[] {
  const { start, end } = node.position ?? {};
  if (start?.offset !== undefined && end?.offset !== undefined && end.offset - start.offset > MAX_PARAGRAPH_CHARS) return [];
  const tree = nlcstOf(node, file);
  const sentences: Sentence[] = [];
  const walk = (n: { type: string; children?: unknown[] }): void => {
    if (n.type === 'SentenceNode') {
      const s = n as NlcstSentence;
      if (s.position) {
        sentences.push({
          text: nlcstToString(s).replace(/\s+/g, ' ').trim(),
          start: s.position.start,
          end: s.position.end,
          words: s.children.filter((c) => c.type === 'WordNode').length,
        });
      }
      return;
    }
    for (const child of n.children ?? []) walk(child as { type: string; children?: unknown[] });
  };
  walk(tree);
  return sentences;
}

/** Node types whose text is not the author's running prose. */
const NOT_PROSE = new Set(['blockquote', 'listItem', 'table', 'footnoteDefinition', 'heading']);

/**
 * Paragraphs of running prose, in document order: not in quotes, lists,
 * tables or footnotes, where questions and phrasing follow other conventions.
 */
export function proseParagraphs(tree: Root): Nodes[] {
  const found: Nodes[] = [];
  visitParents(tree, 'paragraph', (node, ancestors: Parents[]) => {
    if (!ancestors.some((a) => NOT_PROSE.has(a.type))) found.push(node);
  });
  return found;
}

/** The source text of a node, for rules that care how something was written. */
export function sourceOf(node: Nodes, file: VFile): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return String(file.value).slice(start, end);
}
