/**
 * review-post:doubled-words
 *
 * Flags a word written twice in a row ("the the"), often across a line
 * break where it is hard to see, and two prepositions that clash ("based of
 * off FreeBSD's"). Doubles that English allows ("had had", "that that",
 * "what it is is", "we did did"), emphatic runs ("long long long ago"),
 * laughs ("ha ha"), names ("Bora Bora") and a word repeated in emphasis
 * ("it may actually *actually* work") are left alone; so are pairs with
 * punctuation between them.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   It turns out that that second step had had no effect: what it is is a
 *   cache. A long long long time ago, Bora Bora was far away (ha ha).
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   Look through the
 *   the list of ideas. The stack is based of
 *   off FreeBSD's, and it it is fast.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:14-3:34: Typo: "the the": one "the" is enough.
 *   2:39-3:34: Typo: "of off" has one preposition too many; I'd write "based on" here.
 *   3:20-3:34: Typo: "it it": one "it" is enough.
 */

import type { Root } from 'mdast';
import type { TextEdit } from '../../core/types.js';
import { attachFix } from '../kit/context.js';
import { norm, opensSentence, proseBlocks, replacement, reportSlip, wordRuns } from '../kit/prose.js';
import { defineRule } from '../kit/rule.js';

// Words that English allows twice: "had had", "that that", "we did did".
const ALLOWED = new Set(
  'had that do does did blah bla bye ha haha ah oh ho no so very really many much long yeah yes choo knock tut beep yadda hush la'.split(
    ' ',
  ),
);
// Function words: capitalised twice they are still a slip ("The The").
const FUNCTION = new Set('a an the of to in on at by for with and or but is are was were it this that as from'.split(' '));
// Prepositions that cannot follow each other, and the one to keep.
const CLASHES = new Map([
  ['of off', 'off'],
  ['in into', 'into'],
  ['on onto', 'onto'],
  ['by via', 'via'],
  ['via by', 'via'],
]);

const doubledWords = defineRule({ id: 'doubled-words', severity: 'warning', docs: import.meta.url }, (tree, file) => {
  const doc = String(file.value);
  for (const block of proseBlocks(tree, file)) {
    for (const sentence of block.sentences) {
      for (const run of wordRuns(sentence)) {
        for (let i = 0; i + 1 < run.length; i++) {
          const first = run[i]!;
          const second = run[i + 1]!;
          const a = norm(first.value);
          const b = norm(second.value);
          const clash = CLASHES.get(`${a} ${b}`);
          if (clash !== undefined) {
            const before = i > 0 ? norm(run[i - 1]!.value) : '';
            const right = before === 'based' ? 'based on' : clash;
            const reason = `Typo: "${first.value} ${second.value}" has one preposition too many; I'd write "${right}" here.`;
            const message = reportSlip(file, block, first.start, reason, right);
            // One preposition goes with the white space before it, so that line breaks stay;
            // "based of off" keeps "based" and makes "off" "on".
            const drop = clash === b || before === 'based' ? first : second;
            const gap = sentence.tokens[sentence.tokens.indexOf(drop) - 1];
            const edits = [
              gap?.kind === 'white' ? replacement(block, gap.start, drop.end, '') : undefined,
              ...(before === 'based' ? [replacement(block, second.start, second.end, 'on')] : []),
            ];
            if (edits.every((e): e is TextEdit => e !== undefined)) attachFix(message, edits);
            continue;
          }
          if (a !== b || !/^\p{L}+(?:['’]\p{L}+)?$/u.test(first.value)) continue;
          if (ALLOWED.has(a) || (a.length === 1 && a !== 'a')) continue;
          // Three or more in a row are meant ("done done done").
          if ((i > 0 && norm(run[i - 1]!.value) === a) || (i + 2 < run.length && norm(run[i + 2]!.value) === a)) continue;
          // "what it is is", "this is is" is a slip.
          if (a === 'is' && i > 0 && ['it', 'what'].includes(norm(run[i - 1]!.value))) continue;
          // Set apart by emphasis, the second one is meant ("may actually *actually* work").
          const marker = doc[(block.point(second.start).offset ?? 1) - 1];
          if (marker === '*' || marker === '_') continue;
          const capital = (s: string): boolean => s[0] !== s[0]!.toLowerCase();
          const name = capital(second.value) && (capital(first.value) || !opensSentence(sentence, first));
          if (name && !FUNCTION.has(a)) continue;
          // The fix keeps the first as written: it carries the capital a sentence may open with.
          const reason = `Typo: "${first.value} ${second.value}": one "${second.value}" is enough.`;
          reportSlip(file, block, first.start, reason, second.value, { start: first.start, end: second.end, text: first.value });
        }
      }
    }
  }
});

export default doubledWords;
