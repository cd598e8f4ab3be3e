/**
 * review-post:spelling
 *
 * Flags misspelled words in prose and says what to write instead. A plain
 * dictionary check would drown a technical post in names and jargon, so a
 * word is only flagged when the correction is clear: it is a known
 * misspelling (cspell's curated list, which takes in codespell's), a name
 * written with the wrong case ("Github" for "GitHub"), one slip away from a
 * word that the post itself uses several times or that the vocabulary has
 * ("unikernal" next to "unikernel"), or, for a lower-case word that is in no
 * dictionary and no vocabulary and occurs once, one slip away from exactly
 * one dictionary word. Code, URLs, link targets and front matter are not
 * prose; quotes, tables, short list items (lists of names), handles and a
 * word set apart in emphasis (a pun: "*fantestic*") are left alone. Terms of the post's repository go
 * in `.review-post/vocabulary.txt`.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   The unikernel boots from virtio-fs: see `virtiofsd --help`, or
 *   [the docs](https://example.org/recieve) on GitHub. Each unikernel is small.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   The host shares its file system with the guest, and we recieve the
 *   files from Github. Each nanovisor runs one application, a nanovisor
 *   has no processes, and the nanvisor boots fast. Each unikernel is small,
 *   a unikernal too. The guest acesses them through the DAX window.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:56-4:64: Typo: "recieve" should be "receive".
 *   2:12-4:64: Typo: "Github" should be "GitHub".
 *   3:27-4:64: Typo: "nanvisor" should be "nanovisor", as elsewhere in the post.
 *   4:3-4:64: Typo: "unikernal" should be "unikernel".
 *   4:28-4:64: Typo: "acesses" should be "accesses".
 *
 * @example
 *   {"name": "not-ok-vocabulary.md", "label": "input", "config": {"vocabulary": ["Zorbatron"]}}
 *
 *   The Zorbatron boots and Zorbtaron follows.
 * @example
 *   {"name": "not-ok-vocabulary.md", "label": "output"}
 *
 *   1:25-1:43: Typo: "Zorbtaron" should be "Zorbatron".
 */

import type { Root } from 'mdast';
import { linkAt, matchCase, placeOf, proseBlocks, type ProseBlock } from '../kit/prose.js';
import { derived, dictionaryWord, isWord, likelyCorrection, listedMisspelling } from '../kit/lexicon.js';
import { vocabularyFor, type Vocabulary } from '../kit/vocabulary.js';
import { defineRule } from '../kit/rule.js';

export interface Options {
  /** Terms to accept instead of the default and repository vocabularies. */
  vocabulary?: readonly string[];
}

interface Part {
  block: ProseBlock;
  text: string;
  start: number;
  /** First word of its sentence, where any word is capitalised. */
  opening: boolean;
  /**
   * Where no guess is made: a short list item (a list of names), a word
   * after "@" (a handle), a sentence of mostly unknown words ("Attending:
   * alexcrichton, kennytm, ..."), a compound with an unknown part
   * ("SIMD-ified").
   */
  noGuess: boolean;
}

