// How much input review-post takes on, so that a stranger's mail is answered
// in bounded time and memory whatever it holds. Each limit is far above what
// real posts and patches need (the largest of the 821 posts in the false-alarm
// corpus has 173 KB and 2,876 lines) and below where the parsers we rely on
// slow down or overflow the stack: at each limit, linting a post built to be
// slow takes some 1 to 2 s (measured on the review machine, 2 cores).

import type { Finding } from './types.js';

/**
 * An input file or stdin: above this it is refused without being read whole.
 * An mbox is not held whole but streamed, message by message: no cap on it.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** One message of an mbox: above this it is skipped, counted but not kept. */
export const MAX_MESSAGE_BYTES = MAX_INPUT_BYTES;

/**
 * A post (its new version, or a Markdown file given directly). Reviewing
 * costs some 5 µs a byte on this machine: 512 KB of prose took 2 to 2.5 s.
 */
export const MAX_POST_BYTES = 256 * 1024;
/** 8,000 short lines took 1 to 2 s to parse alone; the corpus has 2,876 at most. */
export const MAX_POST_LINES = 5_000;

/**
 * Containers (block quotes, list items) a line may be nested in. micromark
 * and the tree walkers recurse per level: some thousands overflow the stack
 * (10,000 `> ` do), and time per line grows with the depth. Measured as
 * markers plus indentation / 2, an upper bound: the corpus reaches 27 (in an
 * indented diagram).
 */
export const MAX_NESTING = 100;

/**
 * List items and quotes nested in others, weighted by depth: micromark's time
 * grows with the square of their number in one list (8,000 lines of
 * `- x` / `  - y` take 5 s). The corpus needs 1,637 at most.
 */
export const MAX_NESTED_WEIGHT = 3_000;

/**
 * Emphasis and link brackets (`*`, `_`, `[`, `]`) in one paragraph cost
 * micromark time in the square of their number (a paragraph of 16,000 `*`
 * takes minutes), and so do its lines after a bracket left open (`![` and
 * 8,000 lines: 4 s). Measured per paragraph as the square of its delimiters
 * and lines. A paragraph above this, or one that would bring the post's sum
 * above it, is not parsed (the rest of the post is reviewed, and a note names
 * it); the corpus needs 740,776 in one post.
 */
export const MAX_INLINE_WEIGHT = 4_000_000;

/**
 * Words after a `[` not yet closed in the same paragraph, squared per
 * paragraph: GFM's autolink resolution looks back over them for every word
 * (2,000 lines of `ab; cd=ef` after one `[` take 1.7 s). Capped like
 * MAX_INLINE_WEIGHT; the corpus needs 250 words in one paragraph, counting
 * those inside link texts.
 */
export const MAX_OPEN_BRACKET_WEIGHT = 4_000_000;

/**
 * Closing brackets times words, per paragraph: at each `]` the GFM footnote
 * parser walks back over the paragraph's tokens for its opening (2,000 `]`
 * among 15,000 words take 1.4 s). Capped like MAX_INLINE_WEIGHT; the corpus
 * needs 280,655.
 */
export const MAX_CLOSE_BRACKET_WEIGHT = 3_000_000;

/**
 * Characters without a blank between them, summed as squares of each run:
 * micromark's GFM autolink scan restarts along a run of characters a mail
 * address may hold (`a=?` 33,000 times takes 7 s). Caps a single run near
 * 6,000 characters, like MAX_INLINE_WEIGHT per paragraph; the corpus needs
 * 3.6 million in one post (its longest run is a 951-character URL).
 */
export const MAX_RUN_WEIGHT = 40_000_000;

/**
 * Table cells, counted as `|` anywhere: GFM tables cost micromark some
 * 60 µs a cell (a table of 260,000 cells takes 17 s). Capped like
 * MAX_INLINE_WEIGHT per paragraph; the corpus has 256 at most.
 */
export const MAX_TABLE_PIPES = 10_000;

function size(bytes: number): string {
  const text = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
  return text.replace('.0 ', ' ');
}

/** `n` with thousands separated, for messages. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** What a size is, for messages: `1.0 MB`, `512 KB`. */
export function sizeText(bytes: number): string {
  return size(bytes);
}

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/;

