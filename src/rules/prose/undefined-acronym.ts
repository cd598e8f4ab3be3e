/**
 * review-post:undefined-acronym
 *
 * Flags an acronym at its first use in prose when it is neither spelled out
 * nor linked there, so a reader who does not know it is left guessing. It
 * counts as spelled out with a parenthesis right after it ("DAX (Direct
 * Access)") or around it after its words ("Direct Access (DAX)"), with
 * "short for" after it, or when words earlier in the post start with its
 * letters ("Rust for Linux" before "RFL"); a link or a footnote on it at
 * first use counts as an introduction. Acronyms used once in passing, in
 * lists (release notes name features by their acronyms), with digits (model
 * names: AST2600), of two letters (initials), or naming a standard or a
 * level with a designator after them ("SIL 2", "ASIL D") are left alone.
 * Acronyms that readers know (data/acronyms.txt: CPU, RAM, USB, QEMU, KVM,
 * ...) and terms of the vocabulary pass, and so do, inside a site's
 * checkout, the acronyms its readers are assumed to know: those its
 * published posts use without spelling them out, in at least three posts
 * (two on a site of fewer than 20), as the LLVM blog does with MLIR. Words
 * in capitals that are plain English ("NOTE") and Roman numerals pass too.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   One prominent feature is the DAX (Direct Access) window. The QEMU Machine
 *   Protocol (QMP) is in [FUSE][] and runs on the CPU. DAX is fast; NOTE
 *   that QMP is JSON. The [OSS-Fuzz](https://google.github.io/oss-fuzz/) way.
 *   The Tiny Code Generator, TCG, is phase II.
 *
 *   [FUSE]: https://github.com/libfuse/libfuse
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   The guest sees it as device memory (a PCI BAR) to the second, through
 *   VMEXITs and the BARs. The ROFS driver is read-only and needs no VMEXITs.
 *
 *   ROFS (read-only file system) is an OSv file system.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   2:1-2:73: What does "VMEXITs" stand for? I'd spell it out at its first use, or link it: not every reader will know it.
 *   2:27-2:73: I'd spell out "ROFS" here, at its first use, rather than further down.
 *
 * @example
 *   {"name": "ok-vocabulary.md", "config": {"vocabulary": ["MLIR"]}}
 *
 *   MLIR lowers the code to machine code in steps, and each MLIR dialect has its
 *   own operations.
 */

import type { Root } from 'mdast';
import { contextOf } from '../kit/context.js';
import { readDataLines } from '../kit/data-files.js';
import { isCommonWord } from '../kit/lexicon.js';
import { linkAt, placeOf, proseBlocks, type ProseBlock, type ProseSentence, type Token } from '../kit/prose.js';
import { vocabularyFor, type Vocabulary } from '../kit/vocabulary.js';
import { defineRule } from '../kit/rule.js';

export interface Options {
  /** Terms to accept instead of the default and repository vocabularies. */
  vocabulary?: readonly string[];
}

let known: Set<string> | undefined;

