// The rules review-post runs, with the severity each has by default.

import type { Root } from 'mdast';
import type { Plugin } from 'unified-lint-rule';
import type { Severity } from '../src/types.js';
import linkFirstMention from './link-first-mention.js';
import noRhetoricalQuestion from './no-rhetorical-question.js';
import preferReferenceLinks from './prefer-reference-links.js';
import usagePointer from './usage-pointer.js';
import spelling from './spelling.js';
import confusables from './confusables.js';
import doubledWords from './doubled-words.js';
import wordyPhrase from './wordy-phrase.js';
import punctuationSpacing from './punctuation-spacing.js';
import undefinedAcronym from './undefined-acronym.js';
import frontMatter from './front-matter.js';
import postFilename from './post-filename.js';
import headingStructure from './heading-structure.js';
import linkHygiene from './link-hygiene.js';
import imageAssets from './image-assets.js';
import listWrapping from './list-wrapping.js';
import patchHygiene from './patch-hygiene.js';

export interface RuleEntry {
  id: string;
  severity: Severity;
  // Rules take their own options; the registry only passes them through.
  plugin: Plugin<Root, never>;
}

export const RULES: readonly RuleEntry[] = [
  { id: 'no-rhetorical-question', severity: 'warning', plugin: noRhetoricalQuestion },
  { id: 'link-first-mention', severity: 'warning', plugin: linkFirstMention },
  { id: 'prefer-reference-links', severity: 'warning', plugin: preferReferenceLinks },
  { id: 'usage-pointer', severity: 'warning', plugin: usagePointer },
  { id: 'spelling', severity: 'warning', plugin: spelling },
  { id: 'confusables', severity: 'warning', plugin: confusables },
  { id: 'doubled-words', severity: 'warning', plugin: doubledWords },
  { id: 'wordy-phrase', severity: 'info', plugin: wordyPhrase },
  { id: 'punctuation-spacing', severity: 'info', plugin: punctuationSpacing },
  { id: 'undefined-acronym', severity: 'info', plugin: undefinedAcronym },
  { id: 'front-matter', severity: 'warning', plugin: frontMatter },
  { id: 'post-filename', severity: 'warning', plugin: postFilename },
  { id: 'heading-structure', severity: 'warning', plugin: headingStructure },
  { id: 'link-hygiene', severity: 'warning', plugin: linkHygiene },
  { id: 'image-assets', severity: 'warning', plugin: imageAssets },
  { id: 'list-wrapping', severity: 'warning', plugin: listWrapping },
  { id: 'patch-hygiene', severity: 'warning', plugin: patchHygiene },
];
