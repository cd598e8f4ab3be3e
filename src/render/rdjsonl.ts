// reviewdog's rdjsonl: one Diagnostic (proto/rdf/reviewdog.proto) per line,
// for `reviewdog -f=rdjsonl`. Ranges end exclusive as ours do; columns count
// UTF-8 bytes there, UTF-16 units here, so they are converted.

import type { ReviewedInput, Severity } from '../core/types.js';
import { safeJson } from '../core/safe-text.js';
import { byteColumn, locate, replacement, type FormatOptions } from './ci.js';

const SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

interface Position {
  line: number;
  column: number;
}

interface Range {
  start: Position;
  end: Position;
}

interface Diagnostic {
  message: string;
  location: { path: string; range: Range };
  severity: 'ERROR' | 'WARNING' | 'INFO';
  source: { name: string };
  code: { value: string };
  suggestions?: { range: Range; text: string }[];
}

export function renderRdjsonl(inputs: ReviewedInput[], options: FormatOptions = {}): string {
  const lines = locate(inputs, options).map(({ path, post, finding: f }) => {
    const range: Range = {
      start: { line: f.line, column: byteColumn(post, f.line, f.column) },
      end: { line: f.endLine, column: byteColumn(post, f.endLine, f.endColumn) },
    };
    const diagnostic: Diagnostic = {
      message: f.message,
      location: { path, range },
      severity: SEVERITY[f.severity],
      source: { name: 'review-post' },
      code: { value: f.rule },
    };
    const text = replacement(post, f);
    if (text !== undefined) diagnostic.suggestions = [{ range, text }];
    return safeJson(diagnostic, 0);
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
