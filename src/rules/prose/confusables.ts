/**
 * review-post:confusables
 *
 * Flags a word mixed up with its homophone or written without its
 * apostrophe, only in contexts where the wrong one is certain: "This is
 * were ..." (where), "its a" (it's), "on it's own" (its), "more then"
 * (than), "could of" (have), "dont" (don't), "to setup the" (set up), and
 * "a"/"an" before a dictionary word, an acronym or a number that plainly
 * takes the other ("a LLVM pass", "a SVM region", "a 8-bit value"). The
 * context patterns are in data/confusables.txt; a bare word is never
 * banned, so "its own" and "the setup" pass.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   This is where unikernels come in. The guest keeps its own page cache,
 *   and it's faster than before. You could of course set up the device by
 *   hand: the setup is an easy one, and a unikernel boots in a second.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   This is were unikernels come in: its a small image, and it boots faster
 *   then a container.
 *
 *   The guest keeps it's own page cache. You could of used an other cache,
 *   but that is a expensive choice.
 *
 *   It runs a LLVM pass on a 8-bit value of a SCSI disk, an SVM and a NUMA node.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:9-2:18: Typo: "were" should be "where" here.
 *   1:34-2:18: Typo: "its" should be "it's" here.
 *   2:1-2:18: Typo: "then" should be "than" here.
 *   4:17-5:32: Typo: "it's" should be "its" here.
 *   4:48-5:32: Typo: "of" should be "have" here.
 *   4:56-5:32: Typo: "an other" should be "another" here.
 *   5:13-5:32: Typo: "a expensive" should be "an expensive".
 *   7:9-7:77: Typo: "a LLVM" should be "an LLVM".
 *   7:24-7:77: Typo: "a 8-bit" should be "an 8-bit".
 */

import type { Root } from 'mdast';
import { readDataLines } from '../kit/data-files.js';
import { isCommonWord } from '../kit/lexicon.js';
import { matchCase, norm, opensSentence, proseBlocks, reportSlip, wordRuns, type Token } from '../kit/prose.js';
import { PhraseMatcher, parsePattern } from '../kit/phrases.js';
import { defineRule } from '../kit/rule.js';

let matcher: PhraseMatcher | undefined;

// Words after "a" that make it a letter or a variable ("if a and b ...").
const NOT_AFTER_A = new Set(['and', 'or', 'is', 'are', 'as', 'at', 'of', 'on', 'in', 'if', 'into', 'onto', 'else', 'equals', 'an', 'a']);
// Vowel letters read with a consonant sound: "a one-off", "a European".
const CONSONANT_SOUND = /^(?:one|once|eu|ewe|uni(?!n)|use|usu|uti|ura|uri)/;
// Consonant letters read with a vowel sound, and silent h: "an hour".
const VOWEL_SOUND = /^(?:hour|honest|honou?r|heir)/;

// Letters whose names start with a vowel sound ("ef", "aitch", "el", ...):
// an acronym read letter by letter takes "an" after them ("an LLVM", "an RFC").
const VOWEL_NAMES = new Set('AEFHILMNORSX');
// Acronyms said as words although they look spelled out ("a SQL query": "sequel").
const SAID_AS_WORDS = new Set(['SQL', 'SCSI']);

/**
 * The article an acronym or a number takes, when its sound is sure: an
 * acronym starting with A, E, I or O takes "an", one starting with a letter
 * whose name sounds a consonant "a", whichever way it is read; one starting
 * with F, H, L, M, N, R, S or X takes "an" when it cannot be said as a word
 * ("an SVM", "an FPGA", but "a NUMA node", "a SCSI disk"). A number takes
 * "an" before eight, eleven and eighteen ("an 8-bit", "an 11-year").
 */
function soundArticle(word: string): 'a' | 'an' | undefined {
  if (/^\d/.test(word)) {
    if (/^8/.test(word) || /^1[18](?![\d.,])/.test(word)) return 'an';
    return /^[1-79]/.test(word) && !/^1[18]/.test(word) ? 'a' : undefined;
  }
  if (!/^[A-Z][A-Z0-9]{1,5}s?$/.test(word) || SAID_AS_WORDS.has(word.replace(/s$/, ''))) return undefined;
  const first = word[0]!;
  if ('AEIO'.includes(first)) return 'an';
  if (!VOWEL_NAMES.has(first)) return 'a';
  // Said as a word when a vowel comes early after an opening English words have ("NUMA", "SCSI", "RAM").
  const letters = word.replace(/[0-9s]+$/, '').toLowerCase();
  const sayable = /^[a-z]?[aeiou]/.test(letters) || (ONSET_PAIRS.has(letters.slice(0, 2)) && /^..[aeiou]/.test(letters));
  return sayable ? undefined : 'an';
}
const ONSET_PAIRS = new Set('sc sk sl sm sn sp st sw fl fr ml'.split(' '));

/** The article that `word` takes, when its spelling tells for sure. */
function articleFor(word: string): 'a' | 'an' | undefined {
  // Letters read one by one ("an npm package") have no vowel, or are no common word.
  if (!/^[a-z]{2,}$/.test(word) || !/[aeiouy]/.test(word) || !isCommonWord(word)) return undefined;
  if (VOWEL_SOUND.test(word)) return 'an';
  if (CONSONANT_SOUND.test(word)) return 'a';
  if (/^[aeio]/.test(word)) return 'an';
  // h, u, x and y can go either way ("an hour", "an update", "an x86 box", "a yak").
  if (/^[bcdfgjklmnpqrstvwz]/.test(word)) return 'a';
  return undefined;
}

const confusables = defineRule({ id: 'confusables', severity: 'warning', docs: import.meta.url }, (tree, file) => {
  matcher ??= new PhraseMatcher(readDataLines('confusables.txt').map(parsePattern));
  for (const block of proseBlocks(tree, file)) {
    for (const sentence of block.sentences) {
      const runs = wordRuns(sentence);
      const taken = new Set<Token>();
      for (const { pattern, tokens } of matcher.match(runs, (run) => opensSentence(sentence, run[0]!))) {
        const first = tokens[0]!;
        const written = block.text.slice(first.start, tokens[tokens.length - 1]!.end).replace(/\s+/g, ' ');
        const right = matchCase(written, pattern.replacement);
        const end = tokens[tokens.length - 1]!.end;
        reportSlip(file, block, first.start, `Typo: "${written}" should be "${right}" here.`, right, { start: first.start, end, text: right });
        for (const t of tokens) taken.add(t);
      }
      for (const run of runs) {
        for (let i = 0; i + 1 < run.length; i++) {
          const article = run[i]!;
          const next = run[i + 1]!;
          const written = norm(article.value);
          if ((written !== 'a' && written !== 'an') || taken.has(article)) continue;
          if (article.value !== written && !opensSentence(sentence, article)) continue;
          if (written === 'a' && NOT_AFTER_A.has(next.value)) continue;
          const right = articleFor(next.value) ?? soundArticle(next.value);
          if (right === undefined || right === written) continue;
          const phrase = `${matchCase(article.value, right)} ${next.value}`;
          const fix = { start: article.start, end: article.end, text: matchCase(article.value, right) };
          reportSlip(file, block, article.start, `Typo: "${article.value} ${next.value}" should be "${phrase}".`, phrase, fix);
        }
      }
    }
  }
});

export default confusables;
