/**
 * review-post:grammar
 *
 * Flags the grammar slips that are certain from the words alone, without a
 * parser that could guess wrong: two articles in a row ("registered as an a
 * member"), "a" before a plural that ends its phrase ("at a fixed
 * intervals"), a pronoun whose verb does not agree with it at the start of
 * a clause ("they is", "it have", "these is"), a modal before a past
 * participle ("it will tagged"), two forms of "be" ("are be", "is been"),
 * "than" after a condition that compares nothing ("If nobody owns it than
 * it won't get done"), "it's" before a plural ("it's maintainers"), an
 * "of" missing after "amount" ("the amount memory"), and a sentence that
 * starts in lower case after a full stop inside a paragraph ("works. the
 * next step").
 * Questions and other inversions ("does it have"), causatives ("let it
 * have"), letters and variables ("the A record", "if a is"), names, code,
 * abbreviations ("e.g. the", "etc. and") and plurals that name one thing ("a
 * means of", "a series") are left alone; so are compounds, where a plural
 * can stand before its noun ("a systems language"). Homophones and "a"/"an"
 * are the `confusables` rule's.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Does it have a cache? Let it have one. It will need more, and it will
 *   be tagged. If it is bigger than it was, fine. It's users who count, and
 *   it's days away. The amount needed is small. They are registered as a member
 *   of the group, at fixed intervals, in a systems language. A series of
 *   tests ran, e.g. the cache test, and a means of checking it. The A record
 *   points here, and if a is zero the loop stops.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   Users registered as an a member get a report at a fixed intervals. They
 *   is happy, and it have a cache. The guest boots. the host waits.
 *
 *   It will tagged soon, and the results are be fine. If nobody owns it than
 *   it won't get done.
 *
 *   The project and it's maintainers need the amount memory it asks for.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:21-2:64: "an a member" has one article too many; I'd write "a member".
 *   1:49-2:64: "a" does not go with the plural "intervals"; I'd write "fixed intervals" (or "a fixed interval").
 *   1:68-2:64: The verb does not agree with "They": I'd write "They are".
 *   2:15-2:64: The verb does not agree with "it": I'd write "it has".
 *   2:49-2:64: This sentence starts in lower case: I'd write "The host".
 *   4:4-5:19: A "be" is missing: I'd write "will be tagged".
 *   4:38-5:19: "are be" has one verb too many; I'd write "are".
 *   4:69-5:19: Typo: "than" should be "then" here: nothing is compared.
 *   7:17-7:69: Typo: "it's" should be "its" here: "its maintainers".
 *   7:43-7:69: An "of" is missing: I'd write "amount of memory".
 */

import type { Root } from 'mdast';
import { isCommonWord, isWord } from '../kit/lexicon.js';
import { matchCase, norm, proseBlocks, reportSlip, type ProseBlock, type ProseSentence, type Token } from '../kit/prose.js';
import { defineRule } from '../kit/rule.js';

const ARTICLES = new Set(['a', 'an', 'the']);
// Plurals and words in -s that name one thing: "a means of", "a series", "a lens".
const ONE_THING = new Set(
  'means series species lens bias canvas yes kudos chaos thanks news odds headquarters crossroads barracks gallows whereabouts physics mathematics economics analytics graphics ethics logistics politics'.split(
    ' ',
  ),
);
// What may follow a plural that ends its phrase: punctuation, or a word that cannot be its noun.
const AFTER_PHRASE = new Set(
  'of in on at to for with by from into onto and or but that which who is are was were will would can could should may might must has have had do does did than as when where while if'.split(' '),
);
// Endings that make a word an adjective before its noun ("a fixed", "a famous"),
// and never a noun that a verb in -s could follow ("a panic occurs", "a library changes").
const ADJECTIVE = /(?:ous|ive|ful|able|ible|less)$/;
const ADJECTIVES = new Set('new old big small large long short high low good bad great single whole full true real few'.split(' '));
// Quantities after "a" take a plural: "a few days", "a lot", "a couple hours".
const QUANTITY = new Set('few couple lot number dozen hundred thousand million billion variety range set pair group bunch handful total majority minority'.split(' '));