// Tokens with these are identifiers, paths, versions or addresses, not words.
const NOT_A_WORD = /[\d_./\\@:+=<>#$%&*~|^]/;
// Near-misses of dictionary words only for words this long: shorter ones
// have too many neighbours to guess from.
const MIN_GUESSED = 5;
// A word used this often in one post is its jargon, not a slip.
const MIN_NAME_USES = 2;
// Unknown words looked into per post (the corpus: a median of 3, at most
// 209); a text with many more is no prose, and each costs a search.
// Longer than any word in the dictionaries (and than "Donaudampfschifffahrt").
const MAX_WORD = 40;
const MAX_UNKNOWN = 1000;

// Endings written after a hyphen ("SIMD-ified").
const HYPHEN_SUFFIX = new Set(
  'able ability er ers esque ification ified ify ifying isation ise ish ising ism ization ize izing like ness'.split(' '),
);
// A list item this short is a label or a name ("- Haiko Schol").
const MAX_LABEL_WORDS = 5;
// A sentence with at least this share of unknown words is a list of names or code.
const MAX_UNKNOWN_SHARE = 0.5;

function partsOf(blocks: ProseBlock[], known: (w: string) => boolean): Part[] {
  const parts: Part[] = [];
  for (const block of blocks) {
    const words = block.sentences.reduce((n, s) => n + s.tokens.filter((t) => t.kind === 'word').length, 0);
    const label = block.list && words <= MAX_LABEL_WORDS;
    for (const sentence of block.sentences) {
      const tokens = sentence.tokens.filter((t) => t.kind === 'word');
      const unknown = tokens.filter((t) => !known(t.value)).length;
      const soup = tokens.length >= 4 && unknown / tokens.length >= MAX_UNKNOWN_SHARE;
      let opening = true;
      let previous = '';
      for (const token of sentence.tokens) {
        const after = previous;
        previous = token.value;
        if (token.kind !== 'word') {
          if (token.kind !== 'white') opening = opening && /^["“‘'(*_]+$/.test(token.value);
          continue;
        }
        if (!NOT_A_WORD.test(token.value)) {
          // Hyphenated compounds are checked part by part ("host-guest").
          const pieces = token.value.split('-');
          const strange = (p: string): boolean => p.length > 3 && !known(p);
          const strangeCount = pieces.filter(strange).length;
          let offset = token.start;
          for (const piece of pieces) {
            // Another long unknown part makes the compound a name ("Zephyr-zbus").
            const odd = strangeCount - (strange(piece) ? 1 : 0) > 0;
            const noGuess = label || soup || odd || after === '@' || (piece !== pieces[0] && HYPHEN_SUFFIX.has(piece));
            if (/\p{L}/u.test(piece)) parts.push({ block, text: piece, start: offset, opening, noGuess });
            offset += piece.length + 1;
          }
        }
        opening = false;
      }
    }
  }
  return parts;
}

const termIndexes = new WeakMap<Vocabulary, Map<string, string>>();

/** Lower-cased spelling → spelling, for the near-misses of terms. */
function termIndex(vocabulary: Vocabulary, parts: Part[]): { terms: Map<string, string>; names: Map<string, string> } {
  let terms = termIndexes.get(vocabulary);
  if (!terms) {
    terms = new Map<string, string>();
    for (const term of vocabulary.terms) {
      for (const piece of term.split(/[\s/-]+/)) if (piece.length >= MIN_GUESSED) terms.set(piece.toLowerCase(), piece);
    }
    termIndexes.set(vocabulary, terms);
  }
  // The post's own jargon: words in no dictionary that it uses several times.
  const uses = new Map<string, { spelling: string; count: number }>();
  for (const part of parts) {
    const key = part.text.toLowerCase();
    const entry = uses.get(key);
    if (entry) entry.count++;
    else uses.set(key, { spelling: part.text, count: 1 });
  }
  const names = new Map<string, string>();
  for (const [key, { spelling, count }] of uses) {
    if (count >= MIN_NAME_USES && key.length >= MIN_GUESSED && !isWord(spelling)) names.set(key, spelling);
  }
  return { terms, names };
}

/** Only the end differs: a plural, a suffix or another word built on this one ("virtiofsd"). */
function differsAtEnd(word: string, candidate: string): boolean {
  const a = word.toLowerCase();
  const b = candidate.toLowerCase();
  return a.startsWith(b) || b.startsWith(a);
}

/** Capitals where the term has them: "Matos" is no slip for "macOS", "Scrace" none for "strace". */
function sameShape(word: string, term: string, opening: boolean): boolean {
  const capital = (s: string): boolean => s[0] !== s[0]!.toLowerCase();
  const inner = (s: string): boolean => /.\p{Lu}/u.test(s);
  const first = capital(word) === capital(term) || (opening && !capital(term));
  return first && inner(word) === inner(term);
}

const spelling = defineRule<Options>({ id: 'spelling', severity: 'warning', docs: import.meta.url, options: { vocabulary: 'strings' } }, (tree, file, options) => {
  const vocabulary = vocabularyFor(file, options?.vocabulary);

  const seen = new Map<string, boolean>();
  const known = (w: string): boolean => {
    let ok = seen.get(w);
    if (ok === undefined) {
      ok = vocabulary.accepts(w) || isWord(w);
      seen.set(w, ok);
    }
    return ok;
  };
  const parts = partsOf(proseBlocks(tree, file), known);
  const counts = new Map<string, number>();
  for (const part of parts) counts.set(part.text.toLowerCase(), (counts.get(part.text.toLowerCase()) ?? 0) + 1);
  let index: ReturnType<typeof termIndex> | undefined;

  const reported = new Map<string, { part: Part; correction: string; reason: string; more: number }>();
  const report = (part: Part, correction: string, note = ''): void => {
    const key = part.text;
    const seen = reported.get(key);
    if (seen) seen.more++;
    else reported.set(key, { part, correction, reason: note, more: 0 });
  };

  const doc = String(file.value);
  let unknown = 0;
  for (const part of parts) {
    const word = part.text;
    // No English word is this long; guessing corrections for one costs time
    // in the square of its length (a 1 MB "word" took 13 s).
    if (word.length > MAX_WORD) continue;
    const lower = word.toLowerCase();
    // A word set apart in emphasis on its own is meant as written ("simply *fantestic*": a pun).
    const before = doc[(part.block.point(part.start).offset ?? 1) - 1];
    const after = doc[part.block.endPoint(part.start + word.length).offset ?? 0];
    if ((before === '*' || before === '_') && before === after) continue;
    // A link to the thing's own page spells its name ("[reqwest](https://crates.io/crates/reqwest)").
    if (linkAt(part.block, part.start)?.toLowerCase().includes(lower)) continue;
    const casing = vocabulary.casing(word);
    if (casing !== undefined && !isWord(word)) {
      report(part, casing);
      continue;
    }
    if (known(word)) continue;
    // A capital inside a sentence makes a name, and names are not in the lists.
    const plain = word === lower || (part.opening && word.slice(1) === lower.slice(1));
    if (++unknown > MAX_UNKNOWN) break;
    const listed = plain && !part.noGuess ? listedMisspelling(word) : undefined;
    if (listed !== undefined) {
      report(part, matchCase(word, listed));
      continue;
    }
    if (part.noGuess || !/^\p{L}+$/u.test(word) || word.length < MIN_GUESSED || derived(word, known)) continue;
    index ??= termIndex(vocabulary, parts);
    const { terms, names } = index;
    const useCount = counts.get(lower) ?? 0;
    if (names.has(lower)) continue;
    const nameMatch = likelyCorrection(word, (c) => names.get(c));
    if (nameMatch !== undefined && !differsAtEnd(word, nameMatch) && useCount < (counts.get(nameMatch.toLowerCase()) ?? 0)) {
      report(part, part.opening ? matchCase(word, nameMatch) : nameMatch, ', as elsewhere in the post');
      continue;
    }
    if (useCount > 1 || word === word.toUpperCase()) continue;
    const termMatch = likelyCorrection(word, (c) => terms.get(c));
    if (termMatch !== undefined && !differsAtEnd(word, termMatch) && sameShape(word, termMatch, part.opening)) {
      report(part, part.opening ? matchCase(word, termMatch) : termMatch);
      continue;
    }
    // Capitalised words are mostly names, even opening a sentence.
    if (word !== lower) continue;
    const guess = likelyCorrection(lower, dictionaryWord);
    if (guess !== undefined && !(word.length > guess.length && differsAtEnd(word, guess))) {
      report(part, matchCase(word, guess));
    }
  }

  for (const { part, correction, reason, more } of reported.values()) {
    const again = more === 0 ? '' : more === 1 ? ' (here and once more below)' : ` (here and ${more} more times below)`;
    const message = file.message(`Typo: "${part.text}" should be "${correction}"${reason}${again}.`, {
      place: placeOf(part.block, part.start),
    });
    message.expected = [correction];
  }
});

export default spelling;
