/**
 * review-post:no-rhetorical-question
 *
 * Flags a short question in running prose that the next sentence answers at
 * once ("What is that? It's a shared memory window ..."). In an expository
 * post such a question only delays the statement; reviewers ask for the
 * statement form instead. Kept narrow on purpose: headings, quotes, lists,
 * a question inside quotation marks or set in bold as a run-in heading
 * ("**Why this goal?** This work ..."), runs of questions and a question
 * that ends its paragraph (left open for the reader) are not flagged.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   One prominent feature is the DAX window. This is a shared memory window
 *   between the host and the guest.
 *
 *   At this point, one is sure to wonder "Why bother with unikernels?". The
 *   problem they solve is bloat.
 *
 *   Where does this leave us? Which tool should you pick?
 *
 *   What about other loops? It's not yet clear.
 *
 *   **Why this goal?** This work continues our drive to improve async.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   One prominent feature is the DAX window. What is that? It's a shared memory
 *   window between the host and the guest. How is it used? Upon request, the
 *   host maps file contents to the window.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:42-1:55: I'd rather say "This is a shared memory window ..." and drop the "What is that?" question.
 *   2:40-2:55: I'd rather drop the "How is it used?" question.
 */

import type { Nodes } from 'mdast';
import type { Point } from 'unist';
import { proseBlocks, type ProseBlock } from '../kit/prose.js';
import { defineRule } from '../kit/rule.js';

const MAX_WORDS = 6;
const WH_WORD = /^(?:what|how|why|where|when|who|which)\b/i;
// "What about X?" turns to a new topic; the text after it needs it.
const TOPIC_SHIFT = /^(?:what|how) about\b/i;
const QUOTES = /["“”«»]/;
// An answer that defines the question's subject ("It's a shared memory
// window"): the statement form replaces the pronoun with "This is".
const PRONOUN_OPENER = /^(?:it's|it’s|it is|that's|that’s|that is|this is)\s+(?=(?:a|an|the)\s)/i;
const PREVIEW_WORDS = 6;
// A paragraph this long is no running prose (a list of URLs, a data dump).
const MAX_PARAGRAPH_CHARS = 20_000;

interface Sentence {
  /** As a reader reads it, white space folded: inline code kept, link URLs dropped. */
  text: string;
  start: Point;
  end: Point;
  words: number;
}

/** The sentences of a paragraph of running prose; none for lists, headings, footnotes. */
function sentencesOf(block: ProseBlock): Sentence[] {
  if (block.heading || block.list || block.footnote) return [];
  const { start, end } = block.node.position ?? {};
  if (start?.offset !== undefined && end?.offset !== undefined && end.offset - start.offset > MAX_PARAGRAPH_CHARS) return [];
  return block.sentences.map((s) => ({
    text: block.shown(s.start, s.end).replace(/\s+/g, ' ').trim(),
    start: block.point(s.start),
    end: block.endPoint(s.end),
    words: s.tokens.filter((t) => t.kind === 'word').length,
  }));
}

/** Where bold or italic text sits: a question set so is a run-in heading. */
function emphasised(paragraph: Nodes): [number, number][] {
  if (paragraph.type !== 'paragraph') return [];
  return paragraph.children.flatMap((child) =>
    (child.type === 'strong' || child.type === 'emphasis') && child.position?.start.offset !== undefined && child.position.end.offset !== undefined
      ? [[child.position.start.offset, child.position.end.offset] as [number, number]]
      : [],
  );
}

function within(s: Sentence, ranges: [number, number][]): boolean {
  const start = s.start.offset ?? -1;
  const end = s.end.offset ?? -1;
  return ranges.some(([from, to]) => start >= from && end <= to);
}

function isQuestion(s: Sentence | undefined): boolean {
  return s !== undefined && s.text.endsWith('?');
}

function isRhetorical(s: Sentence, before: Sentence | undefined, after: Sentence | undefined): boolean {
  return (
    isQuestion(s) &&
    s.words <= MAX_WORDS &&
    WH_WORD.test(s.text) &&
    !TOPIC_SHIFT.test(s.text) &&
    !QUOTES.test(s.text) &&
    after !== undefined &&
    !isQuestion(after) &&
    !isQuestion(before)
  );
}

/** The answer rewritten as a statement, when it opens with a pronoun. */
export function statementForm(answer: string): string | undefined {
  const opener = PRONOUN_OPENER.exec(answer);
  if (!opener) return undefined;
  return `This is ${answer.slice(opener[0].length)}`.replace(/\s+/g, ' ');
}

const noRhetoricalQuestion = defineRule({ id: 'no-rhetorical-question', severity: 'warning', docs: import.meta.url }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    const sentences = sentencesOf(block);
    const heads = emphasised(block.node);
    sentences.forEach((s, i) => {
      const after = sentences[i + 1];
      if (!isRhetorical(s, sentences[i - 1], after) || after === undefined) return;
      if (within(s, heads)) return;
      const statement = statementForm(after.text);
      const place = { start: s.start, end: s.end };
      if (statement) {
        const preview = statement.split(' ').slice(0, PREVIEW_WORDS).join(' ');
        const message = file.message(
          `I'd rather say "${preview} ..." and drop the "${s.text}" question.`,
          { place },
        );
        message.expected = [statement];
      } else {
        file.message(`I'd rather drop the "${s.text}" question.`, { place });
      }
    });
  }
});

export default noRhetoricalQuestion;
