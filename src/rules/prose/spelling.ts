/**
 * review-post:spelling
 *
 * Flags misspelled words in prose and says what to write instead. A plain
 * dictionary check would drown a technical post in names and jargon, so a
 * word is only flagged when the correction is clear: it is a known
 * misspelling (cspell's curated list, which takes in codespell's), a name
 * written with the wrong case ("Github" for "GitHub", "RUst" for "Rust"),
 * one slip away from a word that the post itself uses several times or that
 * the vocabulary or the site has ("unikernal" next to "unikernel"), or one
 * slip (a letter added, dropped, changed, or two swapped, the first letter
 * too) away from words of which one clearly wins: ranked by how common each
 * is in English and how often the post writes it ("devies" is "devices" in
 * a post that writes "devices" nineteen times, and no guess in one that does
 * not). Headings, list items and words opening a sentence are checked too;
 * names are told apart by evidence, not by place: a capital inside a
 * sentence, a capitalised neighbour ("Pascal Hertief"), repeated use, the
 * vocabulary and the site's own words. Such a word is only corrected on
 * strong evidence (a listed misspelling, a transposition of a common word,
 * the right spelling elsewhere in the post). Every occurrence is flagged,
 * with the fix for `--fix`; a typo in a block quote is pointed out (the
 * original may have it) but not fixed. Code, URLs, link targets and front
 * matter are not prose; tables, handles and a word set apart in emphasis (a
 * pun: "*fantestic*") are left alone. Terms of the post's repository go in
 * `.review-post/vocabulary.txt`.
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
import { contextOf, type SiteWords } from '../kit/context.js';
import { linkAt, matchCase, proseBlocks, quotedBlocks, reportSlip, type ProseBlock, type Token } from '../kit/prose.js';
import { derived, dictionaryWord, frequency, isCommonWord, isProperName, isWord, likelyCorrection, listedMisspelling, rankedCandidates, type Ranked } from '../kit/lexicon.js';
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
  /** In a heading or list item written in title case, where a capital tells nothing. */
  titleCase: boolean;
  /** Next to a person's name: part of one ("Pascal Hertief"). */
  nameNeighbour: boolean;
  /** In a quote of a sentence the post itself has: not another use of its words. */
  echo?: boolean;
  /**
   * Where no guess is made: a word after "@" (a handle), a short list item
   * of names ("- Graydon Hoare", "* vegai"), a sentence of mostly unknown
   * words ("Attending: alexcrichton, kennytm, ..."), a compound with an
   * unknown part ("SIMD-ified"), a prefix ("intra-doc"), one of words
   * joined by slashes ("llacq/screl").
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
// Longer than any word in the dictionaries (and than "Donaudampfschifffahrt").
const MAX_WORD = 40;
// Unknown words looked into per post (the corpus: a median of 3, at most
// 209); a text with many more is no prose, and each costs a search.
const MAX_UNKNOWN = 1000;
// The winner must be this much likelier than the next candidate, in the
// base-2 units of `frequency`: eight times.
const MARGIN = 3;
// How common a word must be for its "RUst" form to be a slip (256 in 51 million words).
const SHIFT_COMMON = 8;
// A capitalised word opening a sentence is corrected to a word seen 32 times in 51 million.
const COMMON_OPENING = 5;
// Names are short: a capitalised word this long, one slip from a word, is
// that word ("the Infrastrucure Team").
const LONG = 9;
// What the post's own use of a candidate weighs, per doubling of its count.
const POST_WEIGHT = 3;
// What a site's use weighs, per doubling of the posts that write it.
const SITE_WEIGHT = 2;
// A site term written in this many posts is the site's jargon.
const SITE_JARGON = 2;
// A capitalised word, a name unless shown otherwise, is corrected to a
// common word only (seen 128 times in 51 million words) or to one the post uses.
const COMMON = 7;

// Endings written after a hyphen ("SIMD-ified").
const HYPHEN_SUFFIX = new Set(
  'able ability er ers esque ification ified ify ifying isation ise ish ising ism ization ize izing like ness'.split(' '),
);
// A list item this short can be a name ("- Haiko Schol").
const MAX_LABEL_WORDS = 5;
// Prefixes, written with a hyphen ("intra-doc", "non-zero") or apart ("intra doc links").
const PREFIXES = new Set('anti co counter cross de inter intra meta micro multi non post pre pro re semi sub super un'.split(' '));
// A sentence with more than this share of unknown words is a list of names or code.
const MAX_UNKNOWN_SHARE = 0.5;
// Share of capitalised words that makes a heading or list item title case.
const TITLE_SHARE = 0.6;

const capitalised = (s: string): boolean => s[0] !== s[0]!.toLowerCase();

/** A heading or list item whose longer words are mostly capitalised ("Draining a High Performance Node"). */
function titleCased(block: ProseBlock): boolean {
  if (!block.heading && !block.list) return false;
  const words = block.sentences.flatMap((s) => s.tokens.filter((t) => t.kind === 'word' && t.value.length > 3));
  return words.length >= 2 && words.filter((t) => capitalised(t.value)).length / words.length >= TITLE_SHARE;
}

