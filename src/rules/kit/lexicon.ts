// English words for the spelling rule, loaded on first use only: the word
// forms of the Hunspell dictionaries dictionary-en and dictionary-en-gb
// (data/words-en.txt, expanded once by scripts/build-words.ts), how common
// they are (data/word-frequencies.txt), words that are accepted but never
// suggested (data/words-more.txt: larger SCOWL lists, software terms), and a
// curated list of common misspellings (cspell's, which takes in codespell's
// and the typos project's lists, plus data/misspellings.txt).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { dataPath, readDataLines } from './data-files.js';

/**
 * A sorted word list, one word a line, searched where it lies: building a
 * Set of 127,000 words costs tens of milliseconds, while a binary search
 * over the text itself (each probe backs up to the start of its line) costs
 * nothing to set up. A line may carry a value after a tab ("devices\t8").
 */
class WordList {
  readonly #text: string;
  /** Where the sorted words start, after the comment lines that head the file. */
  readonly #from: number;

  constructor(text: string) {
    let from = 0;
    while (text.charCodeAt(from) === 35 /* # */) from = text.indexOf('\n', from) + 1;
    this.#text = text;
    this.#from = from;
  }

  /** Compares `word` with the line starting at `at`, as JavaScript's sort does. */
  #compare(word: string, at: number): number {
    const text = this.#text;
    for (let i = 0; ; i++) {
      const a = i < word.length ? word.charCodeAt(i) : -1;
      const c = at + i < text.length ? text.charCodeAt(at + i) : 10;
      const b = c === 10 || c === 9 ? -1 : c;
      if (a !== b) return a - b;
      if (a === -1) return 0;
    }
  }

  has(word: string): boolean {
    return this.#find(word) >= 0;
  }

  /** The value after the tab on the word's line, if any. */
  value(word: string): string | undefined {
    const at = this.#find(word);
    if (at < 0 || this.#text.charCodeAt(at + word.length) !== 9) return undefined;
    const end = this.#text.indexOf('\n', at);
    return this.#text.slice(at + word.length + 1, end < 0 ? undefined : end);
  }

  /** Where the word's line starts, or -1. */
  #find(word: string): number {
    const text = this.#text;
    // Bounds are offsets of line starts; each probe takes the line holding the middle.
    let lo = this.#from;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const start = text.lastIndexOf('\n', mid - 1) + 1;
      const line = Math.max(start, lo);
      const order = this.#compare(word, line);
      if (order === 0) return line;
      if (order < 0) hi = line;
      else {
        const next = text.indexOf('\n', line);
        if (next < 0) return -1;
        lo = next + 1;
      }
    }
    return -1;
  }
}

let words: WordList | undefined;
let moreWords: WordList | undefined;
let frequencies: WordList | undefined;
let misspellings: Misspellings | undefined;

function readWords(name: string): WordList {
  return new WordList(readFileSync(dataPath(name), 'utf8'));
}

function wordSet(): WordList {
  words ??= readWords('words-en.txt');
  return words;
}

function inSet(set: WordList, bare: string): boolean {
  if (set.has(bare)) return true;
  const lower = bare.toLowerCase();
  if (set.has(lower)) return true;
  if (bare === bare.toUpperCase()) return set.has(lower[0]!.toUpperCase() + lower.slice(1));
  return false;
}

/** Hunspell's case rules: "linux" would not pass for "Linux", but "Word" and "WORD" pass for "word". */
export function isWord(word: string): boolean {
  let known = seenWords.get(word);
  if (known === undefined) {
    if (seenWords.size >= MAX_SEEN_WORDS) seenWords.clear();
    known = lookUp(word);
    seenWords.set(word, known);
  }
  return known;
}

// Prose repeats its words, and a run over many posts asks for "the" thousands
// of times: answers are kept (up to a bound, an archive has no end).
const seenWords = new Map<string, boolean>();
const MAX_SEEN_WORDS = 100_000;

