// GitHub Actions workflow commands: `::warning file=...,line=...::message`
// lines that the runner turns into annotations on the diff. A step shows at
// most 10 annotations of each level (actions/toolkit, docs/problem-matchers.md
// "Limitations"), the rest are dropped silently: so errors come first, then
// warnings, then notices, 10 of each at most, and one plain line says how
// many were left out.

import type { ReviewedInput, Severity } from '../core/types.js';
import { SEVERITIES } from '../core/severity.js';
import { locate, oneLine, plural, type FormatOptions, type Located } from './ci.js';

export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
const NOUN: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['notice', 'notices'],
};

// The runner's own escaping (actions/toolkit, packages/core/src/command.ts):
// the message is data, the key=value pairs are properties, where `:` and `,`
// would end a value. What is left unsafe for a terminal is shown escaped.
export function escapeData(text: string): string {
  return oneLine(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

export function escapeProperty(text: string): string {
  return oneLine(
    text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C'),
  );
}

function annotation({ path, finding: f }: Located): string {
  const props = [`file=${escapeProperty(path)}`, `line=${f.line}`, `endLine=${f.endLine}`];
  // GitHub takes columns only for an annotation on one line.
  if (f.line === f.endLine) props.push(`col=${f.column}`, `endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(f.rule)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}

function list(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function renderGithub(inputs: ReviewedInput[], options: FormatOptions = {}): string {
  const located = locate(inputs, options);
  const lines: string[] = [];
  const hidden: string[] = [];
  for (const severity of SEVERITIES) {
    const ofLevel = located.filter((l) => l.finding.severity === severity);
    lines.push(...ofLevel.slice(0, ANNOTATIONS_PER_LEVEL).map(annotation));
    const rest = ofLevel.length - ANNOTATIONS_PER_LEVEL;
    if (rest > 0) hidden.push(`${plural(rest, `more ${NOUN[severity][0]}`, `more ${NOUN[severity][1]}`)}`);
  }
  if (hidden.length > 0) {
    lines.push(`review-post: ${list(hidden)} not shown as annotations (see the full report with --format text)`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
