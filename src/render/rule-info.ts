// What CI formats say about each rule (SARIF's rule descriptors above all):
// its id, default severity and help, taken from the doc comment at the top of
// the rule's file, so that the help a CI shows is the one the rule documents.

import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, type RuleEntry } from '../../rules/index.js';
import { readRuleDoc } from '../rule-docs.js';
import type { Severity } from '../types.js';

export interface RuleInfo {
  id: string;
  /** The severity the rule has by default (a site's settings may change it per finding). */
  severity: Severity;
  /** One sentence: what the rule flags. */
  shortDescription: string;
  /** The rule's whole description: what it flags and why, paragraphs kept. */
  fullDescription: string;
}

/**
 * The rule's source file next to this module's build: `rules/<id>.ts` when
 * vitest runs the TypeScript, `dist/rules/<id>.js` when node runs the
 * compiled `dist/src/render/rule-info.js` (tsc keeps the doc comments).
 * Both sit two folders up from this module, with this module's extension.
 */
export function ruleFilePath(id: string, moduleUrl: string = import.meta.url): string {
  const ext = extname(fileURLToPath(moduleUrl));
  return fileURLToPath(new URL(`../../rules/${id}${ext}`, moduleUrl));
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
export function ruleInfos(rules: readonly RuleEntry[] = RULES): RuleInfo[] {
  if (rules === RULES && cache) return cache;
  const infos = rules.map((r) => describeRule(r.id, r.severity, readRuleDoc(ruleFilePath(r.id)).description));
  if (rules === RULES) cache = infos;
  return infos;
}