function lookUp(word: string): boolean {
  const bare = word.replace(/[’']s$/, '').replace(/’/g, "'");
  if (inSet(wordSet(), bare)) return true;
  moreWords ??= readWords('words-more.txt');
  return inSet(moreWords, bare);
}

/**
 * How common a lower-case word is: the base-2 logarithm of its count in 51
 * million words of subtitles (20 for "a", 8 for "devices", 0 for a word
 * never seen there).
 */
export function frequency(lower: string): number {
  frequencies ??= readWords('word-frequencies.txt');
  return Number(frequencies.value(lower) ?? 0);
}

/** A name the common dictionary spells with its capital ("Pascal", "Mike", "Aaron"). */
export function isProperName(word: string): boolean {
  return word !== word.toLowerCase() && wordSet().has(word);
}

/** In the common dictionary (data/words-en.txt), as written or in lower case. */
export function isCommonWord(word: string): boolean {
  return wordSet().has(word) || wordSet().has(word.toLowerCase());
}

const PREFIXES = [
  'anti', 'auto', 'bi', 'co', 'counter', 'cross', 'de', 'dis', 'hyper', 'inter', 'intra', 'macro', 'meta',
  'micro', 'mid', 'mini', 'mis', 'mono', 'multi', 'non', 'out', 'over', 'para', 'poly', 'post', 'pre',
  'pseudo', 're', 'self', 'semi', 'sub', 'super', 'tri', 'ultra', 'un', 'under', 'uni',
];
const SUFFIXES = [
  'ally', 'ly', 'ness', 'ity', 'ability', 'able', 'ible', 'er', 'ers', 'or', 'ors', 'ing', 'ings', 'ed', 'es',
  's', 'ee', 'ees', 'ize', 'ise', 'ized', 'ised', 'izes', 'ises', 'izing', 'ising', 'ization', 'isation', 'izer',
  'iser', 'ism', 'ist', 'ful', 'less', 'ment', 'al', 'ic', 'y',
];
const MIN_STEM = 3;
// Short endings that make names of things in systems code ("zonefs", "coreid").
const JARGON_TAILS = ['fs', 'id', 'ids', 'db', 'io', 'fd', 'ctl', 'dev', 'cfg', 'lib', 'mgr', 'buf', 'ptr', 'len', 'ops'];

/** Stems a suffix may have taken from: "triag" → "triage", "formatt" → "format", "proxi" → "proxy". */
function stems(base: string): string[] {
  const out = [base, `${base}e`];
  if (/(.)\1$/.test(base)) out.push(base.slice(0, -1));
  if (base.endsWith('i')) out.push(`${base.slice(0, -1)}y`);
  return out;
}

/**
 * A word built from known words: a prefix ("precompiled"), a suffix
 * ("triaging", "natively") or two words ("keyring"). Such words are jargon
 * missing from the dictionary far more often than slips, so no guess is
 * made for them. `known` also takes the vocabulary.
 */
export function derived(word: string, known: (w: string) => boolean = isWord): boolean {
  const lower = word.toLowerCase();
  for (const prefix of PREFIXES) {
    if (lower.startsWith(prefix) && lower.length - prefix.length >= MIN_STEM && known(lower.slice(prefix.length))) return true;
  }
  for (const suffix of SUFFIXES) {
    if (!lower.endsWith(suffix) || lower.length - suffix.length < MIN_STEM) continue;
    if (stems(lower.slice(0, -suffix.length)).some((stem) => known(stem))) return true;
  }
  // Two words ("keyring", "firefox", "nextest").
  for (let i = MIN_STEM; i <= lower.length - MIN_STEM; i++) {
    if (known(lower.slice(0, i)) && known(lower.slice(i))) return true;
  }
  for (const tail of JARGON_TAILS) {
    if (lower.endsWith(tail) && lower.length - tail.length >= MIN_STEM && known(lower.slice(0, -tail.length))) return true;
  }
  return false;
}

// Entries shorter than this are mostly other words in technical text ("ser").
const MIN_LISTED = 4;

/**
 * cspell's list (`"wrong->right"` strings in a JSON file of 2.6 MB), searched
 * where it lies: parsing it whole costs about 50 ms, while a post asks for
 * a handful of words (a median of one in the corpus), each found with one
 * byte search.
 */
const SEARCHES_BEFORE_INDEX = 200;

export class Misspellings {
  readonly #data: Buffer;
  readonly #extra = new Map<string, string>();
  readonly #cache = new Map<string, string | undefined>();

  // Many posts in one run (a corpus, an archive) ask for thousands of words:
  // then one pass over the list beats a search per word.
  #searches = 0;
  #all: Map<string, string | undefined> | undefined;

  #index(): Map<string, string | undefined> {
    const all = new Map<string, string | undefined>();
    for (const m of this.#data.toString('utf8').matchAll(/"([^"\n]*?)->([^"\n]*)"/g)) {
      const right = m[2]!.trim();
      // The first entry wins, as it does for a search.
      if (!all.has(m[1]!)) all.set(m[1]!, right.includes(',') || right === '' ? undefined : right);
    }
    return all;
  }

  readonly #searchesBeforeIndex: number;

  constructor(data: Buffer, extra: string[], searchesBeforeIndex = SEARCHES_BEFORE_INDEX) {
    this.#data = data;
    this.#searchesBeforeIndex = searchesBeforeIndex;
    for (const line of extra) {
      const [wrong, right] = line.split('->').map((s) => s.trim());
      if (wrong) this.#extra.set(wrong.toLowerCase(), right ?? '');
    }
  }

  /** The one correction listed for a lower-case word, if any. */
  get(lower: string): string | undefined {
    const extra = this.#extra.get(lower);
    // "word ->" with nothing after it takes an entry out.
    if (extra !== undefined) return extra === '' ? undefined : extra;
    if (lower.length < MIN_LISTED) return undefined;
    if (this.#cache.has(lower)) return this.#cache.get(lower);
    if (this.#all === undefined && ++this.#searches > this.#searchesBeforeIndex) this.#all = this.#index();
    if (this.#all !== undefined) return this.#all.get(lower);
    const key = `"${lower}->`;
    const at = this.#data.indexOf(key);
    let right: string | undefined;
    if (at >= 0) {
      const from = at + Buffer.byteLength(key);
      right = this.#data.toString('utf8', from, this.#data.indexOf(0x22, from)).trim();
      // Several corrections: not sure which one is meant, so no finding.
      if (right.includes(',') || right === '') right = undefined;
    }
    this.#cache.set(lower, right);
    return right;
  }
}

/** cspell's list of misspellings, as bytes. */
export function misspellingsData(): Buffer {
  // The package exports only its manifest; the lists sit beside it.
  const manifest = createRequire(import.meta.url).resolve('@cspell/dict-en-common-misspellings/cspell-ext.json');
  return readFileSync(join(dirname(manifest), 'dict', 'dict-en.json'));
}

function loadMisspellings(): Misspellings {
  return new Misspellings(misspellingsData(), readDataLines('misspellings.txt'));
}

/** The correction of a listed misspelling, unless the word is also a dictionary word. */
export function listedMisspelling(word: string): string | undefined {
  misspellings ??= loadMisspellings();
  const right = misspellings.get(word.toLowerCase().replace(/’/g, "'"));
  if (right === undefined || isWord(word)) return undefined;
  return right;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
// Two consonants that can open an English word.
const ONSETS = new Set(
  'bl br ch cl cr dr dw fl fr gh gl gn gr kl kn kr ph pl pn pr ps qu rh sc sh sk sl sm sn sp sq st sw th tr ts tw wh wr'.split(' '),
);

export interface Edit {
  word: string;
  /** Two neighbouring letters swapped: the commonest slip, and rarely ambiguous. */
  transposition: boolean;
  /** Index of the first letter changed. */
  at: number;
}

/** Every string one edit (Damerau) away from a lower-case word, made of a-z. */
export function edits(word: string): Edit[] {
  const out: Edit[] = [];
  for (let i = 0; i < word.length; i++) {
    out.push({ word: word.slice(0, i) + word.slice(i + 1), transposition: false, at: i });
    if (i + 1 < word.length && word[i] !== word[i + 1]) {
      out.push({ word: word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), transposition: true, at: i });
    }
    for (const c of LETTERS) {
      if (c !== word[i]) out.push({ word: word.slice(0, i) + c + word.slice(i + 1), transposition: false, at: i });
    }
  }
  for (let i = 0; i <= word.length; i++) {
    for (const c of LETTERS) out.push({ word: word.slice(0, i) + c + word.slice(i), transposition: false, at: i });
  }
  return out;
}

/**
 * The one likely word meant by `word`, among those one edit away that
 * `known` accepts: the single transposition if there is one, else the single
 * candidate. Several candidates mean a guess, so none is returned. The first
 * letter is taken as right: names and jargon often differ from a word just
 * there ("mcarton", "rlibs", "Cython"). For names and terms, where nothing
 * tells one candidate from another; words are ranked by `rankedCorrection`.
 */
export function likelyCorrection(word: string, known: (candidate: string) => string | undefined): string | undefined {
  const swaps = new Set<string>();
  const others = new Set<string>();
  const lower = word.toLowerCase();
  // "rlibs", "pflash", "vtable": no English word starts so; jargon does.
  if (/^[b-df-hj-np-tv-xz]{2}/.test(lower) && !ONSETS.has(lower.slice(0, 2))) return undefined;
  for (const edit of edits(lower)) {
    if (edit.at === 0) continue;
    const hit = known(edit.word);
    if (hit !== undefined) (edit.transposition ? swaps : others).add(hit);
  }
  if (swaps.size === 1) return [...swaps][0];
  if (swaps.size === 0 && others.size === 1) return [...others][0];
  return undefined;
}

export interface Ranked {
  word: string;
  /** Higher is likelier; see `rankedCorrection`. */
  score: number;
  transposition: boolean;
  /** The edit touches the first letter. */
  first: boolean;
  /** Where the edit is, as the index of the first letter it changes. */
  at: number;
}

// How much likelier a transposed pair is than another edit, and how much
// rarer a slip in the first letter, in the base-2 units of `frequency`.
const SWAP_BONUS = 2;
const FIRST_LETTER_COST = 4;

/**
 * Words one edit away from a lower-case word, each with a score: the
 * candidate's own weight (`weight` gives it, undefined for no word; the
 * spelling rule weighs in how common the word is in English and in the
 * post), more for a transposition, less for a slip in the first letter,
 * which is rare ("irtualization") while names often differ from a word just
 * there. A letter before a word is read as a prefix ("icount", "vhost"),
 * not a slip, unless it doubles the first ("ccapacity"); so is a first pair
 * of letters that no English word opens with ("rlibs"). Best first.
 */
export function rankedCandidates(lower: string, weight: (candidate: string) => number | undefined): Ranked[] {
  const best = new Map<string, Ranked>();
  const odd = /^[b-df-hj-np-tv-xz]{2}/.test(lower) && !ONSETS.has(lower.slice(0, 2));
  const doubled = lower[0] === lower[1];
  for (const edit of edits(lower)) {
    // A letter too many before a word is a prefix ("icount", "vhost") unless it doubles the first ("ccapacity").
    const dropsFirst = edit.at === 0 && edit.word === lower.slice(1);
    if (dropsFirst && !doubled) continue;
    if (odd && !(dropsFirst && doubled)) continue;
    const base = weight(edit.word);
    if (base === undefined) continue;
    const first = edit.at === 0;
    const score = base + (edit.transposition ? SWAP_BONUS : 0) - (first ? FIRST_LETTER_COST : 0);
    const seen = best.get(edit.word);
    if (!seen || seen.score < score) best.set(edit.word, { word: edit.word, score, transposition: edit.transposition, first, at: edit.at });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1));
}

/**
 * The candidate that clearly wins: the only one, or one that scores at least
 * `margin` above the next (3 is eight times as likely).
 */
export function rankedCorrection(lower: string, weight: (candidate: string) => number | undefined, margin: number): Ranked | undefined {
  const [best, next] = rankedCandidates(lower, weight);
  if (best === undefined) return undefined;
  if (next !== undefined && best.score - next.score < margin) return undefined;
  return best;
}

/** A dictionary word as `known` for likelyCorrection. */
export function dictionaryWord(candidate: string): string | undefined {
  return wordSet().has(candidate) ? candidate : undefined;
}
