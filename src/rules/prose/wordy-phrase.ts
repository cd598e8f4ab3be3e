/**
 * review-post:wordy-phrase
 *
 * Flags a construction that a reviewer shortens, and gives the shorter
 * form: "What this means is that" (This means that), "It should be noted
 * that" (drop it), "due to the fact that" (because), "has the ability to"
 * (can). Phrases that are a matter of taste when used now and then ("in
 * order to", "prior to") are pointed out once, when the post uses them three
 * times or more.
 * The list is data/wordy-phrases.txt, easy to extend.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   This means that applications built for Linux run unchanged. In order to
 *   boot, the guest needs a kernel.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   OSv strives for binary compatibility with Linux. What this means
 *   is that applications built for Linux run unchanged. It should be noted
 *   that the host has the ability to map files.
 *
 *   In order to boot, the guest needs a kernel, in order to run it needs
 *   memory, and in order to be useful it needs a network.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:50-3:44: I'd write "This means that" instead of "What this means is that".
 *   2:53-3:44: I'd drop "It should be noted that" and say it straight away.
 *   3:15-3:44: I'd write "can" instead of "has the ability to".
 *   5:1-6:54: I'd write "To" instead of "In order to" (here and 2 more times below).
 */

import type { Root } from 'mdast';
import { readDataLines } from '../kit/data-files.js';
import { matchCase, opensSentence, placeOf, proseBlocks, wordRuns, type ProseBlock, type Token } from '../kit/prose.js';
import { PhraseMatcher, parsePattern, type PhrasePattern } from '../kit/phrases.js';
import { defineRule } from '../kit/rule.js';

const OFTEN = 'often:';
// Uses of an "often:" phrase that make it a habit worth one comment.
const HABIT = 3;

let loaded: { matcher: PhraseMatcher; often: Set<PhrasePattern> } | undefined;

function load(): { matcher: PhraseMatcher; often: Set<PhrasePattern> } {
  const often = new Set<PhrasePattern>();
  const patterns = readDataLines('wordy-phrases.txt').map((line) => {
    const habit = line.startsWith(OFTEN);
    const pattern = parsePattern(habit ? line.slice(OFTEN.length).trim() : line);
    if (habit) often.add(pattern);
    return pattern;
  });
  return { matcher: new PhraseMatcher(patterns), often };
}

interface Hit {
  block: ProseBlock;
  pattern: PhrasePattern;
  tokens: Token[];
}

const wordyPhrase = defineRule({ id: 'wordy-phrase', severity: 'info', docs: import.meta.url }, (tree, file) => {
  loaded ??= load();
  const { matcher, often } = loaded;
  const hits: Hit[] = [];
  for (const block of proseBlocks(tree, file)) {
    for (const sentence of block.sentences) {
      const runs = wordRuns(sentence);
      for (const { pattern, tokens } of matcher.match(runs, (run) => opensSentence(sentence, run[0]!))) {
        hits.push({ block, pattern, tokens });
      }
    }
  }
  const uses = new Map<PhrasePattern, number>();
  for (const hit of hits) uses.set(hit.pattern, (uses.get(hit.pattern) ?? 0) + 1);
  const reported = new Set<PhrasePattern>();
  for (const { block, pattern, tokens } of hits) {
    const count = uses.get(pattern) ?? 0;
    if (often.has(pattern) && (count < HABIT || reported.has(pattern))) continue;
    reported.add(pattern);
    const written = block.text.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end).replace(/\s+/g, ' ');
    const shorter = matchCase(written, pattern.replacement);
    const more = count - 1;
    const again = !often.has(pattern) ? '' : more === 1 ? ' (here and once more below)' : ` (here and ${more} more times below)`;
    const reason =
      shorter === ''
        ? `I'd drop "${written}" and say it straight away${again}.`
        : `I'd write "${shorter}" instead of "${written}"${again}.`;
    const message = file.message(reason, { place: placeOf(block, tokens[0]!.start) });
    message.expected = [shorter];
  }
});

export default wordyPhrase;
