// How much input review-post takes on, so that a stranger's mail is answered
// in bounded time and memory whatever it holds. Each limit is far above what
// real posts and patches need (the largest of the 821 posts in the false-alarm
// corpus has 173 KB and 2,876 lines) and below where the parsers we rely on
// slow down or overflow the stack: at each limit, linting a post built to be
// slow takes some 1 to 4 s (measured on the review machine, 2 cores).
// Measured at the limits: 8,000 lines of `x` and blank lines, 1.2 s; 512 KB
// of prose, 2 to 3 s; 3,000 items with a nested list each, 3.5 s.

/**
 * An input file or stdin: above this it is refused without being read whole.
 * An mbox is not held whole but streamed, message by message: no cap on it.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** One message of an mbox: above this it is skipped, counted but not kept. */
export const MAX_MESSAGE_BYTES = MAX_INPUT_BYTES;

/** A post (its new version, or a Markdown file given directly). */
export const MAX_POST_BYTES = 512 * 1024;
export const MAX_POST_LINES = 8_000;

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
}

/**
 * Reads each line once; blocks are not parsed, only line prefixes, so that
 * nothing can hide from the measures: code blocks, front matter and HTML are
 * measured like prose (micromark's view of them could be faked).
 */
export function measureMarkdown(text: string, stopAfterLines = Infinity): MarkdownMeasures {
  const m: MarkdownMeasures = { bytes: Buffer.byteLength(text, 'utf8'), lines: 0, deepest: 0, deepestLine: 0, nested: 0, inline: 0, pipes: 0 };
  // Delimiters and lines of the current stretch: a bracket left open makes
  // micromark's time grow with the square of the lines after it too.
  let stretch = 0;
  const endStretch = (): void => {
    m.inline += stretch * stretch;
    stretch = 0;
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
    for (let k = i; k < line.length; k++) {
      const c = line.charCodeAt(k);
      // * _ [ ]
      if (c === 42 || c === 95 || c === 91 || c === 93) stretch++;
      else if (c === 124) m.pipes++;
    }
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
  return undefined;
}
