// The one ranking of severities: what a rule's level may be, what `--fail-level`
// compares against, the order CI summaries list them in.

export type Severity = 'error' | 'warning' | 'info';
/** A rule's level in a config: a severity, or off. */
export type RuleLevel = Severity | 'off';
/** `--fail-level` and the config's `failLevel`: a severity, or never. */
export type FailLevel = Severity | 'none';

/** Most severe first, as summaries list them. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];
export const FAIL_LEVELS: readonly FailLevel[] = ['error', 'warning', 'info', 'none'];

const RANK: Record<FailLevel, number> = { info: 1, warning: 2, error: 3, none: Infinity };

/** A finding of this severity fails a run at this fail level. */
export function fails(severity: Severity, failLevel: FailLevel): boolean {
  return RANK[severity] >= RANK[failLevel];
}

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && (RULE_LEVELS as readonly string[]).includes(value);
}

export function isFailLevel(value: unknown): value is FailLevel {
  return typeof value === 'string' && (FAIL_LEVELS as readonly string[]).includes(value);
}
