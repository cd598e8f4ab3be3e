// The one English model of a post, for every rule that reads prose: each
// paragraph or heading as plain text (inline code, images, HTML and Liquid
// tags each stand as one U+FFFC, link URLs are left out), split into
// sentences and tokens by parse-english, with every character mapped back to
// its place in the source. Built once per tree and shared by the rules.

import type { Heading, Nodes, Paragraph, Parents, PhrasingContent, Root } from 'mdast';
import type { Sentence as NlcstSentence } from 'nlcst';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { toString as nlcstToString } from 'nlcst-to-string';
import { ParseEnglish } from 'parse-english';
import { visitParents } from 'unist-util-visit-parents';
import type { VFileMessage } from 'vfile-message';
import type { TextEdit } from '../../core/types.js';
import { attachFix } from './context.js';

/** Stands for something that is not prose: code, an image, HTML. */
export const OBJECT = '\uFFFC';

export interface Token {
  kind: 'word' | 'white' | 'punct' | 'symbol';
  value: string;
  /** Offsets in the block's text, end exclusive. */
  start: number;
  end: number;
}

export interface ProseSentence {
  tokens: Token[];
  start: number;
  end: number;
}

export interface ProseBlock {
  node: Paragraph | Heading;
  heading: boolean;
  /** In a list item. */
  list: boolean;
  /** In a footnote's definition. */
  footnote: boolean;
  text: string;
  /**
   * The text from `start` to `end` as a reader sees it: inline code and
   * Liquid tags as written, an image as its alt text, HTML left out.
   */
  shown(start: number, end: number): string;
  sentences: ProseSentence[];
  /** Link texts, as text offsets, with their targets. */
  links: { start: number; end: number; url: string }[];
  /** Place in the source of the text from `start` to `end` (exclusive). */
  point(offset: number): Point;
  /** The source from the place of text offset `start` to that of `end`. */
  source(start: number, end: number): string;
  endPoint(end: number): Point;
  /**
   * Where a comment about a slip at `offset` goes: the end of the sentence
   * group holding it. Sentences are grouped so that a group spans at most
   * six source lines; a short paragraph is one group, so all its slips share
   * one comment under the paragraph, and the slip stays within the lines
   * that the review quotes above a comment.
   */
  anchor(offset: number): Point;
}

/** Lines a group of sentences may span; the review quotes six above a comment. */
const GROUP_LINES = 6;
const parser = new ParseEnglish();

/** Offsets of line starts, for turning offsets into points (kit/text.ts's pointAt shares them). */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function pointOf(starts: number[], offset: number): Point {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
}

/** Text and, per character, its source offset (start) and the offset after it (end). */
class TextBuilder {
  text = '';
  starts: number[] = [];
  ends: number[] = [];
  links: { start: number; end: number; url: string }[] = [];
  /** What each U+FFFC stands for, by its offset in `text`. */
  objects = new Map<number, string>();

  object(start: number, end: number, shown: string): void {
    this.objects.set(this.text.length, shown);
    this.push(OBJECT, start, end);
  }

  push(chars: string, start: number, end: number): void {
    this.text += chars;
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /**
   * A text node's value, aligned with its source: escapes, entities and the
   * indentation of continued lines in lists make the source longer. Each
   * value character is found a little ahead in the source (bounded, so this
   * stays linear); one not found (a decoded entity) keeps the current place.
   */
  pushAligned(value: string, source: string, base: number): void {
    const LOOKAHEAD = 12;
    let j = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i]!;
      let k = j;
      while (k < source.length && k - j < LOOKAHEAD && source[k] !== c) k++;
      if (k < source.length && source[k] === c) {
        this.push(c, base + k, base + k + 1);
        j = k + 1;
      } else {
        this.push(c, base + j, base + Math.min(j + 1, source.length));
      }
    }
  }
}

// Liquid tags of Jekyll posts ({% ... %}, {{ ... }}) are markup, not prose.
// Bounded: an unbounded scan for the close restarts at every unclosed `{{`,
// which is quadratic (50 s on 1 MB of `{{ {% `); real tags are short.
const LIQUID = /\{%[^%]{0,500}%\}|\{\{[^}]{0,500}\}\}/g;

function pushText(builder: TextBuilder, value: string, source: string, base: number): void {
  let v = 0;
  let s = 0;
  for (const match of value.matchAll(LIQUID)) {
    const at = source.indexOf(match[0], s);
    if (at < 0) continue;
    builder.pushAligned(value.slice(v, match.index), source.slice(s, at), base + s);
    builder.object(base + at, base + at + match[0].length, match[0]);
    v = match.index + match[0].length;
    s = at + match[0].length;
  }
  builder.pushAligned(value.slice(v), source.slice(s), base + s);
}

