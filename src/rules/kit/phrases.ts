// Phrase patterns over the words of a sentence, read from data files
// (data/confusables.txt, data/wordy-phrases.txt), one pattern a line:
//
//   could|would|should [of] !course => have
//
// Words are matched in lower case and must follow one another with only
// white space (line breaks too) between them. `a|b` is either word, `[...]`
// marks the words that the finding is about and that the replacement
// replaces, `!a|b` at either end is a word that must not be there, and `^`
// opening the pattern means the start of a sentence. An empty replacement
// means "drop the marked words".

import type { Token } from './prose.js';
import { norm } from './prose.js';

interface Spec {
  words: ReadonlySet<string>;
}

export interface PhrasePattern {
  /** The line as written, for error messages. */
  line: string;
  atStart: boolean;
  before?: Spec;
  specs: Spec[];
  after?: Spec;
  /** Marked specs, as [from, to) indexes into `specs`. */
  from: number;
  to: number;
  replacement: string;
}

export interface PhraseMatch {
  pattern: PhrasePattern;
  /** The marked words. */
  tokens: Token[];
}

function spec(text: string): Spec {
  return { words: new Set(text.split('|').map(norm)) };
}

export function parsePattern(line: string): PhrasePattern {
  const arrow = line.indexOf('=>');
  if (arrow < 0) throw new Error(`phrase pattern without "=>": ${line}`);
  const replacement = line.slice(arrow + 2).trim();
  let words = line.slice(0, arrow).replace(/\[\s*/g, ' [').replace(/\s*\]/g, '] ').trim().split(/\s+/);
  const atStart = words[0] === '^';
  if (atStart) words = words.slice(1);
  const pattern: PhrasePattern = { line, atStart, specs: [], from: -1, to: -1, replacement };
  words.forEach((word, i) => {
    if (word.startsWith('!')) {
      if (i === 0) pattern.before = spec(word.slice(1));
      else if (i === words.length - 1) pattern.after = spec(word.slice(1));
      else throw new Error(`"!" only at either end of a phrase pattern: ${line}`);
      return;
    }
    let text = word;
    if (text.startsWith('[')) {
      pattern.from = pattern.specs.length;
      text = text.slice(1);
    }
    if (text.endsWith(']')) {
      text = text.slice(0, -1);
      pattern.to = pattern.specs.length + 1;
    }
    if (text !== '') pattern.specs.push(spec(text));
  });
  if (pattern.from < 0 || pattern.to <= pattern.from || pattern.specs.length === 0) {
    throw new Error(`phrase pattern needs one [marked] part: ${line}`);
  }
  return pattern;
}

export class PhraseMatcher {
  readonly #byFirst = new Map<string, PhrasePattern[]>();

  constructor(patterns: PhrasePattern[]) {
    for (const pattern of patterns) {
      for (const word of pattern.specs[0]!.words) {
        const list = this.#byFirst.get(word) ?? [];
        list.push(pattern);
        this.#byFirst.set(word, list);
      }
    }
  }

  /**
   * Matches in runs of words, in order; a word is in one match at most.
   * `sentenceStart` tells whether a run opens its sentence.
   */
  match(runs: Token[][], sentenceStart: (run: Token[]) => boolean): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    for (const run of runs) {
      const words = run.map((t) => norm(t.value));
      for (let i = 0; i < run.length; i++) {
        const candidates = this.#byFirst.get(words[i]!);
        if (!candidates) continue;
        for (const p of candidates) {
          const end = i + p.specs.length;
          if (end > run.length) continue;
          if (p.atStart && (i > 0 || !sentenceStart(run))) continue;
          if (!p.specs.every((s, k) => s.words.has(words[i + k]!))) continue;
          if (p.before && i > 0 && p.before.words.has(words[i - 1]!)) continue;
          if (p.after && end < run.length && p.after.words.has(words[end]!)) continue;
          found.push({ pattern: p, tokens: run.slice(i + p.from, i + p.to) });
          i = end - 1;
          break;
        }
      }
    }
    return found;
  }
}
