// Cut an mbox (or a `git format-patch` file, a one-message mbox) into raw
// messages. Works on bytes: bodies may be in any charset, or binary.

import type { RawMessage } from './types.js';

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM_ = Buffer.from('From ', 'latin1');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// A real separator is short; capping the length keeps the regex away from
// multi-megabyte lines altogether.
const MAX_SEPARATOR_LENGTH = 1000;

// `From <sender> <asctime>`, with an optional numeric (or short named) zone
// before or after the year. Neighbouring pieces start with characters the
// previous piece cannot match, so a failed match does not backtrack.
const SEPARATOR =
  /^From (\S+) +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}(?::\d{2})?(?: +(?:[+-]\d{4}|[A-Z]{3,5}))? +\d{4}(?: +[+-]\d{4})? *$/;

/** public-inbox writes mboxrd with this sender on every separator. */
const MBOXRD_SENDER = 'mboxrd@z';

/**
 * The sender of the mbox separator in `input[start, end)` (line end
 * excluded), or null when the line is not one.
 */
function separatorSender(input: Buffer, start: number, end: number): string | null {
  if (end - start > MAX_SEPARATOR_LENGTH || end - start < FROM_.length) return null;
  if (input.compare(FROM_, 0, FROM_.length, start, start + FROM_.length) !== 0) return null;
  const match = SEPARATOR.exec(input.toString('latin1', start, end));
  return match?.[1] ?? null;
}

/**
 * Whether the line at `start` is a quoted `From ` line that loses one `>`:
 * any number of `>` in mboxrd, exactly one in mboxo.
 */
function isQuotedFrom(input: Buffer, start: number, end: number, mboxrd: boolean): boolean {
  if (input[start] !== GT) return false;
  let pos = start + 1;
  if (mboxrd) {
    while (pos < end && input[pos] === GT) pos++;
  }
  if (end - pos < FROM_.length) return false;
  return input.compare(FROM_, 0, FROM_.length, pos, pos + FROM_.length) === 0;
}

interface Line {
  start: number;
  /** End of the text, before any CR LF. */
  end: number;
  /** Start of the next line. */
  next: number;
}

function lineAt(input: Buffer, start: number): Line {
  const nl = input.indexOf(LF, start);
  const next = nl === -1 ? input.length : nl + 1;
  let end = nl === -1 ? input.length : nl;
  if (end > start && input[end - 1] === CR) end--;
  return { start, end, next };
}

function isWhitespace(input: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = input[i];
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * Split an mbox into its messages, separator lines removed and `>From `
 * unquoted (mboxrd when the separator says `From mboxrd@z`, else mboxo).
 * Input that does not start with a separator is one message. Never returns
 * an empty list.
 */
export function splitMessages(input: Buffer): RawMessage[] {
  const bodyStart = input.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0;

  let first = bodyStart;
  while (first < input.length) {
    const line = lineAt(input, first);
    if (!isWhitespace(input, line.start, line.end)) break;
    first = line.next;
  }
  if (first >= input.length || separatorSender(input, first, lineAt(input, first).end) === null) {
    return [{ index: 1, raw: bodyStart === 0 ? input : input.subarray(bodyStart) }];
  }

  const messages: RawMessage[] = [];
  // The current message is kept as pieces of `input` between the bytes that
  // unquoting drops, so nothing is copied until the message is complete.
  let pieces: Buffer[] = [];
  let pieceStart = 0;
  let mboxrd = false;
  let open = false;
  let previousBlank = true;
  let previousStart = first;

  const finish = (end: number): void => {
    pieces.push(input.subarray(pieceStart, end));
    messages.push({ index: messages.length + 1, raw: Buffer.concat(pieces) });
    pieces = [];
  };

  for (let pos = first; pos < input.length; ) {
    const line = lineAt(input, pos);
    const sender = previousBlank ? separatorSender(input, line.start, line.end) : null;
    if (sender !== null) {
      // The blank line before a separator belongs to the mbox, not the message.
      if (open) finish(previousStart);
      open = true;
      mboxrd = sender === MBOXRD_SENDER;
      pieceStart = line.next;
    } else if (isQuotedFrom(input, line.start, line.end, mboxrd)) {
      pieces.push(input.subarray(pieceStart, line.start));
      pieceStart = line.start + 1;
    }
    previousBlank = line.end === line.start;
    previousStart = line.start;
    pos = line.next;
  }
  finish(input.length);
  return messages;
}