/** What costs micromark time in one paragraph: the measures capped per paragraph and per post. */
export interface ParagraphWeights {
  /** The square of its lines and its `*`, `_`, `[`, `]`. */
  inline: number;
  /** The square of its words after an open `[`. */
  openBracket: number;
  /** Its `]` times its words. */
  closeBracket: number;
  /** Sum over its runs of non-blank characters of the square of their length. */
  runs: number;
  /** Its `|` characters. */
  pipes: number;
}

/** A paragraph as the limits see it: lines between blank lines, split where a list item starts. */
export interface Paragraph extends ParagraphWeights {
  /** Its first and last line, 1-based. */
  from: number;
  to: number;
}

/** What the limits measure in a post's Markdown: the post's own measures, and each paragraph's. */
export interface MarkdownMeasures extends ParagraphWeights {
  bytes: number;
  lines: number;
  /** The deepest nesting a line can open (an upper bound), and the first line that does. */
  deepest: number;
  deepestLine: number;
  /** Sum over lines that open containers of their depth less one. */
  nested: number;
  paragraphs: Paragraph[];
}

const WEIGHTS = ['inline', 'openBracket', 'closeBracket', 'runs', 'pipes'] as const;

/**
 * Reads each line once; blocks are not parsed, only line prefixes, so that
 * nothing can hide from the measures: code blocks, front matter and HTML are
 * measured like prose (micromark's view of them could be faked). A paragraph
 * ends at a blank line, and where a list item starts as micromark starts one
 * (a changelog's thousand items are a thousand paragraphs, not one): a
 * bullet or `1.` within three columns of the paragraph's container, or any
 * ordered item left of a list item's content. Where that is unsure, lines
 * are kept together: a paragraph measured too long costs a note, one measured
 * too short would cost time.
 */
export function measureMarkdown(text: string, stopAfterLines = Infinity): MarkdownMeasures {
  const m: MarkdownMeasures = { bytes: Buffer.byteLength(text, 'utf8'), lines: 0, deepest: 0, deepestLine: 0, nested: 0, inline: 0, pipes: 0, runs: 0, openBracket: 0, closeBracket: 0, paragraphs: [] };
  // Delimiters and lines of the current paragraph: a bracket left open makes
  // micromark's time grow with the square of the lines after it too.
  let current: Paragraph | undefined;
  let delimiters = 0;
  let open = 0;
  let bracketed = 0;
  let closes = 0;
  let words = 0;
  // Where the current paragraph's container content starts, and whether that container is a list item.
  let contentColumn = 0;
  let inItem = false;
  const endParagraph = (): void => {
    if (current === undefined) return;
    current.inline = delimiters * delimiters;
    current.openBracket = bracketed * bracketed;
    current.closeBracket = closes * words;
    for (const weight of WEIGHTS) m[weight] += current[weight];
    m.paragraphs.push(current);
    current = undefined;
    delimiters = 0;
    open = 0;
    bracketed = 0;
    closes = 0;
    words = 0;
  };
  for (let start = 0; start < text.length && m.lines < stopAfterLines; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    start = end + 1;
    m.lines++;

    // The container prefix: blanks (a tab counts as four columns, the most it
    // can be), `>` and list markers. Each level of list needs two columns at
    // least, so columns / 2 + markers bounds the depth of what the line opens.
    let columns = 0;
    let markers = 0;
    let i = 0;
    // Where the line is, in columns; where its last container's content starts, and whether that is a list item's.
    let column = 0;
    let lastColumn = 0;
    let lastIsItem = false;
    let startsItem = false;
    while (i < line.length) {
      const c = line[i];
      if (c === ' ') {
        columns++;
        column++;
        i++;
      } else if (c === '\t') {
        columns += 4;
        column += 4;
        i++;
      } else if (c === '>') {
        markers++;
        column++;
        i++;
        lastIsItem = false;
        lastColumn = column + 1;
      } else {
        const marker = LIST_MARKER.exec(line.slice(i, i + 11));
        if (marker === null) break;
        if (!startsItem && current !== undefined) {
          const bulletOrOne = /^(?:[-+*]|0*1[.)])$/.test(marker[0]);
          startsItem = (bulletOrOne && column < contentColumn + 4) || (inItem && column < contentColumn);
        }
        markers++;
        column += marker[0].length;
        i += marker[0].length;
        lastIsItem = true;
        lastColumn = column + 1;
      }
    }
    // A line of markers alone still opens its containers (empty items).
    if (markers > 0) {
      const depth = markers + (columns >> 1);
      if (depth > m.deepest) {
        m.deepest = depth;
        m.deepestLine = m.lines;
      }
      m.nested += depth - 1;
    }
    // Only a blank line ends a paragraph: a line of markers alone may not
    // (`*` alone cannot interrupt one), so it is kept in it, a line long.
    if (line.trim() === '') {
      endParagraph();
      continue;
    }
    if (startsItem) endParagraph();
    if (current === undefined) {
      current = { from: m.lines, to: m.lines, inline: 0, openBracket: 0, closeBracket: 0, runs: 0, pipes: 0 };
      contentColumn = markers > 0 ? lastColumn : 0;
      inItem = lastIsItem;
    }
    current.to = m.lines;
    delimiters++;
    let run = 0;
    for (let k = i; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c === 32 || c === 9) {
        current.runs += run * run;
        run = 0;
        continue;
      }
      if (run++ === 0) {
        words++;
        if (open > 0) bracketed++;
      }
      // * _ [ ]
      if (c === 42 || c === 95 || c === 91 || c === 93) {
        delimiters++;
        if (c === 91) open++;
        else if (c === 93) {
          closes++;
          if (open > 0) open--;
        }
      } else if (c === 124) current.pipes++;
    }
    current.runs += run * run;
  }
  endParagraph();
  return m;
}

