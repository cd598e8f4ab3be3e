// The result b4 reads from a `review-perpatch-check-cmd` (b4 review's CI
// checks, src/b4/review/checks.py): a JSON array of
// {"tool", "status": "pass|warn|fail", "summary", "details"}. b4 pipes one
// patch per run and keys results by message and tool, so one object sums up
// the whole input; `[]` says there was nothing for us to look at.

import type { ReviewedInput, Severity } from '../core/types.js';
import { safeJson } from '../core/safe-text.js';
import { fails, SEVERITIES, type FailLevel } from '../core/severity.js';
import { locate, oneLine, plural, type FormatOptions } from './ci.js';

export interface B4CheckResult {
  tool: string;
  status: 'pass' | 'warn' | 'fail';
  summary: string;
  details?: string;
}

const LEVEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };
const NOUNS: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'info'] };

export function b4CheckResults(inputs: ReviewedInput[], failLevel: FailLevel = 'warning', options: FormatOptions = {}): B4CheckResult[] {
  const located = locate(inputs, options);
  const posts = inputs.reduce((n, i) => n + i.patches.reduce((m, p) => m + p.posts.length, 0), 0);
  // A re-flowed or corrupt patch was not reviewed: that is a failure, whatever the level.
  const damaged = inputs.flatMap((i) => [...i.skipped, ...i.patches.flatMap((p) => p.patch.skipped)].filter((s) => s.damaged));
  if (posts === 0 && damaged.length === 0) return [];

  const counts = SEVERITIES.map((s) => [s, located.filter((l) => l.finding.severity === s).length] as const).filter(([, n]) => n > 0);
  let status: B4CheckResult['status'] = 'pass';
  if (located.length > 0) status = located.some((l) => fails(l.finding.severity, failLevel)) ? 'fail' : 'warn';
  if (damaged.length > 0) status = 'fail';

  const found = counts.length === 0 ? 'no comments' : counts.map(([s, n]) => plural(n, ...NOUNS[s])).join(', ');
  const parts = [`${found} on ${plural(posts, 'post')}`];
  if (damaged.length > 0) parts.unshift(`${plural(damaged.length, 'patch', 'patches')} not reviewed`);
  const details = [
    ...damaged.map((s) => `not reviewed: ${oneLine(s.reason)}`),
    ...located.map(({ path, finding: f }) => `${oneLine(path)}:${f.line}: ${LEVEL[f.severity]}:${oneLine(f.rule)}: ${oneLine(f.message)}`),
  ];
  const result: B4CheckResult = { tool: 'review-post', status, summary: parts.join('; ') };
  if (details.length > 0) result.details = details.join('\n');
  return [result];
}

export function renderB4Check(inputs: ReviewedInput[], failLevel: FailLevel = 'warning', options: FormatOptions = {}): string {
  return `${safeJson(b4CheckResults(inputs, failLevel, options))}\n`;
}