function phrasing(builder: TextBuilder, nodes: PhrasingContent[], doc: string, defs: Map<string, string>): void {
  for (const node of nodes) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    switch (node.type) {
      case 'text':
        pushText(builder, node.value, doc.slice(start, end), start);
        break;
      case 'break':
        builder.push('\n', start, end);
        break;
      case 'link': {
        const text = node.children.map((c) => ('value' in c ? c.value : '')).join('');
        // A bare URL is its own link text: not prose.
        if (text === node.url || `mailto:${text}` === node.url) builder.object(start, end, text);
        else linked(builder, node.children, doc, defs, node.url);
        break;
      }
      case 'linkReference':
        linked(builder, node.children, doc, defs, defs.get(node.identifier.toLowerCase()) ?? '');
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
        phrasing(builder, node.children, doc, defs);
        break;
      case 'inlineCode':
        builder.object(start, end, doc.slice(start, end));
        break;
      case 'image':
      case 'imageReference':
        builder.object(start, end, node.alt ?? '');
        break;
      default:
        // html, footnoteReference
        builder.object(start, end, '');
    }
  }
}

function linked(builder: TextBuilder, nodes: PhrasingContent[], doc: string, defs: Map<string, string>, url: string): void {
  const start = builder.text.length;
  phrasing(builder, nodes, doc, defs);
  builder.links.push({ start, end: builder.text.length, url });
}

const KINDS: Record<string, Token['kind']> = {
  WordNode: 'word',
  WhiteSpaceNode: 'white',
  PunctuationNode: 'punct',
};

function tokensOf(sentence: NlcstSentence, shift: number): Token[] {
  const tokens: Token[] = [];
  for (const child of sentence.children) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const kind = KINDS[child.type] ?? 'symbol';
    tokens.push({ kind, value: nlcstToString(child), start: start + shift, end: end + shift });
  }
  return tokens;
}

// parse-english slows down more than linearly on one huge paragraph, so a
// long text is parsed in pieces cut after a sentence end.
const PIECE = 8000;

function pieceEnd(text: string, from: number): number {
  if (text.length - from <= PIECE) return text.length;
  const window = text.slice(from, from + PIECE);
  let cut = -1;
  for (const m of window.matchAll(/[.!?]["”’)]?\s+(?=["“(]?\p{Lu})/gu)) cut = m.index + m[0].length;
  if (cut <= 0) cut = window.lastIndexOf(' ') + 1;
  return cut <= 0 ? from + PIECE : from + cut;
}

function sentencesOfText(text: string): ProseSentence[] {
  const sentences: ProseSentence[] = [];
  for (let from = 0; from < text.length; ) {
    const end = pieceEnd(text, from);
    const root = parser.parse(text.slice(from, end));
    for (const paragraph of root.children) {
      if (paragraph.type !== 'ParagraphNode') continue;
      for (const sentence of paragraph.children) {
        if (sentence.type !== 'SentenceNode') continue;
        const tokens = tokensOf(sentence, from);
        const first = tokens[0];
        const last = tokens[tokens.length - 1];
        if (first && last) sentences.push({ tokens, start: first.start, end: last.end });
      }
    }
    from = end;
  }
  return sentences;
}

function makeBlock(
  node: Paragraph | Heading,
  where: { list: boolean; footnote: boolean },
  doc: string,
  starts: number[],
  defs: Map<string, string>,
): ProseBlock {
  const builder = new TextBuilder();
  phrasing(builder, node.children, doc, defs);
  const { text } = builder;
  const sentences = sentencesOfText(text);
  const nodeEnd = node.position?.end.offset ?? doc.length;
  const sourceStart = (i: number): number => builder.starts[i] ?? nodeEnd;
  const sourceEnd = (i: number): number => (i > 0 ? (builder.ends[i - 1] ?? nodeEnd) : sourceStart(0));
  const point = (i: number): Point => pointOf(starts, sourceStart(i));
  const endPoint = (i: number): Point => pointOf(starts, sourceEnd(i));

  // Sentence groups of at most GROUP_LINES lines, as (first text offset, anchor).
  const groups: { from: number; anchor: Point }[] = [];
  let groupLine = -1;
  for (const sentence of sentences) {
    const startLine = point(sentence.start).line;
    const end = endPoint(sentence.end);
    const open = groups[groups.length - 1];
    if (open && end.line - groupLine < GROUP_LINES) open.anchor = end;
    else {
      groups.push({ from: sentence.start, anchor: end });
      groupLine = startLine;
    }
  }
  const anchor = (i: number): Point => {
    // The last group starting at or before i.
    let lo = 0;
    let hi = groups.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (groups[mid]!.from <= i) lo = mid;
      else hi = mid - 1;
    }
    const group = groups[lo];
    const found = group && group.from <= i ? group.anchor : undefined;
    const at = point(i);
    if (!found || found.line < at.line) return endPoint(text.length);
    if (found.line - at.line < GROUP_LINES) return found;
    // One very long sentence: the comment goes under the slip's own line.
    const lineEnd = doc.indexOf('\n', sourceStart(i));
    return pointOf(starts, lineEnd < 0 ? doc.length : lineEnd);
  };
  const { objects } = builder;
  const shown = (from: number, to: number): string => {
    let out = '';
    for (let i = from; i < to; i++) out += text[i] === OBJECT ? (objects.get(i) ?? '') : text[i];
    return out;
  };
  const source = (from: number, to: number): string => doc.slice(sourceStart(from), sourceEnd(to));
  return { node, heading: node.type === 'heading', ...where, text, shown, sentences, links: builder.links, point, endPoint, source, anchor };
}

