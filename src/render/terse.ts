// One line per finding, the way checkpatch.pl --terse --show-types prints:
// `path:line: WARNING:rule-id: message`. Nothing at all when there is no
// finding: b4's per-patch check commands (prep-/am-perpatch-check-cmd) take
// any output as something to report.

import type { ReviewedInput, Severity } from '../core/types.js';
import { locate, oneLine, type FormatOptions } from './ci.js';

const LEVEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

export function renderTerse(inputs: ReviewedInput[], options: FormatOptions = {}): string {
  const lines = locate(inputs, options).map(
    ({ path, finding: f }) => `${oneLine(path)}:${f.line}: ${LEVEL[f.severity]}:${oneLine(f.rule)}: ${oneLine(f.message)}`,
  );
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
