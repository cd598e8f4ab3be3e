// Sentences and words of Markdown prose with their places in the source, so
// rules can reason about language and still point at exact lines.

import type { Nodes, Parents, Root } from 'mdast';
import type { Sentence as NlcstSentence } from 'nlcst';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
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

export function sentencesOf(node: Nodes, file: VFile): Sentence[] {
  const tree = toNlcst(node, file, parser);
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
