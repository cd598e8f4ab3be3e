// GitLab's Code Quality report (artifacts:reports:codequality): a JSON array
// of issues, the subset of the Code Climate spec that GitLab reads.

import type { ReviewedInput, Severity } from '../core/types.js';
import { safeJson } from '../core/safe-text.js';
import { fingerprints, locate, type FormatOptions } from './ci.js';

// GitLab's scale is info < minor < major < critical < blocker. Critical and
// blocker are for defects that break the product (a crash, a hole); the
// worst a post review finds is something to fix before the post goes out
// (major), a warning is the style a maintainer asks for (minor), info stays
// info.
const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

export function renderCodeQuality(inputs: ReviewedInput[], options: FormatOptions = {}): string {
  const located = locate(inputs, options);
  const prints = fingerprints(located);
  const issues: CodeQualityIssue[] = located.map(({ path, finding: f }, i) => ({
    description: f.message,
    check_name: f.rule,
    fingerprint: prints[i] ?? '',
    severity: SEVERITY[f.severity],
    location: { path, lines: { begin: f.line, end: f.endLine } },
  }));
  return `${safeJson(issues)}\n`;
}