function partsOf(blocks: ProseBlock[], known: (w: string) => boolean): Part[] {
  const parts: Part[] = [];
  for (const block of blocks) {
    const titleCase = titleCased(block);
    // A short list item of names and handles only ("- Graydon Hoare", "* vegai"): a list of people.
    const words = block.sentences.flatMap((s) => s.tokens.filter((t) => t.kind === 'word'));
    // A capitalised common word opening the item ("* Polishing diagnoxtics") is no name.
    const nameLike = (t: Token, i: number): boolean =>
      !known(t.value) || (capitalised(t.value) && (i > 0 || isProperName(t.value) || !isCommonWord(t.value.toLowerCase())));
    const names = block.list && words.length <= MAX_LABEL_WORDS && words.every(nameLike);
    for (const sentence of block.sentences) {
      // Only words count: "Disk space exaustion (CVE-2022-36114)" is no list of names.
      const tokens = sentence.tokens.filter((t) => t.kind === 'word' && /^\p{L}+$/u.test(t.value));
      const unknown = tokens.filter((t) => !known(t.value)).length;
      const soup = tokens.length >= 4 && unknown / tokens.length > MAX_UNKNOWN_SHARE;
      let opening = true;
      let previous = '';
      const all = sentence.tokens;
      // A person's name next to this word, that only white space separates
      // from it: a capitalised word that is no common word in lower case
      // ("Aaron") or a name the dictionary knows ("Pascal", "Mike").
      const neighbour = (i: number, step: -1 | 1): boolean => {
        const gap = all[i + step];
        const other = all[i + 2 * step];
        if (gap?.kind !== 'white' || other?.kind !== 'word' || !capitalised(other.value)) return false;
        return isProperName(other.value) || !isCommonWord(other.value.toLowerCase());
      };
      all.forEach((token: Token, i: number) => {
        const after = previous;
        previous = token.value;
        if (token.kind !== 'word') {
          if (token.kind !== 'white') opening = opening && /^["“‘'(*_]+$/.test(token.value);
          return;
        }
        if (!NOT_A_WORD.test(token.value)) {
          // Only an unknown capitalised word needs to know its neighbours.
          const nameNeighbour = capitalised(token.value) && !known(token.value) && (neighbour(i, -1) || neighbour(i, 1));
          // Hyphenated compounds are checked part by part ("host-guest").
          const pieces = token.value.split('-');
          const strange = (p: string): boolean => p.length > 3 && !known(p);
          const strangeCount = pieces.filter(strange).length;
          let offset = token.start;
          for (const piece of pieces) {
            // Another long unknown part makes the compound a name ("Zephyr-zbus").
            const odd = strangeCount - (strange(piece) ? 1 : 0) > 0;
            // "intra-doc", "llacq/screl": a prefix, or one of unknown words joined by a slash.
            const affix = (piece !== pieces[0] && HYPHEN_SUFFIX.has(piece)) || (piece === pieces[0] && PREFIXES.has(piece.toLowerCase()));
            const unknownBeyond = (step: -1 | 1): boolean =>
              all[i + step]?.value === '/' && all[i + 2 * step]?.kind === 'word' && !known(all[i + 2 * step]!.value);
            const slashed = unknownBeyond(-1) || unknownBeyond(1);
            const noGuess = names || soup || odd || affix || slashed || after === '@';
            if (/\p{L}/u.test(piece)) {
              parts.push({ block, text: piece, start: offset, opening: opening && piece === pieces[0], titleCase, nameNeighbour, noGuess });
            }
            offset += piece.length + 1;
          }
        }
        opening = false;
      });
    }
  }
  return parts;
}

const termIndexes = new WeakMap<Vocabulary, Map<string, string>>();

/** Lower-cased spelling → spelling, for the near-misses of terms. */
function termIndex(
  vocabulary: Vocabulary,
  parts: Part[],
  counts: ReadonlyMap<string, number>,
  site: SiteWords | undefined,
): { terms: Map<string, string>; names: Map<string, string> } {
  let terms = termIndexes.get(vocabulary);
  if (!terms) {
    terms = new Map<string, string>();
    for (const term of vocabulary.terms) {
      for (const piece of term.split(/[\s/-]+/)) if (piece.length >= MIN_GUESSED) terms.set(piece.toLowerCase(), piece);
    }
    termIndexes.set(vocabulary, terms);
  }
  if (site) {
    terms = new Map(terms);
    for (const [key, { spelling, posts }] of site.terms) {
      if (posts >= SITE_JARGON && key.length >= MIN_GUESSED && !terms.has(key)) terms.set(key, spelling);
    }
  }
  // The post's own jargon: words in no dictionary that it uses several times,
  // in their usual spelling there (a capital that opens a heading is not it).
  const uses = new Map<string, Map<string, number>>();
  for (const part of parts) {
    if (part.echo) continue;
    const key = part.text.toLowerCase();
    const spellings = uses.get(key) ?? new Map<string, number>();
    // Where a capital is asked for, the spelling counts for less.
    spellings.set(part.text, (spellings.get(part.text) ?? 0) + (part.opening || part.titleCase ? 0.5 : 1));
    uses.set(key, spellings);
  }
  const names = new Map<string, string>();
  for (const [key, spellings] of uses) {
    const count = counts.get(key) ?? 0;
    const [spelling] = [...spellings].sort((a, b) => b[1] - a[1])[0]!;
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
  const inner = (s: string): boolean => /.\p{Lu}/u.test(s);
  const first = capitalised(word) === capitalised(term) || (opening && !capitalised(term));
  return first && inner(word) === inner(term);
}

/** The site's own spelling of a name written with other capitals ("Kubevirt" where it writes "KubeVirt"). */
function siteCasing(site: SiteWords | undefined, word: string): string | undefined {
  if (!site || word === word.toLowerCase() || word === word.toUpperCase()) return undefined;
  const term = site.terms.get(word.toLowerCase());
  if (!term || term.posts < SITE_JARGON || term.spelling === word || !/.\p{Lu}/u.test(term.spelling)) return undefined;
  return term.spelling;
}

/** "21th" for "21st": the right ending of an ordinal written in figures, when the written one is wrong. */
function ordinal(word: string): string | undefined {
  const m = /^(\d{1,9})(st|nd|rd|th)$/.exec(word);
  if (!m) return undefined;
  const n = Number(m[1]);
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const ending = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return ending === m[2] ? undefined : `${m[1]}${ending}`;
}

/**
 * "RUst", "THe": the shift key held one letter too long, on a word written
 * with one capital: a term of the vocabulary or a common word. Names written
 * so on purpose ("CMake", "GLib", "OSes") are neither, or are in the vocabulary.
 */
function shiftSlip(word: string, vocabulary: Vocabulary): string | undefined {
  if (!/^\p{Lu}{2}\p{Ll}{2,}$/u.test(word) || vocabulary.terms.includes(word)) return undefined;
  const right = word[0]! + word.slice(1).toLowerCase();
  const lower = right.toLowerCase();
  return vocabulary.terms.includes(right) || frequency(lower) >= SHIFT_COMMON ? right : undefined;
}

/**
 * A plural or possessive built by the wrong rule: "prefixs" (prefixes),
 * "librarys" (libraries), "teams's" (teams').
 */
function wrongEnding(word: string): string | undefined {
  const possessive = /^(\p{Ll}{3,}[^su]s)['’]s$/u.exec(word);
  if (possessive) {
    const plural = possessive[1]!;
    return isCommonWord(plural) && isCommonWord(plural.slice(0, -1)) ? `${plural}${word.at(-2)}` : undefined;
  }
  if (!/^\p{Ll}{4,}s$/u.test(word) || isWord(word)) return undefined;
  const base = word.slice(0, -1);
  if (/(?:s|x|z|ch|sh)$/.test(base) && isCommonWord(base) && isCommonWord(`${base}es`)) return `${base}es`;
  if (/[^aeiou]y$/.test(base) && isCommonWord(base) && isCommonWord(`${base.slice(0, -1)}ies`)) return `${base.slice(0, -1)}ies`;
  return undefined;
}

const spelling = defineRule<Options>({ id: 'spelling', severity: 'warning', docs: import.meta.url, options: { vocabulary: 'strings' } }, (tree, file, options) => {
  const vocabulary = vocabularyFor(file, options?.vocabulary);
  const site = contextOf(file).site?.words;

  const seen = new Map<string, boolean>();
  const known = (w: string): boolean => {
    let ok = seen.get(w);
    if (ok === undefined) {
      ok = vocabulary.accepts(w) || isWord(w) || (site?.terms.get(w.toLowerCase())?.posts ?? 0) >= SITE_JARGON;
      seen.set(w, ok);
    }
    return ok;
  };
  const blocks = proseBlocks(tree, file);
  // Quotes are someone else's words: a typo there is pointed out, never fixed.
  const quotes = quotedBlocks(tree, file);
  const quoted = new Set(quotes);
  const parts = partsOf(blocks, known);
  if (quotes.length > 0) {
    // In document order, so that "here too" follows the first one.
    const said = (block: ProseBlock, start: number): string | undefined => {
      const sentence = block.sentences.find((s) => s.start <= start && start < s.end);
      return sentence && block.text.slice(sentence.start, sentence.end).replace(/\s+/g, ' ');
    };
    const own = new Set(blocks.flatMap((b) => b.sentences.map((s) => b.text.slice(s.start, s.end).replace(/\s+/g, ' '))));
    const echoed = partsOf(quotes, known).map((part) => ({ ...part, echo: own.has(said(part.block, part.start) ?? '') }));
    const keyed = [...parts, ...echoed].map((part) => ({ part, at: part.block.point(part.start).offset ?? 0 }));
    parts.splice(0, parts.length, ...keyed.sort((a, b) => a.at - b.at).map((k) => k.part));
  }
  const counts = new Map<string, number>();
  // Words the post writes with a capital where nothing asks for one: its names and titles ("the Rust Project").
  const named = new Map<string, number>();
  for (const part of parts) {
    // A quote of the post's own text is no second use ("culpurit" quoted).
    if (part.echo) continue;
    const key = part.text.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (capitalised(part.text) && !part.opening && !part.titleCase) named.set(key, (named.get(key) ?? 0) + 1);
  }
  let index: ReturnType<typeof termIndex> | undefined;

  // A candidate's weight: how common it is in English, in the post and on the site.
  // Asked for every string one edit away (hundreds a word): the cheap tests first.
  const weight = (candidate: string): number | undefined => {
    const inPost = counts.has(candidate) && known(candidate) ? counts.get(candidate)! : 0;
    const onSite = site?.terms.get(candidate)?.posts ?? 0;
    const common = dictionaryWord(candidate) !== undefined;
    if (!common && inPost === 0 && onSite < SITE_JARGON) return undefined;
    return (common ? frequency(candidate) : 0) + POST_WEIGHT * Math.log2(1 + inPost) + SITE_WEIGHT * Math.log2(1 + onSite);
  };

  const reported = new Map<string, number>();
  const report = (part: Part, correction: string, note = ''): void => {
    const { block, start, text } = part;
    const times = reported.get(text) ?? 0;
    reported.set(text, times + 1);
    const inQuote = quoted.has(block);
    const reason = inQuote
      ? `Typo in the quote: "${text}" should be "${correction}" (or mark it [sic] if the original has it).`
      : times === 0
        ? `Typo: "${text}" should be "${correction}"${note}.`
        : `Typo: "${text}" should be "${correction}" here too.`;
    reportSlip(file, block, start, reason, correction, inQuote ? undefined : { start, end: start + text.length, text: correction });
  };

  for (const block of blocks) {
    for (const sentence of block.sentences) {
      for (const token of sentence.tokens) {
        const right = token.kind === 'word' ? ordinal(token.value) : undefined;
        if (right !== undefined) report({ block, text: token.value, start: token.start, opening: false, titleCase: false, nameNeighbour: false, noGuess: false }, right);
      }
    }
  }

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
    const casing = vocabulary.casing(word) ?? siteCasing(site, word);
    const slip = (casing !== undefined && !isWord(word) ? casing : undefined) ?? shiftSlip(word, vocabulary) ?? wrongEnding(word);
    if (slip !== undefined) {
      report(part, slip);
      continue;
    }
    if (known(word)) continue;
    if (++unknown > MAX_UNKNOWN) break;
    const title = word !== lower && word.slice(1) === lower.slice(1);
    // A capital opening a sentence, or in a title-case heading, says nothing; one inside a sentence makes a name.
    const free = part.opening || part.titleCase;
    const shape = word === lower ? 'lower' : title ? 'title' : 'other';
    // Listed, unless a name beside it says it is a name too ("Ricardo Signes").
    const listed = shape !== 'other' && !part.noGuess && !(shape === 'title' && part.nameNeighbour) ? listedMisspelling(word) : undefined;
    if (listed !== undefined) {
      report(part, matchCase(word, listed));
      continue;
    }
    if (part.noGuess || !/^\p{L}+$/u.test(word) || word.length < MIN_GUESSED) continue;
    // A word built of known parts ("triaging", "liveness", "zonefs") is jargon far more often than a slip.
    const built = derived(word, known);
    index ??= termIndex(vocabulary, parts, counts, site);
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
    if (termMatch !== undefined && !built && !differsAtEnd(word, termMatch) && sameShape(word, termMatch, part.opening)) {
      report(part, part.opening ? matchCase(word, termMatch) : termMatch);
      continue;
    }
    if (shape === 'other') continue;
    // A built word needs a post word one edit away (below): a cheap look first.
    if (built && !rankedCandidates(lower, (c) => ((counts.get(c) ?? 0) >= MIN_NAME_USES ? 0 : undefined)).length) continue;
    const candidates = rankedCandidates(lower, weight);
    const [guess, next] = candidates;
    if (guess === undefined || (next !== undefined && guess.score - next.score < MARGIN)) continue;
    // A word built on the candidate is jargon ("virtiofsd") or another language ("de facto").
    if (word.length > guess.word.length && differsAtEnd(word, guess.word)) continue;
    // A word built of known parts is corrected only to a word the post writes
    // ("devies" among "devices"), and not at either end, where another prefix
    // or suffix makes another word ("rereference", "vectorizer").
    if (built && ((counts.get(guess.word) ?? 0) < MIN_NAME_USES || guess.first || guess.at >= lower.length - 1)) continue;
    const place = shape === 'lower' ? 'plain' : free && !part.nameNeighbour ? 'opening' : word.length >= LONG ? 'long' : 'name';
    const alone = candidates.length === 1 && word.length >= LONG;
    if (!alone && !convincing(guess, place, place === 'name' ? named : counts, part.nameNeighbour)) continue;
    report(part, matchCase(word, guess.word));
  }
});

/**
 * Whether the winner is enough for a word of that place (a long word with
 * one candidate needs no more): any for a plain word (but a slip in the
 * first letter only towards a common word or one the post uses); for a
 * capitalised word opening a sentence, a transposition, a fairly common word
 * or one the post uses; for a long capitalised word, any; for
 * a name-like word, a word the post itself writes with a capital (`counts`
 * are those) or, away from other names, a transposed common one.
 */
function convincing(guess: Ranked, place: 'plain' | 'opening' | 'long' | 'name', counts: ReadonlyMap<string, number>, besideName: boolean): boolean {
  const inPost = (counts.get(guess.word) ?? 0) > 0;
  const common = guess.score >= COMMON;
  if (place === 'plain') return !guess.first || common || inPost;
  if (place === 'opening') return !guess.first && (guess.transposition || guess.score >= COMMON_OPENING || inPost);
  if (place === 'long') return !guess.first;
  // Beside another name, only the post's own spelling tells: "Pierre-Emmanuel Patry" is no party.
  return !guess.first && (inPost || (guess.transposition && common && !besideName));
}

export default spelling;
