// The rules review-post runs, with the severity each has by default.

import type { Root } from 'mdast';
import type { Plugin } from 'unified-lint-rule';
import type { Severity } from '../src/types.js';
import linkFirstMention from './link-first-mention.js';
import noRhetoricalQuestion from './no-rhetorical-question.js';
import preferReferenceLinks from './prefer-reference-links.js';
import usagePointer from './usage-pointer.js';

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
];
