// The post a one-patch mail adds, read from the mail: the bench and the tests
// review it as a Markdown file of its own.

import { readFileSync } from 'node:fs';

/** The `+` lines after the first `@@` line of the mail at `path`, without their `+`. */
export function postLinesOf(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('@@ '));
  return lines
    .slice(start + 1)
    .filter((l) => l.startsWith('+'))
    .map((l) => l.slice(1));
}

/** The post the mail at `path` adds, as a file. */
export function postOf(path: string): string {
  return `${postLinesOf(path).join('\n')}\n`;
}
