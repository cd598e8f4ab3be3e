// What CI formats say about each rule (SARIF's rule descriptors above all):
// its id, default severity and help, taken from the doc comment at the top of
// the rule's file, so that the help a CI shows is the one the rule documents.

import type { Severity } from '../core/severity.js';
import { ruleDoc } from './docs.js';
import { RULES } from './index.js';
import type { RuleModule } from './kit/rule.js';

export interface RuleInfo {
  id: string;
  /** The severity the rule has by default (a site's settings may change it per finding). */
  severity: Severity;
  /** One sentence: what the rule flags. */
  shortDescription: string;
  /** The rule's whole description: what it flags and why, paragraphs kept. */
  fullDescription: string;
}

/** The first sentence: ends at `.`, `!` or `?` outside parentheses and quotes. */
function firstSentence(paragraph: string): string {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < paragraph.length; i++) {
    const ch = paragraph[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (ch === '"') quoted = !quoted;
    else if ((ch === '.' || ch === '!' || ch === '?') && depth === 0 && !quoted) {
      const next = paragraph[i + 1];
      if (next === undefined || next === ' ') return paragraph.slice(0, i + 1);
    }
  }
  return paragraph;
}

/**
 * The parts of a doc comment's description (as `readRuleDoc` returns it:
 * `review-post:<id>`, a blank line, then the text, hard-wrapped).
 */
export function describeRule(id: string, severity: Severity, description: string): RuleInfo {
  const text = description.replace(new RegExp(`^review-post:${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*`), '');
  // Hard-wrapped lines joined: consumers wrap text themselves.
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  const fullDescription = paragraphs.join('\n\n') || id;
  return { id, severity, shortDescription: firstSentence(paragraphs[0] ?? id), fullDescription };
}

let cache: RuleInfo[] | undefined;

/** One entry per registered rule, in registry order. Reads the rule files once. */
export function ruleInfos(rules: readonly RuleModule[] = RULES): RuleInfo[] {
  if (rules === RULES && cache) return cache;
  const infos = rules.map((r) => describeRule(r.meta.id, r.meta.severity, ruleDoc(r).description));
  if (rules === RULES) cache = infos;
  return infos;
}