/** The verb a subject pronoun wants instead of the one written, when it is certain. */
const AGREEMENT: Record<string, Record<string, string>> = {
  plural: { is: 'are', was: 'were', has: 'have', does: 'do', "doesn't": "don't", "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't" },
  singular: { are: 'is', have: 'has', do: 'does', "don't": "doesn't", "aren't": "isn't", "haven't": "hasn't" },
  i: { is: 'am', are: 'am', has: 'have', does: 'do', "doesn't": "don't" },
  // Not "were": "if this were" is right.
  this: { are: 'is', have: 'has' },
};
const SUBJECTS: Record<string, keyof typeof AGREEMENT> = {
  we: 'plural',
  they: 'plural',
  you: 'plural',
  these: 'plural',
  those: 'plural',
  he: 'singular',
  she: 'singular',
  it: 'singular',
  i: 'i',
  this: 'this',
};
// Words after which a pronoun opens a clause, so its verb must agree with it.
const CLAUSE_OPENERS = new Set('and or but so because since that when if while although though once until unless whereas'.split(' '));
// Abbreviations a full stop ends without ending the sentence.
const ABBREVIATIONS = new Set('etc vs esp approx cf resp incl excl misc fig figs eq no nos al ca ed eds vol pp ch sec min max viz ref refs'.split(' '));

interface Slip {
  start: number;
  end: number;
  reason: string;
  suggestion: string;
  /** The text that replaces start..end, when the fix is certain. */
  fix?: string;
}

interface Word {
  word: Token;
  /** The word as compared: lower case, straight apostrophe. */
  lower: string;
  /** What stands between it and the word before. */
  gap: string;
}

/** The words of a sentence with what stands between them, as one list. */
function words(sentence: ProseSentence): Word[] {
  const out: Word[] = [];
  let gap = '';
  for (const token of sentence.tokens) {
    if (token.kind === 'word') {
      out.push({ word: token, lower: norm(token.value), gap });
      gap = '';
    } else gap += token.value;
  }
  return out;
}

const lowerCase = (s: string): boolean => s === s.toLowerCase();

/** "the" before "a", "an a": one article too many. */
function doubledArticles(list: Word[]): Slip[] {
  const slips: Slip[] = [];
  for (let i = 0; i + 2 < list.length; i++) {
    const first = list[i]!.word;
    const second = list[i + 1]!;
    const noun = list[i + 2]!;
    if (!/^\s+$/.test(second.gap) || !/^\s+$/.test(noun.gap)) continue;
    const a = list[i]!.lower;
    const b = second.lower;
    if (!ARTICLES.has(a) || !ARTICLES.has(b) || a === b) continue;
    // "the A record", "an A/B test": a letter, not an article.
    if (!lowerCase(second.word.value) || !lowerCase(noun.word.value) || !isCommonWord(noun.word.value)) continue;
    const kept = `${matchCase(first.value, second.word.value)} ${noun.word.value}`;
    slips.push({
      start: first.start,
      end: noun.word.end,
      reason: `"${first.value} ${second.word.value} ${noun.word.value}" has one article too many; I'd write "${kept}".`,
      suggestion: kept,
      // "an a member": the writer changed "an" to "a" and kept both.
      ...(a !== 'the' && b !== 'the' ? { fix: matchCase(first.value, second.word.value) + ' ' + noun.word.value } : {}),
    });
  }
  return slips;
}

/** The singular of a plural noun, when the word is plainly one. */
function singular(word: string): string | undefined {
  if (!/^\p{Ll}{4,}s$/u.test(word) || ONE_THING.has(word) || /(?:ss|us|is|ous|ws|ics)$/.test(word)) return undefined;
  for (const base of [word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.slice(0, -1)]) {
    if (base !== word && base.length >= 3 && isCommonWord(base) && isCommonWord(word)) return base;
  }
  return undefined;
}

