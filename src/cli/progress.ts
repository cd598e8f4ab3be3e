// How far a long archive scan has come, on stderr, updated in place. Only on
// a terminal: in a pipe, a log or CI it would be noise that never clears.

import { sizeText } from '../core/limits.js';
import type { ProgressListener } from '../mail/messages.js';
import { safeLine } from '../core/safe-text.js';

// A redraw costs a write; a few a second read as smooth.
const REDRAW_MS = 200;

export interface Progress {
  /** The listener for one input. */
  listener(name: string): ProgressListener;
  /** Clears the line, once the input is read. */
  clear(): void;
}

/** A progress line on stderr, or undefined when stderr is not a terminal. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
  if (!stream.isTTY || process.env.CI) return undefined;
  let shown = 0;
  let last = 0;
  const write = (line: string): void => {
    // Padding over the previous line rather than an escape sequence: any terminal clears it.
    stream.write(`\r${line.padEnd(shown)}\r`);
    shown = line.length;
  };
  return {
    listener(name: string): ProgressListener {
      return (done, total) => {
        const now = Date.now();
        if (now - last < REDRAW_MS) return;
        last = now;
        const of = total === undefined ? '' : ` of ${sizeText(total)} (${Math.floor((done / total) * 100)}%)`;
        write(`review-post: ${safeLine(name)}: read ${sizeText(done)}${of}`.slice(0, (stream.columns || 80) - 1));
      };
    },
    clear(): void {
      if (shown > 0) write('');
      shown = 0;
    },
  };
}