const cache = new WeakMap<Root, { prose: ProseBlock[]; quoted: ProseBlock[] }>();

function blocksOf(tree: Root, file: VFile): { prose: ProseBlock[]; quoted: ProseBlock[] } {
  const cached = cache.get(tree);
  if (cached) return cached;
  const doc = String(file.value);
  const starts = lineStarts(doc);
  const defs = new Map<string, string>();
  visitParents(tree, 'definition', (node) => {
    if (!defs.has(node.identifier.toLowerCase())) defs.set(node.identifier.toLowerCase(), node.url);
  });
  const found = { prose: [] as ProseBlock[], quoted: [] as ProseBlock[] };
  visitParents(tree, (node: Nodes, ancestors: Parents[]) => {
    if (node.type !== 'paragraph' && node.type !== 'heading') return;
    if (ancestors.some((a) => a.type === 'table')) return;
    const quote = ancestors.some((a) => a.type === 'blockquote');
    const where = { list: ancestors.some((a) => a.type === 'listItem'), footnote: ancestors.some((a) => a.type === 'footnoteDefinition') };
    (quote ? found.quoted : found.prose).push(makeBlock(node, where, doc, starts, defs));
  });
  cache.set(tree, found);
  return found;
}

/**
 * The paragraphs and headings of a post in document order, except those in
 * block quotes (someone else's words) and tables (data, not sentences).
 */
export function proseBlocks(tree: Root, file: VFile): ProseBlock[] {
  return blocksOf(tree, file).prose;
}

/** The paragraphs and headings inside block quotes: someone else's words, for a rule that still reads them. */
export function quotedBlocks(tree: Root, file: VFile): ProseBlock[] {
  return blocksOf(tree, file).quoted;
}

/** Runs of words in a sentence that only white space separates: where a phrase can be. */
export function wordRuns(sentence: ProseSentence): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (const token of sentence.tokens) {
    if (token.kind === 'word') run.push(token);
    else if (token.kind !== 'white') {
      if (run.length > 0) runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The target of the link whose text holds text offset `offset`, if any. */
export function linkAt(block: ProseBlock, offset: number): string | undefined {
  const { links } = block;
  // Links do not nest, so they are in order of their starts.
  let lo = 0;
  let hi = links.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const link = links[mid]!;
    if (offset < link.start) hi = mid - 1;
    else if (offset >= link.end) lo = mid + 1;
    else return link.url;
  }
  return undefined;
}

/** Whether `word` is the first word of `sentence`, after opening quotes or brackets at most. */
export function opensSentence(sentence: ProseSentence, word: Token): boolean {
  for (const token of sentence.tokens) {
    if (token === word) return true;
    if (token.kind === 'word' || (token.kind !== 'white' && !/^["“‘'(*_[]+$/.test(token.value))) return false;
  }
  return false;
}

/** A word as compared: lower case, typographic apostrophe made straight. */
export function norm(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

/** `replacement` with the first letter's case of `original`. */
export function matchCase(original: string, replacement: string): string {
  const first = original[0];
  if (first === undefined || replacement === '') return replacement;
  if (first === first.toUpperCase() && first !== first.toLowerCase()) {
    return replacement[0]!.toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

/** The place of a finding: from the slip to the end of its sentence group. */
export function placeOf(block: ProseBlock, start: number): { start: Point; end: Point } {
  return { start: block.point(start), end: block.anchor(start) };
}

/** Whether text offset `offset` lies between quotation marks opened earlier in the block. */
export function quoted(block: ProseBlock, offset: number): boolean {
  const before = block.text.slice(0, offset);
  const straight = before.split('"').length - 1;
  const opened = before.split('“').length - before.split('”').length;
  return straight % 2 === 1 || opened > 0;
}

/**
 * The edit that puts `text` in place of the block's text from `start` to
 * `end`, for a fix the rule is certain of: only where the source there is
 * exactly what the reader sees (no markup, escape or code inside) and not
 * between quotation marks (someone's words, or a word being talked about).
 */
export function replacement(block: ProseBlock, start: number, end: number, text: string): TextEdit | undefined {
  const written = block.text.slice(start, end);
  if (written.includes(OBJECT) || block.source(start, end) !== written || quoted(block, start)) return undefined;
  const from = block.point(start);
  const to = block.endPoint(end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, text };
}

/**
 * Reports a slip at text offset `at` of the block, with the wording to write
 * instead and, when the rule is certain of it, the fix: the text from
 * `fix.start` to `fix.end` replaced by `fix.text` (see `replacement`).
 */
export function reportSlip(
  file: VFile,
  block: ProseBlock,
  at: number,
  reason: string,
  suggestion: string,
  fix?: { start: number; end: number; text: string },
): VFileMessage {
  const message = file.message(reason, { place: placeOf(block, at) });
  message.expected = [suggestion];
  const edit = fix && replacement(block, fix.start, fix.end, fix.text);
  if (edit) attachFix(message, [edit]);
  return message;
}
