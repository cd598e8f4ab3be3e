// A rule's message as the plain finding that the rest of the review reads:
// the place, the severity the site gives the rule, the suggested wording.

import type { VFileMessage } from 'vfile-message';
import type { RuleSetting } from '../config/settings.js';
import type { Finding, Severity } from '../core/types.js';
import { RULES } from '../rules/index.js';
import { fixOf, onCommitMessage } from '../rules/kit/context.js';

const SEVERITY = new Map<string, Severity>(RULES.map((r) => [r.meta.id, r.meta.severity]));

export function toFinding(message: VFileMessage, rules?: ReadonlyMap<string, RuleSetting>): Finding {
  const rule = message.ruleId ?? 'unknown';
  const level = rules?.get(rule)?.level;
  const start = message.place && 'start' in message.place ? message.place.start : message.place;
  const end = message.place && 'end' in message.place ? message.place.end : start;
  const finding: Finding = {
    rule,
    severity: level && level !== 'off' ? level : (SEVERITY.get(rule) ?? 'warning'),
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    endLine: end?.line ?? start?.line ?? 1,
    endColumn: end?.column ?? start?.column ?? 1,
    message: message.reason,
  };
  const suggestion = message.expected?.[0];
  if (suggestion !== undefined) finding.suggestion = suggestion;
  const fix = fixOf(message);
  if (fix !== undefined) finding.fix = fix;
  if (onCommitMessage(message)) finding.onCommitMessage = true;
  return finding;
}

/** In the order a reader meets them: by place, then by rule. */
export function byPlace(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