// Two to eight capitals and digits, a capital first; "s" or "'s" may follow.
const ACRONYM = /^([A-Z][A-Z0-9]{1,7})(?:s|['’]s)?$/;
const ROMAN = /^[IVXLCDM]+$/;
const MIN_LETTERS = 3;
const DESIGNATOR = /^ (?:\d|[A-Z]\b)/;
// Words before and after the first use searched for an expansion: a whole post, as a rule.
const REACH = 5000;
const MAX_ACRONYMS = 200;
// Used once in passing, an acronym is a name; used again, the reader needs it.
const MIN_USES = 2;
// Small words that an expansion may skip: "Kernel-based Virtual Machine", "Point of Sale".
const SKIPPABLE = new Set(['a', 'an', 'and', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

interface Use {
  acronym: string;
  written: string;
  block: ProseBlock;
  sentence: ProseSentence;
  token: Token;
  /** Index of the use among all words of the post. */
  index: number;
}

/** The acronym that a word token is, or undefined. */
function acronymOf(word: string): string | undefined {
  const m = ACRONYM.exec(word);
  if (!m) return undefined;
  const acronym = m[1]!;
  if (!/[A-Z].*[A-Z]/.test(acronym) || ROMAN.test(acronym)) return undefined;
  return acronym;
}

/** Letters at which an expansion's words start, hyphenated words counted apart. */
function initialsOf(word: string): string[] {
  return word
    .split('-')
    .filter((p) => /^\p{L}/u.test(p))
    .map((p) => p[0]!.toUpperCase());
}

/** Whether some words between `from` and `end` start with the acronym's letters, in order. */
function spelledBetween(acronym: string, words: string[], from: number, end: number): boolean {
  const letters = [...acronym];
  for (let start = Math.max(0, from); start < end; start++) {
    if (words[start]![0]!.toUpperCase() !== letters[0]) continue;
    let k = 0;
    for (let i = start; i < end && k < letters.length; i++) {
      const word = words[i]!;
      const initials = initialsOf(word);
      if (initials.length === 0 || acronymOf(word) === acronym) break;
      let matched = 0;
      while (matched < initials.length && k < letters.length && initials[matched] === letters[k]) {
        matched++;
        k++;
      }
      if (matched === 0 && !SKIPPABLE.has(word.toLowerCase())) break;
    }
    if (k === letters.length) return true;
  }
  return false;
}

/**
 * Explained where it stands: "ACR (Spelled Out)", "Spelled Out (ACR)",
 * "ACR, short for ...", or a footnote on it ("ACR[^1]").
 */
function explained(block: ProseBlock, token: Token, doc: string): boolean {
  const { text } = block;
  const rest = text.slice(token.end, token.end + 120);
  const after = /^\s?\(\s*([^()]{3,})\)/.exec(rest);
  if (after && /\p{L}{2,}/u.test(after[1]!)) return true;
  if (/^\s?[,(]?\s?(?:short for|which stands for|stands for|standing for|i\.e\.|meaning)\s/.test(rest)) return true;
  const open = text.slice(Math.max(0, token.start - 2), token.start);
  const close = text[token.end];
  if (/\(\s?$/.test(open) && (close === ')' || close === ',' || close === ';')) return true;
  const end = block.endPoint(token.end).offset ?? 0;
  return doc.startsWith('[^', end);
}

const undefinedAcronym = defineRule<Options>({ id: 'undefined-acronym', severity: 'info', docs: import.meta.url, options: { vocabulary: 'strings' } }, (tree, file, options) => {
  known ??= new Set(readDataLines('acronyms.txt').map((a) => a.toUpperCase()));
  const vocabulary = vocabularyFor(file, options?.vocabulary);
  const siteKnows = contextOf(file).site?.words?.acronyms;

  const doc = String(file.value);
  // Every word of the post in order, for expansions, and each acronym's uses.
  const words: string[] = [];
  const uses = new Map<string, Use[]>();
  for (const block of proseBlocks(tree, file)) {
    for (const sentence of block.sentences) {
      // "TL;DR" is read as two acronyms.
      const tldr = /^["“]?TL;DR/i.test(block.text.slice(sentence.start, sentence.start + 6));
      for (const token of sentence.tokens) {
        if (token.kind !== 'word') continue;
        const acronym = acronymOf(token.value);
        if (acronym !== undefined && !block.heading && !tldr) {
          const list = uses.get(acronym) ?? [];
          list.push({ acronym, written: token.value, block, sentence, token, index: words.length });
          uses.set(acronym, list);
        }
        words.push(token.value);
      }
    }
  }

  let examined = 0;
  for (const [acronym, list] of uses) {
    // Hundreds of unknown acronyms make a table or a dump, not prose; and the
    // search for their expansions must stay linear.
    if (++examined > MAX_ACRONYMS) break;
    if (known.has(acronym) || siteKnows?.has(acronym) || vocabulary.accepts(acronym) || vocabulary.accepts(list[0]!.written)) continue;
    // Model and feature names (AST2600, EC2) and two letters (initials, "TC") are no acronyms to spell out.
    if (/\d/.test(acronym) || acronym.length < MIN_LETTERS) continue;
    // Release notes list features by their names; a reviewer asks about the acronyms a text is built on.
    if (list[0]!.block.list || list.length < MIN_USES) continue;
    // Capitals for emphasis ("NOTE", "NOT") are English words.
    if (isCommonWord(acronym.toLowerCase())) continue;
    const first = list[0]!;
    if (linkAt(first.block, first.token.start) !== undefined || explained(first.block, first.token, doc)) continue;
    // A designator after it makes it the name of a standard or level ("SIL 2", "ASIL D", "OSC 9;4").
    if (DESIGNATOR.test(first.block.text.slice(first.token.end, first.token.end + 12))) continue;
    // Its words written out before ("Rust for Linux ... RFL"), even in a heading.
    if (spelledBetween(acronym, words, first.index - REACH, first.index)) continue;
    const later =
      list.slice(1).some((use) => explained(use.block, use.token, doc)) ||
      spelledBetween(acronym, words, first.index + 1, Math.min(words.length, first.index + REACH));
    const place = placeOf(first.block, first.token.start);
    if (later) {
      file.message(`I'd spell out "${first.written}" here, at its first use, rather than further down.`, { place });
    } else {
      file.message(
        `What does "${first.written}" stand for? I'd spell it out at its first use, or link it: not every reader will know it.`,
        { place },
      );
    }
  }
});

export default undefinedAcronym;