/** A word that is plainly an adjective: by its ending, or a past participle of a common verb ("fixed"). */
function adjectival(word: string): boolean {
  if (!isCommonWord(word)) return false;
  if (ADJECTIVES.has(word) || ADJECTIVE.test(word)) return true;
  return /^\p{Ll}{3,}ed$/u.test(word) && (isCommonWord(word.slice(0, -2)) || isCommonWord(word.slice(0, -1)));
}

/** "a fixed intervals": "a" before a plural that ends its phrase. */
function articleBeforePlural(list: Word[]): Slip[] {
  const slips: Slip[] = [];
  for (let i = 0; i + 1 < list.length; i++) {
    const article = list[i]!.word;
    if (list[i]!.lower !== 'a' || (article.value === 'A' && i > 0)) continue;
    let k = i + 1;
    const adjective = list[k]!.word.value;
    if (QUANTITY.has(adjective)) continue;
    if (k + 1 < list.length && adjectival(adjective) && /^\s+$/.test(list[k + 1]!.gap)) {
      k++;
    }
    const plural = list[k]!;
    if (!/^\s+$/.test(list[i + 1]!.gap) || !/^\s+$/.test(plural.gap)) continue;
    const one = singular(plural.word.value);
    if (one === undefined) continue;
    // The plural ends its phrase: punctuation follows, or a word that cannot be its noun.
    const next = list[k + 1];
    if (next !== undefined && /^\s+$/.test(next.gap) && !AFTER_PHRASE.has(next.lower)) continue;
    if (next !== undefined && /['’]/.test(next.gap)) continue;
    const rest = list.slice(i + 1, k + 1).map((w) => w.word.value);
    const without = rest.join(' ');
    const fixed = `${matchCase(article.value, 'a')} ${[...rest.slice(0, -1), one].join(' ')}`;
    slips.push({
      start: article.start,
      end: plural.word.end,
      reason: `"${article.value}" does not go with the plural "${plural.word.value}"; I'd write "${without}" (or "${fixed}").`,
      suggestion: without,
    });
  }
  return slips;
}

/** "they is", "it have": a pronoun opening a clause and a verb that does not agree with it. */
function agreement(list: Word[]): Slip[] {
  const slips: Slip[] = [];
  for (let i = 0; i + 1 < list.length; i++) {
    const subject = list[i]!.word;
    const verb = list[i + 1]!;
    const kind = SUBJECTS[list[i]!.lower];
    if (kind === undefined || !/^\s+$/.test(verb.gap)) continue;
    // "I" only as written; the pronoun only where it opens a clause, not after "does", "let", "make".
    if (list[i]!.lower === 'i' && subject.value !== 'I') continue;
    const before = list[i - 1];
    // "and" opens a clause only after a comma: "Niko and I are" is one subject.
    const joined = before !== undefined && ['and', 'or'].includes(before.lower) && !/[,;]/.test(before.gap);
    const opens = before === undefined || /[,;:(]/.test(list[i]!.gap) || (CLAUSE_OPENERS.has(before.lower) && !joined);
    if (!opens) continue;
    const right = AGREEMENT[kind]![verb.lower];
    if (right === undefined) continue;
    // "this are" is also "this [noun] are" cut short by a name or code: only before a word.
    const after = list[i + 2];
    if (kind === 'this' && after === undefined) continue;
    const fixed = `${subject.value} ${matchCase(verb.word.value, right)}`;
    slips.push({
      start: subject.start,
      end: verb.word.end,
      reason: `The verb does not agree with "${subject.value}": I'd write "${fixed}".`,
      suggestion: fixed,
      fix: fixed,
    });
  }
  return slips;
}

/**
 * "The guest boots. the host waits.": parse-english reads a full stop before
 * lower case as an abbreviation's and keeps it in the word ("boots."), so
 * the sentence goes on; a plain word there ends a sentence all the same.
 */
function lowerCaseStart(sentence: ProseSentence): Slip[] {
  const slips: Slip[] = [];
  const { tokens } = sentence;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const before = tokens[i]!;
    const white = tokens[i + 1]!;
    const next = tokens[i + 2]!;
    if (before.kind !== 'word' || !before.value.endsWith('.') || white.kind !== 'white' || next.kind !== 'word') continue;
    // "e.g. the", "etc. and", "foo.bar. baz": abbreviations and names.
    const last = before.value.slice(0, -1);
    if (!/^\p{Ll}{3,}$/u.test(last) || ABBREVIATIONS.has(last) || !isCommonWord(last)) continue;
    const first = next.value;
    if (!/^\p{Ll}{2,}$/u.test(first) || !isCommonWord(first)) continue;
    // The word after must be prose too: "call foo. bar is" is code talk.
    const after = tokens[i + 4];
    if (after !== undefined && after.kind === 'word' && !isWord(after.value)) continue;
    const capital = first[0]!.toUpperCase() + first.slice(1);
    const following = after?.kind === 'word' ? ` ${after.value}` : '';
    slips.push({
      start: next.start,
      end: next.end,
      reason: `This sentence starts in lower case: I'd write "${capital}${following}".`,
      suggestion: capital,
      fix: capital,
    });
  }
  return slips;
}

const MODALS = new Set('will would can could shall should may might must'.split(' '));
const BE = new Set(['is', 'are', 'was', 'were', 'am', 'be', 'been', 'being']);

/**
 * "it will tagged": a modal before a past participle lacks its "be"; "are
 * be", "is been": two forms of "be" where one is meant.
 */
function verbChains(list: Word[]): Slip[] {
  const slips: Slip[] = [];
  for (let i = 0; i + 1 < list.length; i++) {
    const first = list[i]!.word;
    const second = list[i + 1]!;
    if (!/^\s+$/.test(second.gap)) continue;
    const a = list[i]!.lower;
    const b = second.word.value;
    if (MODALS.has(a) && /^\p{Ll}{3,}ed$/u.test(b) && isCommonWord(b) && isPastForm(b)) {
      const fixed = `${first.value} be ${b}`;
      slips.push({ start: first.start, end: second.word.end, reason: `A "be" is missing: I'd write "${fixed}".`, suggestion: fixed });
    } else if (BE.has(a) && a !== 'be' && a !== 'been' && a !== 'being' && (b === 'be' || (b === 'been' && a === 'is'))) {
      const fixed = b === 'been' ? `has been` : first.value;
      slips.push({
        start: first.start,
        end: second.word.end,
        reason: `"${first.value} ${b}" has one verb too many; I'd write "${fixed}".`,
        suggestion: fixed,
      });
    }
  }
  return slips;
}

// Verbs and other words whose own form ends in -ed: "will need", "can embed".
const OWN_ED = new Set('need feed seed speed proceed exceed succeed embed breed bleed heed shed shred wed bed weed deed indeed led fled bred fed sped'.split(' '));

/** A past form of a common verb ("tagged", "used", "applied"), not a word of its own in -ed. */
function isPastForm(word: string): boolean {
  if (OWN_ED.has(word)) return false;
  const stems = [word.slice(0, -2)];
  if (word.endsWith('ed') && word.at(-3) !== 'e') stems.push(word.slice(0, -1));
  if (/(.)\1ed$/.test(word)) stems.push(word.slice(0, -3));
  if (/ied$/.test(word)) stems.push(`${word.slice(0, -3)}y`);
  return stems.some((stem) => stem.length >= 3 && isCommonWord(stem));
}

// Words that make a "than" right: a comparison is being made.
const COMPARING = /^(?:more|less|fewer|rather|other|else|different|differently|prefer|preferred|sooner|\p{L}+er)$/u;

/** "If nobody does it than it won't get done": "than" for "then", after a condition and no comparison. */
function thanForThen(list: Word[]): Slip[] {
  const first = list[0];
  if (first === undefined || !['if', 'when', 'once'].includes(first.lower)) return [];
  for (let i = 1; i + 1 < list.length; i++) {
    const word = list[i]!;
    if (COMPARING.test(word.lower)) return [];
    if (word.lower !== 'than') continue;
    const subject = list[i + 1]!.lower;
    if (!['it', 'we', 'you', 'they', 'he', 'she', 'i', 'there', 'this', 'that'].includes(subject)) return [];
    const fixed = matchCase(word.word.value, 'then');
    return [
      {
        start: word.word.start,
        end: word.word.end,
        reason: `Typo: "${word.word.value}" should be "${fixed}" here: nothing is compared.`,
        suggestion: fixed,
        fix: fixed,
      },
    ];
  }
  return [];
}

// Plurals after "it's" that make a clause of their own: "it's days away", "it's turtles all the way down".
const TIME = new Set('seconds minutes hours days weeks months years decades ages times turtles'.split(' '));
// What follows a cleft sentence's noun: "it's users who ...".
const CLEFT = new Set(['who', 'that', 'which', 'whose', 'and', 'or', 'not', 'rather', 'all', 'only', 'too']);

/** "it's maintainers": the possessive "its" before a plural noun. */
function itsBeforePlural(list: Word[]): Slip[] {
  const slips: Slip[] = [];
  for (let i = 0; i + 1 < list.length; i++) {
    const its = list[i]!.word;
    const noun = list[i + 1]!;
    if (list[i]!.lower !== "it's" || !/^\s+$/.test(noun.gap)) continue;
    const plural = noun.word.value;
    if (singular(plural) === undefined || TIME.has(plural)) continue;
    const after = list[i + 2];
    if (after !== undefined && (!/^\s+$/.test(after.gap) || CLEFT.has(after.lower))) continue;
    if (after === undefined && list.length <= i + 2) continue;
    const right = matchCase(its.value, 'its');
    slips.push({
      start: its.start,
      end: its.end,
      reason: `Typo: "${its.value}" should be "${right}" here: "${right} ${plural}".`,
      suggestion: right,
      fix: right,
    });
  }
  return slips;
}

// What may follow "amount" without an "of": a verb, a participle or an adjective ("the amount needed", "the amount available").
const AFTER_AMOUNT = new Set(
  'of is was are were has had will would can could should may might must to that which we you they it he she i and or but in on for by with from at as than available possible necessary due left spent paid given lost saved owed'.split(
    ' ',
  ),
);

/** "the amount memory": "of" missing after "amount". */
function amountOf(list: Word[]): Slip[] {
  const slips: Slip[] = [];
  for (let i = 1; i + 1 < list.length; i++) {
    const amount = list[i]!.word;
    const next = list[i + 1]!;
    if (list[i]!.lower !== 'amount' || !['the', 'an', 'this', 'that', 'same', 'any', 'small', 'large', 'huge'].includes(list[i - 1]!.lower)) continue;
    const noun = next.word.value;
    if (!/^\s+$/.test(next.gap) || !/^\p{Ll}{3,}$/u.test(noun) || AFTER_AMOUNT.has(noun) || /(?:ed|ing|ly)$/.test(noun) || !isCommonWord(noun)) continue;
    const fixed = `${amount.value} of ${noun}`;
    slips.push({ start: amount.start, end: next.word.end, reason: `An "of" is missing: I'd write "${fixed}".`, suggestion: fixed, fix: fixed });
  }
  return slips;
}

function slipsOf(block: ProseBlock): Slip[] {
  const slips: Slip[] = [];
  for (const sentence of block.sentences) {
    const list = words(sentence);
    slips.push(...doubledArticles(list), ...articleBeforePlural(list), ...agreement(list), ...verbChains(list), ...thanForThen(list), ...itsBeforePlural(list), ...amountOf(list));
    if (!block.heading) slips.push(...lowerCaseStart(sentence));
  }
  return slips.sort((a, b) => a.start - b.start);
}

const grammar = defineRule({ id: 'grammar', severity: 'warning', docs: import.meta.url }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    for (const { start, end, reason, suggestion, fix } of slipsOf(block)) {
      reportSlip(file, block, start, reason, suggestion, fix === undefined ? undefined : { start, end, text: fix });
    }
  }
});

export default grammar;
