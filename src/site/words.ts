// The words a site's published posts write: each word's usual spelling
// ("KubeVirt", counted where casing is the writer's choice, not at the start
// of a sentence or in a title-cased heading) and in how many posts it occurs;
// and the acronyms its readers are assumed to know, used across its posts
// without being spelled out. One linear scan per post, without a Markdown
// parser: code, URLs, HTML and template tags are left out line by line.

import type { SiteWords } from '../rules/kit/context.js';

// A word is a letter, then letters or digits, with inner apostrophes or hyphens ("it's", "virtio-fs").
// After a sentence's end these may stand before its first word: spaces, quotes, brackets, emphasis.
const OPENERS = new Set([32, 9, 34, 39, 0x201c, 0x2018, 40, 42, 95, 91]);
const ACRONYM = /^([A-Z][A-Z0-9]{1,7})s?$/;
// Left out of a line before its words are read: inline code, URLs and link targets, tags, template syntax.
const NOT_WORDS = /`[^`\n]*`|\]\([^)\n]*\)|<[^>\n]{0,500}>|https?:\/\/\S+|\{\{.{0,500}?\}\}|\{%.{0,500}?%\}|\S+@\S+\.\S+/g;
const MAYBE_NOT_WORDS = /[`<{@]|\]\(|https?:/;
const BLOCK_START = /^\s{0,3}(?:#{1,6}\s|>\s?|[-*+]\s|\d{1,9}[.)]\s|\|)/;
const DEFINITION = /^\s{0,3}\[[^\]]+\]:\s/;

/** Acronyms used without expansion in at least this many posts are the readers' own (fewer on a small site). */
function minimumPosts(posts: number): number {
  return posts < 20 ? 2 : 3;
}

interface Term {
  /** Occurrences in lower case, where the writer chose the case. */
  lower: number;
  /** Other spellings, counted where the writer chose the case. */
  forms?: Map<string, number>;
  /** The first spelling seen where the case is forced (a sentence start, a heading). */
  weak?: string;
  posts: number;
  lastPost: number;
}

interface Acronym {
  /** Posts using it without ever spelling it out, and posts spelling it out. */
  bare: number;
  spelled: number;
}

export class WordsLearner {
  private readonly terms = new Map<string, Term>();
  private readonly acronyms = new Map<string, Acronym>();
  private posts = 0;
  private headed = 0;
  private levelOne = 0;

  /** Reads one post's body (the Markdown after its front matter). */
  add(body: string): void {
    const post = ++this.posts;
    const uses = new Map<string, boolean>();
    let fenced: string | undefined;
    let previousBlank = true;
    let inCode = false;
    let headed = false;
    let levelOne = false;
    for (const raw of body.split('\n')) {
      // Most lines of prose start with a letter: none of the block checks below apply to them.
      if (fenced === undefined && isLetter(raw.charCodeAt(0))) {
        const startsBlock = previousBlank;
        previousBlank = false;
        inCode = false;
        this.readLine(MAYBE_NOT_WORDS.test(raw) ? raw.replace(NOT_WORDS, ' ') : raw, post, false, startsBlock, uses);
        continue;
      }
      const line = raw.trimEnd();
      const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (fenced !== undefined) {
        if (fence !== null && fence[1]!.startsWith(fenced)) fenced = undefined;
        continue;
      }
      if (fence !== null) {
        fenced = fence[1]!;
        continue;
      }
      const blank = line.trim() === '';
      // Indented code: after a blank line, or going on from indented code.
      inCode = /^(?: {4}|\t)/.test(line) && (previousBlank || inCode) && !blank;
      if (inCode || blank || DEFINITION.test(line)) {
        previousBlank = blank;
        continue;
      }
      const heading = /^\s{0,3}#{1,6}\s/.test(line);
      if (heading) {
        headed = true;
        if (/^\s{0,3}#\s/.test(line)) levelOne = true;
      }
      const startsBlock = previousBlank || BLOCK_START.test(line);
      previousBlank = false;
      this.readLine(MAYBE_NOT_WORDS.test(line) ? line.replace(NOT_WORDS, ' ') : line, post, heading, startsBlock, uses);
    }
    if (headed) this.headed++;
    if (levelOne) this.levelOne++;
    for (const [acronym, spelled] of uses) {
      const entry = this.acronyms.get(acronym) ?? { bare: 0, spelled: 0 };
      if (spelled) entry.spelled++;
      else entry.bare++;
      this.acronyms.set(acronym, entry);
    }
  }

  private readLine(text: string, post: number, heading: boolean, startsBlock: boolean, uses: Map<string, boolean>): void {
    // A scan by character codes: this runs over every word of every post.
    let sentenceStart = startsBlock;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isLetter(c)) {
        if (c === 46 || c === 33 || c === 63 || c === 58) sentenceStart = true;
        else if (!OPENERS.has(c)) sentenceStart = startsBlock && i === 0;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isLetter(d) || (d >= 48 && d <= 57)) j++;
        else if ((d === 39 || d === 0x2019 || d === 45) && j + 1 < n && isLetterOrDigit(text.charCodeAt(j + 1))) j += 2;
        else break;
      }
      const word = text.slice(i, j);
      this.count(word, post, heading || sentenceStart);
      sentenceStart = false;
      if (c <= 90 && j - i <= 9) {
        const acronym = ACRONYM.exec(word)?.[1];
        if (acronym !== undefined && /[A-Z].*[A-Z]/.test(acronym)) {
          uses.set(acronym, (uses.get(acronym) ?? false) || spelledOut(text, i, j));
        }
      }
      i = j;
    }
  }

  private count(word: string, post: number, weak: boolean): void {
    const lower = word.toLowerCase();
    let term = this.terms.get(lower);
    if (term === undefined) {
      term = { lower: 0, posts: 0, lastPost: 0 };
      this.terms.set(lower, term);
    }
    if (weak) term.weak ??= word;
    else if (word === lower) term.lower++;
    else {
      term.forms ??= new Map();
      term.forms.set(word, (term.forms.get(word) ?? 0) + 1);
    }
    if (term.lastPost !== post) {
      term.lastPost = post;
      term.posts++;
    }
  }

  /** Posts with headings in their body, and those among them with a level-1 heading. */
  headings(): { posts: number; levelOne: number } {
    return { posts: this.headed, levelOne: this.levelOne };
  }

  result(): SiteWords {
    const terms = new Map<string, { spelling: string; posts: number }>();
    for (const [lower, term] of this.terms) {
      let spelling = term.lower > 0 ? lower : (term.weak ?? lower);
      let best = term.lower;
      for (const [form, n] of term.forms ?? []) {
        if (n > best) {
          best = n;
          spelling = form;
        }
      }
      terms.set(lower, { spelling, posts: term.posts });
    }
    const least = minimumPosts(this.posts);
    const acronyms = new Set<string>();
    for (const [acronym, use] of this.acronyms) if (use.bare >= least && use.bare >= use.spelled) acronyms.add(acronym);
    return { posts: this.posts, terms, acronyms };
  }
}

/** Latin letters, with the accented ones of Latin-1 and Latin Extended. */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isLetterOrDigit(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}

/** "DAX (Direct Access)", "Direct Access (DAX)", "DAX, short for ...". */
function spelledOut(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 80);
  if (/^s?\s?\(\s*[A-Za-z][^()]{2,}\)/.test(after) && /\(\s*\S+\s+\S+/.test(after)) return true;
  if (/^s?,?\s+(?:short for|which stands for|stands for|standing for|meaning)\s/i.test(after)) return true;
  return /\(\s*$/.test(text.slice(Math.max(0, start - 2), start)) && /^s?\s*[),;]/.test(after) && /[a-z]\s+\(\s*$/i.test(text.slice(Math.max(0, start - 40), start));
}
