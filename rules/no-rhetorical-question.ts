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

import type { Nodes, Root } from 'mdast';
import { lintRule } from 'unified-lint-rule';
import { proseParagraphs, sentencesOf, type Sentence } from '../src/prose.js';

const MAX_WORDS = 6;
const WH_WORD = /^(?:what|how|why|where|when|who|which)\b/i;
const QUOTES = /["“”«»]/;
// Openers of an answer that restate the question's subject as a pronoun; the
// statement form replaces them with "This is".
const PRONOUN_OPENER = /^(?:it's|it is|that's|that is|this is)\s+/i;
const PREVIEW_WORDS = 6;

/** Questions set in bold or italics open a paragraph as a run-in heading. */
function runInHeads(paragraph: Nodes): Set<number> {
  const heads = new Set<number>();
  if (paragraph.type !== 'paragraph') return heads;
  for (const child of paragraph.children) {
    if ((child.type === 'strong' || child.type === 'emphasis') && child.position?.start.offset !== undefined) {
      heads.add(child.position.start.offset);
    }
  }
  return heads;
}

function isQuestion(s: Sentence | undefined): boolean {
  return s !== undefined && s.text.endsWith('?');
}

function isRhetorical(s: Sentence, before: Sentence | undefined, after: Sentence | undefined): boolean {
  return (
    isQuestion(s) &&
    s.words <= MAX_WORDS &&
    WH_WORD.test(s.text) &&
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

const noRhetoricalQuestion = lintRule<Root>('review-post:no-rhetorical-question', (tree, file) => {
  for (const paragraph of proseParagraphs(tree)) {
    const sentences = sentencesOf(paragraph, file);
    const heads = runInHeads(paragraph);
    sentences.forEach((s, i) => {
      const after = sentences[i + 1];
      if (!isRhetorical(s, sentences[i - 1], after) || after === undefined) return;
      if (s.start.offset !== undefined && heads.has(s.start.offset)) return;
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
