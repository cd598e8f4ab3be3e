// Whether a reviewer's comment was answered, from what became of the lines it
// is about: unchanged is open; changed is addressed when the change is the
// one asked for (the wording the comment quotes is there now, the words it
// quotes from the post are gone, what it asks to add was added), and left to
// the maintainer's eye when the lines changed in some other way.

import type { LinesChange } from './align.js';

export type Status = 'addressed' | 'open' | 'unclear';

export interface Decision {
  status: Status;
  evidence: string;
}

/** Text as compared: Markdown links and emphasis dropped, lower case, straight quotes, single spaces. */
export function plain(text: string): string {
  return text
    .replace(/\]\([^)\s]*\)/g, '')
    .replace(/[[\]*_`]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+([,.;:!?)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Phrases a comment quotes: "...", “...”, `...`, and '...' set off by spaces. */
export function quotedPhrases(comment: string): string[] {
  const found: string[] = [];
  for (const m of comment.matchAll(/"([^"\n]{2,200})"|“([^”\n]{2,200})”|`([^`\n]{2,200})`|(?<![\p{L}\p{N}])'([^'\n]{2,200})'(?![\p{L}\p{N}])/gu)) {
    const phrase = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').replace(/\s*(?:\.{2,}|…)\s*$/, '').replace(/^\s*(?:\.{2,}|…)\s*/, '');
    if (plain(phrase).length >= 2) found.push(phrase.trim());
  }
  return found;
}

// Words that say how a reviewer asks, not what: they tell nothing about the answer.
const ASKING = new Set(
  (
    'about above after again also always asking because before being below better could does doing done else even ever ' +
    'from have here into just like maybe mean means might more most much must need needs only other perhaps please rather ' +
    'really same say says should since some something sorry still sure than that their them then there these they thing think ' +
    'this those though through want wants were what when where whether which while will with within without would write your ' +
    'comment comments question questions ignorant native speaker wording sentence paragraph line lines word words post article ' +
    'blog patch mail instead drop remove scratch delete simply probably already time times first people know look next reading ' +
    'expecting initial somehow provide adding added mention mentioned hmm nit nits typo'
  ).split(' '),
);

function words(text: string): string[] {
  return [...plain(text).matchAll(/[\p{L}][\p{L}\p{N}'-]*/gu)].map((m) => m[0].replace(/'s$/, '').replace(/(?<=\w{3})s$/, ''));
}

function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length >= 4 && !ASKING.has(w));
}

const LINKISH = /\b(?:links?|linked|linking|urls?|homepages?|home page|reference)\b/i;

function short(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1).trimEnd()}…` : one;
}

/** The status of a reviewer's comment about lines whose fate is `change`. */
export function decide(comment: string, change: LinesChange): Decision {
  if (!change.found) return { status: 'unclear', evidence: 'the quoted lines are not in the earlier version' };
  if (!change.changed) {
    return { status: 'open', evidence: change.moved ? 'the lines moved but are unchanged' : 'the lines are unchanged' };
  }
  if (change.gone && change.added === '') return { status: 'addressed', evidence: 'the lines were removed' };
  const oldFocus = plain(change.oldText);
  const oldParagraph = plain(change.oldParagraph);
  const now = plain(change.newText);
  for (const phrase of quotedPhrases(comment)) {
    const p = plain(phrase);
    if (oldFocus.includes(p) && !now.includes(p)) return { status: 'addressed', evidence: `"${short(phrase)}" is gone` };
    if (p.includes(' ') && !oldParagraph.includes(p) && now.includes(p)) return { status: 'addressed', evidence: `now reads "${short(phrase)}"` };
  }
  if (LINKISH.test(comment) && /https?:\/\/|\]\(|\]\[/.test(change.addedNearby)) return { status: 'addressed', evidence: 'a link was added' };
  const before = new Set(words(change.oldParagraph));
  const added = new Set(words(change.addedNearby));
  const answered = [...new Set(contentWords(comment))].filter((w) => !before.has(w) && added.has(w));
  if (answered.length > 0) return { status: 'addressed', evidence: `added ${answered.slice(0, 3).map((w) => `"${w}"`).join(', ')}` };
  return { status: 'unclear', evidence: 'the lines changed in another way than the comment asks' };
}
