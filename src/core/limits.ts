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
 * 8,000 lines: 4 s). The sum over blank-line-separated stretches of the
 * square of their delimiters and lines is capped; the corpus needs 740,776.
 */
export const MAX_INLINE_WEIGHT = 4_000_000;

/**
 * Words after a `[` not yet closed in the same paragraph, summed as squares
 * per paragraph: GFM's autolink resolution looks back over them for every
 * word (2,000 lines of `ab; cd=ef` after one `[` take 1.7 s). The corpus needs
 * 250 words in one paragraph, counting those inside link texts.
 */
export const MAX_OPEN_BRACKET_WEIGHT = 4_000_000;

/**
 * Closing brackets times words, summed per paragraph: at each `]` the GFM
 * footnote parser walks back over the paragraph's tokens for its opening
 * (2,000 `]` among 15,000 words take 1.4 s). The corpus needs 280,655.
 */
export const MAX_CLOSE_BRACKET_WEIGHT = 3_000_000;

/**
 * Characters without a blank between them, summed as squares of each run:
 * micromark's GFM autolink scan restarts along a run of characters a mail
 * address may hold (`a=?` 33,000 times takes 7 s). Caps a single run near
 * 6,000 characters; the corpus needs 3.6 million in one post (its longest
 * run is a 951-character URL).
 */
export const MAX_RUN_WEIGHT = 40_000_000;

/**
 * Table cells, counted as `|` anywhere: GFM tables cost micromark some
 * 60 µs a cell (a table of 260,000 cells takes 17 s). The corpus has 256 at most.
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

/** What the limits measure in a post's Markdown. */
export interface MarkdownMeasures {
  bytes: number;
  lines: number;
  /** The deepest nesting a line can open (an upper bound), and the first line that does. */
  deepest: number;
  deepestLine: number;
  /** Sum over lines that open containers of their depth less one. */
  nested: number;
  /** Sum over blank-line-separated stretches of the square of their lines and their `*`, `_`, `[`, `]`. */
  inline: number;
  /** `|` characters. */
  pipes: number;
  /** Sum over runs of non-blank characters of the square of their length. */
  runs: number;
  /** Sum over blank-line-separated stretches of the square of their words after an open `[`. */
  openBracket: number;
  /** Sum over blank-line-separated stretches of their `]` times their words. */
  closeBracket: number;
}

/**
 * Reads each line once; blocks are not parsed, only line prefixes, so that
 * nothing can hide from the measures: code blocks, front matter and HTML are
 * measured like prose (micromark's view of them could be faked).
 */
export function measureMarkdown(text: string, stopAfterLines = Infinity): MarkdownMeasures {
  const m: MarkdownMeasures = { bytes: Buffer.byteLength(text, 'utf8'), lines: 0, deepest: 0, deepestLine: 0, nested: 0, inline: 0, pipes: 0, runs: 0, openBracket: 0, closeBracket: 0 };
  // Delimiters and lines of the current stretch: a bracket left open makes
  // micromark's time grow with the square of the lines after it too.
  let stretch = 0;
  let open = 0;
  let bracketed = 0;
  let closes = 0;
  let words = 0;
  const endStretch = (): void => {
    m.inline += stretch * stretch;
    m.openBracket += bracketed * bracketed;
    m.closeBracket += closes * words;
    stretch = 0;
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
    while (i < line.length) {
      const c = line[i];
      if (c === ' ') {
        columns++;
        i++;
      } else if (c === '\t') {
        columns += 4;
        i++;
      } else if (c === '>') {
        markers++;
        i++;
      } else {
        const marker = LIST_MARKER.exec(line.slice(i, i + 11));
        if (marker === null) break;
        markers++;
        i += marker[0].length;
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
    if (i === line.length || line.slice(i).trim() === '') {
      endStretch();
      continue;
    }
    stretch++;
    let run = 0;
    for (let k = i; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c === 32 || c === 9) {
        m.runs += run * run;
        run = 0;
        continue;
      }
      if (run++ === 0) {
        words++;
        if (open > 0) bracketed++;
      }
      // * _ [ ]
      if (c === 42 || c === 95 || c === 91 || c === 93) {
        stretch++;
        if (c === 91) open++;
        else if (c === 93) {
          closes++;
          if (open > 0) open--;
        }
      } else if (c === 124) m.pipes++;
    }
    m.runs += run * run;
  }
  endStretch();
  return m;
}

/** Why a post's Markdown is beyond what can be reviewed in bounded time, or undefined when it is fine. */
export function markdownTooComplex(text: string): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_POST_BYTES) return `it has ${size(bytes)}, more than the ${size(MAX_POST_BYTES)} a post may have`;
  const m = measureMarkdown(text, MAX_POST_LINES + 1);
  if (m.lines > MAX_POST_LINES) return `it has more than ${count(MAX_POST_LINES)} lines`;
  if (m.deepest > MAX_NESTING) {
    return `it is too deeply nested to review: line ${count(m.deepestLine)} nests more than ${MAX_NESTING} quotes or lists`;
  }
  if (m.nested > MAX_NESTED_WEIGHT) return 'it has too many nested lists and quotes to review';
  if (m.pipes > MAX_TABLE_PIPES) return `it has too many table cells to review (more than ${count(MAX_TABLE_PIPES)} |)`;
  if (m.inline > MAX_INLINE_WEIGHT) return 'it has paragraphs too long or too full of emphasis and link brackets (* _ [ ]) to review';
  if (m.openBracket > MAX_OPEN_BRACKET_WEIGHT) return 'it has paragraphs with thousands of words after a `[` left open, too many to review';
  if (m.closeBracket > MAX_CLOSE_BRACKET_WEIGHT) return 'it has paragraphs with thousands of `]` among thousands of words, too many to review';
  if (m.runs > MAX_RUN_WEIGHT) return 'it has runs of thousands of characters without a blank, too long to review';
  return undefined;
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