/**
 * A post longer than a review covers is not refused: it is reviewed up to
 * the last whole paragraph within MAX_POST_BYTES and MAX_POST_LINES, and a
 * note says where the review stopped. Only a post whose very first paragraph
 * is beyond that (no real post: one line of megabytes) is refused.
 */
export interface CutMarkdown {
  /** The text reviewed: the post, or its first lines. */
  text: string;
  /** The first line not reviewed, when the post was cut. */
  cutAt?: number;
  note?: string;
  /** Why nothing of it can be reviewed. */
  refused?: string;
}

export function cutLongMarkdown(text: string): CutMarkdown {
  const bytes = Buffer.byteLength(text, 'utf8');
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= MAX_POST_LINES; i = text.indexOf('\n', i + 1)) lines++;
  if (bytes <= MAX_POST_BYTES && lines <= MAX_POST_LINES) return { text };
  const m = measureMarkdown(text, MAX_POST_LINES + 1);
  // The byte offset after each line, up to the limits.
  const ends: number[] = [];
  let offset = 0;
  for (let start = 0; ends.length < MAX_POST_LINES && offset <= MAX_POST_BYTES; ) {
    const newline = text.indexOf('\n', start);
    const line = newline < 0 ? text.slice(start) : text.slice(start, newline + 1);
    offset += Buffer.byteLength(line, 'utf8');
    ends.push(offset);
    if (newline < 0) break;
    start = newline + 1;
  }
  let last = 0;
  for (const p of m.paragraphs) {
    const end = ends[p.to - 1];
    if (p.to > MAX_POST_LINES || end === undefined || end > MAX_POST_BYTES) break;
    last = p.to;
  }
  const whole = bytes > MAX_POST_BYTES ? `is ${size(bytes)} long, more than the ${size(MAX_POST_BYTES)} a review covers` : `has more than ${count(MAX_POST_LINES)} lines, the most a review covers`;
  if (last === 0) return { text: '', refused: bytes > MAX_POST_BYTES ? `it has ${size(bytes)}, more than the ${size(MAX_POST_BYTES)} a post may have` : `it has more than ${count(MAX_POST_LINES)} lines` };
  const kept = text.slice(0, ends[last - 1]);
  return {
    text: kept,
    cutAt: last + 1,
    note: `the post ${whole}: the lines after ${count(last)} were not reviewed`,
  };
}

/**
 * Why a post's Markdown is beyond what can be reviewed in bounded time, or
 * undefined when it is fine: its nesting (a post too long is cut,
 * cutLongMarkdown; paragraphs that would be slow are left out, degradeMarkdown).
 */
export function markdownTooComplex(text: string): string | undefined {
  const m = measureMarkdown(text, MAX_POST_LINES + 1);
  if (m.deepest > MAX_NESTING) {
    return `it is too deeply nested to review: line ${count(m.deepestLine)} nests more than ${MAX_NESTING} quotes or lists`;
  }
  if (m.nested > MAX_NESTED_WEIGHT) return 'it has too many nested lists and quotes to review';
  return undefined;
}

