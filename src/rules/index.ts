// The rules review-post runs, in the order the review lists them. Each rule
// module carries its own id, default severity, docs and options (its `meta`);
// this list only says which rules there are.

import { didYouMean } from '../core/suggest.js';
import type { RuleModule } from './kit/rule.js';
import confusables from './prose/confusables.js';
import doubledWords from './prose/doubled-words.js';
import grammar from './prose/grammar.js';
import noRhetoricalQuestion from './prose/no-rhetorical-question.js';
import punctuationSpacing from './prose/punctuation-spacing.js';
import spelling from './prose/spelling.js';
import undefinedAcronym from './prose/undefined-acronym.js';
import wordyPhrase from './prose/wordy-phrase.js';
import imageAssets from './links/image-assets.js';
import linkFirstMention from './links/link-first-mention.js';
import linkHygiene from './links/link-hygiene.js';
import preferReferenceLinks from './links/prefer-reference-links.js';
import usagePointer from './links/usage-pointer.js';
import frontMatter from './structure/front-matter.js';
import headingStructure from './structure/heading-structure.js';
import listWrapping from './structure/list-wrapping.js';
import patchHygiene from './structure/patch-hygiene.js';
import postFilename from './structure/post-filename.js';

export const RULES: readonly RuleModule[] = [
  noRhetoricalQuestion,
  linkFirstMention,
  preferReferenceLinks,
  usagePointer,
  spelling,
  confusables,
  grammar,
  doubledWords,
  wordyPhrase,
  punctuationSpacing,
  undefinedAcronym,
  frontMatter,
  postFilename,
  headingStructure,
  linkHygiene,
  imageAssets,
  listWrapping,
  patchHygiene,
];

/** What to say of an id that names no rule: the nearest id, when one is close. */
export function unknownRule(id: string): string {
  return `is not a rule${didYouMean(id, RULES.map((r) => r.meta.id))} (see review-post --list-rules)`;
}

/** The rule with this id, if there is one. */
export function ruleById(id: string): RuleModule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
