// Accepted terms (product and project names, commands, jargon) that the
// spelling and acronym rules respect: data/vocabulary.txt for
// virtualisation and systems posts, plus `.review-post/vocabulary.txt` of the
// post's repository, found from the current directory upwards. One term per
// line, `#` starts a comment.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { contextOf } from './context.js';
import { dataLines, readDataLines } from './data-files.js';

export const REPO_VOCABULARY = join('.review-post', 'vocabulary.txt');

export interface Vocabulary {
  readonly terms: readonly string[];
  /** The word (one token) is a term, a word of a term, or a plural or verb form of one. */
  accepts(word: string): boolean;
  /**
   * The term's own spelling when `word` differs from it only in case inside
   * the word ("Github" for "GitHub"); words in all lower case or all
   * capitals are left alone.
   */
  casing(word: string): string | undefined;
}

// Plural, verb and agent forms of a jargon word ("hotplugged", "VMs").
const SUFFIXES = ["'s", '’s', 's', 'es', 'd', 'ed', 'ing', 'er', 'ers'];

function forms(term: string): string[] {
  const parts = term.split(/[\s/]+/).filter((p) => p !== '');
  const pieces = parts.flatMap((p) => (p.includes('-') ? [p, ...p.split('-')] : [p]));
  return pieces.filter((p) => p !== '');
}

export function makeVocabulary(terms: Iterable<string>): Vocabulary {
  const list = [...terms];
  const exact = new Set<string>();
  // Terms written in lower case accept any case ("Unikernel" opening a sentence).
  const anyCase = new Set<string>();
  const mixed = new Map<string, string>();
  for (const term of list) {
    for (const form of forms(term)) {
      exact.add(form);
      const lower = form.toLowerCase();
      if (form === lower) anyCase.add(lower);
      // Short all-capital terms are also names and words ("Abi", "Go").
      else if (/.\p{Lu}/u.test(form) && (/\p{Ll}/u.test(form) || form.length >= 4)) mixed.set(lower, form);
    }
  }
  const known = (word: string): boolean => exact.has(word) || anyCase.has(word.toLowerCase());
  return {
    terms: list,
    accepts(word: string): boolean {
      if (known(word)) return true;
      for (const suffix of SUFFIXES) {
        if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
        const base = word.slice(0, -suffix.length);
        if (known(base)) return true;
        // "hotplugged" → "hotplugg" → "hotplug"
        if (/(.)\1$/.test(base) && known(base.slice(0, -1))) return true;
      }
      return false;
    },
    casing(word: string): string | undefined {
      // All lower case is often the command; all capitals often another name ("DOS" is no "DoS").
      if (word === word.toLowerCase() || word === word.toUpperCase()) return undefined;
      const term = mixed.get(word.toLowerCase());
      if (term === undefined || term === word || exact.has(word)) return undefined;
      return term.slice(1) === word.slice(1) ? undefined : term;
    },
  };
}

export function parseVocabulary(text: string): string[] {
  return dataLines(text);
}

/** `.review-post/vocabulary.txt` in `from` or the nearest directory above it. */
export function findRepoVocabulary(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, REPO_VOCABULARY);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

let defaults: string[] | undefined;
const cache = new Map<string, Vocabulary>();

/** The default vocabulary and the repository's own, for a review run in `cwd`. */
export function loadVocabulary(cwd: string = process.cwd()): Vocabulary {
  const cached = cache.get(cwd);
  if (cached) return cached;
  defaults ??= readDataLines('vocabulary.txt');
  const repo = findRepoVocabulary(cwd);
  const terms = repo ? [...defaults, ...parseVocabulary(readFileSync(repo, 'utf8'))] : defaults;
  const vocabulary = makeVocabulary(terms);
  cache.set(cwd, vocabulary);
  return vocabulary;
}

const given = new WeakMap<readonly string[], Vocabulary>();
const configured = new WeakMap<readonly string[], Map<Vocabulary, Vocabulary>>();

/**
 * The vocabulary a rule uses for one file: the rule's `vocabulary` option when
 * set, else the defaults and the repository's list; plus the `vocabulary` of
 * the site's config.
 */
export function vocabularyFor(file: VFile, option?: readonly string[]): Vocabulary {
  let base: Vocabulary;
  if (option) {
    base = given.get(option) ?? makeVocabulary(option);
    given.set(option, base);
  } else base = loadVocabulary(file.cwd);
  const extra = contextOf(file).settings?.vocabulary;
  if (!extra || extra.length === 0) return base;
  const byBase = configured.get(extra) ?? new Map<Vocabulary, Vocabulary>();
  configured.set(extra, byBase);
  let merged = byBase.get(base);
  if (!merged) {
    merged = makeVocabulary([...base.terms, ...extra]);
    byBase.set(base, merged);
  }
  return merged;
}