const CAPS: Record<(typeof WEIGHTS)[number], { most: number; why: string }> = {
  inline: { most: MAX_INLINE_WEIGHT, why: 'too long or too full of emphasis and link brackets (* _ [ ])' },
  openBracket: { most: MAX_OPEN_BRACKET_WEIGHT, why: 'thousands of words after a `[` left open' },
  closeBracket: { most: MAX_CLOSE_BRACKET_WEIGHT, why: 'thousands of `]` among thousands of words' },
  runs: { most: MAX_RUN_WEIGHT, why: 'runs of thousands of characters without a blank' },
  pipes: { most: MAX_TABLE_PIPES, why: `more than ${count(MAX_TABLE_PIPES)} table cells` },
};

/** A post with the paragraphs that would be slow to parse blanked out, and a note that names them. */
export interface DegradedMarkdown {
  /** The text with the same lines, those of the paragraphs left out made empty. */
  text: string;
  /** The paragraphs left out, first line and last. */
  left: { from: number; to: number }[];
  /** What was left out and why, for the review's notes ("the paragraph at lines 4-9, too slow ..."); undefined when nothing was. */
  note?: string;
}

/** A fence's marker is kept, so that a code block around a left-out paragraph still closes. */
const FENCE = /^[ \t>]*(?:[-+*]|\d{1,9}[.)])?[ \t]*(?:```|~~~)/;

/**
 * Leave out, paragraph by paragraph, what would cost micromark more than
 * bounded time: a paragraph above a cap, or one that would bring the post's
 * sum above it. The rest of the post is reviewed as it is, at its own lines.
 */
export function degradeMarkdown(text: string): DegradedMarkdown {
  const m = measureMarkdown(text);
  const sums: ParagraphWeights = { inline: 0, openBracket: 0, closeBracket: 0, runs: 0, pipes: 0 };
  const left: Paragraph[] = [];
  const why = new Set<string>();
  for (const paragraph of m.paragraphs) {
    const over = WEIGHTS.filter((w) => sums[w] + paragraph[w] > CAPS[w].most);
    if (over.length === 0) {
      for (const w of WEIGHTS) sums[w] += paragraph[w];
      continue;
    }
    left.push(paragraph);
    for (const w of over) why.add(CAPS[w].why);
  }
  if (left.length === 0) return { text, left: [] };
  const lines = text.split('\n');
  for (const { from, to } of left) {
    // A fence keeps its marker (the code block still opens and closes) but
    // not what follows it, which would count against the caps again.
    for (let l = from; l <= to; l++) lines[l - 1] = FENCE.exec(lines[l - 1]!)?.[0] ?? '';
  }
  const span = (p: Paragraph): string => (p.from === p.to ? `line ${count(p.from)}` : `lines ${count(p.from)}-${count(p.to)}`);
  const shown = left.slice(0, 5).map(span).join(', ') + (left.length > 5 ? ` and ${count(left.length - 5)} more` : '');
  const which = left.length === 1 ? `the paragraph at ${shown}` : `${count(left.length)} paragraphs (${shown})`;
  return {
    text: lines.join('\n'),
    left: left.map(({ from, to }) => ({ from, to })),
    note: `${which}, too slow to parse (${[...why].join('; ')}); the rest of the post was reviewed`,
  };
}

/**
 * Findings of one rule in one post listed before the rest are only counted.
 * A reviewer stops repeating himself long before this; a post built to
 * trip a rule everywhere would otherwise make a review of megabytes.
 */
export const MAX_FINDINGS_PER_RULE = 50;

/**
 * The findings, at most MAX_FINDINGS_PER_RULE of each rule; the last one kept
 * says how many more there are, `elided` (counted, never built) included.
 */
export function capFindings(findings: Finding[], most = MAX_FINDINGS_PER_RULE, elided: ReadonlyMap<string, number> = new Map()): Finding[] {
  const totals = new Map<string, number>();
  for (const f of findings) totals.set(f.rule, (totals.get(f.rule) ?? 0) + 1);
  for (const [rule, n] of elided) if (totals.has(rule)) totals.set(rule, totals.get(rule)! + n);
  if ([...totals.values()].every((n) => n <= most)) return findings;
  const seen = new Map<string, number>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const n = (seen.get(f.rule) ?? 0) + 1;
    seen.set(f.rule, n);
    const more = totals.get(f.rule)! - most;
    if (n < most || (n === most && more === 0)) kept.push(f);
    else if (n === most) kept.push({ ...f, message: `${f.message} (I stopped here: the same comes ${count(more)} more ${more === 1 ? 'time' : 'times'} below.)` });
  }
  return kept;
}
