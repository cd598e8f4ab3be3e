// Cut an mbox (or a `git format-patch` file, a one-message mbox) into raw
// messages. Works on bytes: bodies may be in any charset, or binary.

import type { RawMessage } from '../core/types.js';

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
 * Where the first line that is not blank starts (after a BOM); -1 when there
 * is none; undefined when that line may not be whole yet (`ended` false).
 */
function firstLine(input: Buffer, ended: boolean): number | undefined {
  let first = input.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0;
  while (first < input.length) {
    if (!ended && input.indexOf(LF, first) === -1) return undefined;
    const line = lineAt(input, first);
    if (!isWhitespace(input, line.start, line.end)) return first;
    first = line.next;
  }
  return ended ? -1 : undefined;
}

/** Whether the first bytes of an input show an mbox: its first line that is not blank is a separator. */
export function startsMbox(head: Buffer): boolean {
  const first = firstLine(head, false);
  return first !== undefined && first !== -1 && separatorSender(head, first, lineAt(head, first).end) !== null;
}

/** A message above the splitter's size cap: only its size is kept. */
export interface OversizedMessage {
  index: number;
  bytes: number;
}

export type SplitMessage = RawMessage | OversizedMessage;

export function isOversized(message: SplitMessage): message is OversizedMessage {
  return !('raw' in message);
}

// The blank line a separator drops from the end of the message before it is
// at most CR LF: a message may reach the cap by that much before it is known
// to be above it.
const BLANK_LINE_MAX = 2;

/**
 * The message being cut: pieces of the input chunks between the bytes that
 * unquoting drops, so nothing is copied until the message is complete. Above
 * the cap the pieces are let go and only the size is counted.
 */
class OpenMessage {
  private pieces: Buffer[] = [];
  private size = 0;

  constructor(
    readonly index: number,
    private readonly cap: number,
  ) {}

  add(piece: Buffer): void {
    if (piece.length === 0) return;
    this.size += piece.length;
    if (this.size > this.cap + BLANK_LINE_MAX) this.pieces = [];
    else this.pieces.push(piece);
  }

  /** The message, less `trim` bytes at its end (the blank line before a separator). */
  close(trim: number): SplitMessage {
    this.size -= trim;
    if (this.size > this.cap) return { index: this.index, bytes: this.size };
    let left = trim;
    while (left > 0) {
      const last = this.pieces.pop();
      if (last === undefined) break;
      if (last.length > left) this.pieces.push(last.subarray(0, last.length - left));
      left -= Math.min(left, last.length);
    }
    return { index: this.index, raw: Buffer.concat(this.pieces, this.size) };
  }
}

/**
 * Cuts an mbox fed in chunks of any size into messages, as each completes.
 * Lines are classified whole: a line cut by a chunk boundary is held until its
 * end comes (a line longer than the cap is only counted: it belongs to a
 * message above the cap, which is dropped anyway). Until the first line that
 * is not blank the input is held whole: it decides whether this is an mbox;
 * when it is not, the whole input is one message, held whole too, so callers
 * stream only input whose first lines they have seen to be an mbox.
 */
export class MboxSplitter {
  private state: 'start' | 'mbox' | 'single' = 'start';
  /** The input so far, before its kind is known; then, for a single message, all of it. */
  private held: Buffer[] = [];
  /** The start of a line the last chunk cut, and its length. */
  private carry: Buffer[] = [];
  private carryLength = 0;
  /** The carried line is beyond the cap: its bytes are counted, not kept. */
  private carryDropped = false;
  private message: OpenMessage | undefined;
  private count = 0;
  private mboxrd = false;
  private previousBlank = true;
  /** Bytes of the previous line with its line end: what a separator after it drops. */
  private previousLength = 0;

  constructor(private readonly cap = Infinity) {}

  /** The messages this chunk completes. */
  push(chunk: Buffer): SplitMessage[] {
    const done: SplitMessage[] = [];
    if (this.state === 'single') this.held.push(chunk);
    else if (this.state === 'start') this.start(chunk, done);
    else this.mbox(chunk, done);
    return done;
  }

  /** The last messages, once the input has ended. Never none in all. */
  end(): SplitMessage[] {
    const done: SplitMessage[] = [];
    if (this.state === 'start') this.start(undefined, done);
    if (this.state === 'single') {
      const input = Buffer.concat(this.held);
      this.held = [];
      const bodyStart = input.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0;
      const single = new OpenMessage(1, this.cap);
      single.add(input.subarray(bodyStart));
      done.push(single.close(0));
      return done;
    }
    if (this.carryLength > 0) {
      const last = this.carryDropped ? undefined : Buffer.concat(this.carry, this.carryLength);
      this.takeCarry();
      if (last === undefined) this.previousBlank = false;
      else this.lines(last, done);
    }
    if (this.message !== undefined) done.push(this.message.close(0));
    this.message = undefined;
    return done;
  }

  /** Holds the input until its first line that is not blank is whole (or the input ends), which tells the kind. */
  private start(chunk: Buffer | undefined, done: SplitMessage[]): void {
    if (chunk !== undefined) this.held.push(chunk);
    const input = this.held.length === 1 ? (this.held[0] as Buffer) : Buffer.concat(this.held);
    this.held = [input];
    const first = firstLine(input, chunk === undefined);
    if (first === undefined) return;
    if (first === -1 || separatorSender(input, first, lineAt(input, first).end) === null) {
      this.state = 'single';
      return;
    }
    this.state = 'mbox';
    this.held = [];
    this.mbox(input.subarray(first), done);
  }

  private mbox(chunk: Buffer, done: SplitMessage[]): void {
    let rest = chunk;
    if (this.carryLength > 0) {
      const nl = rest.indexOf(LF);
      if (nl === -1) {
        this.hold(rest);
        return;
      }
      const head = rest.subarray(0, nl + 1);
      rest = rest.subarray(nl + 1);
      if (this.carryDropped) {
        this.message?.add(head);
        this.takeCarry();
        this.previousBlank = false;
        this.previousLength = Infinity;
      } else {
        this.hold(head);
        const line = Buffer.concat(this.carry, this.carryLength);
        this.takeCarry();
        this.lines(line, done);
      }
    }
    const last = rest.lastIndexOf(LF);
    if (last + 1 < rest.length) this.hold(rest.subarray(last + 1));
    if (last !== -1) this.lines(rest.subarray(0, last + 1), done);
  }

  /** Keeps the start of a cut line; past the cap, counts it into its message instead. */
  private hold(piece: Buffer): void {
    this.carryLength += piece.length;
    if (this.carryDropped) {
      this.message?.add(piece);
      return;
    }
    this.carry.push(piece);
    if (this.carryLength <= this.cap + MAX_SEPARATOR_LENGTH) return;
    // Too long for a separator, so part of the open message, which it takes above the cap.
    this.carryDropped = true;
    for (const held of this.carry) this.message?.add(held);
    this.carry = [];
  }

  private takeCarry(): void {
    this.carry = [];
    this.carryLength = 0;
    this.carryDropped = false;
  }

  /** Whole lines (the last one may lack its line end only at the end of input). */
  private lines(input: Buffer, done: SplitMessage[]): void {
    let pieceStart = 0;
    for (let pos = 0; pos < input.length; ) {
      const line = lineAt(input, pos);
      const sender = this.previousBlank ? separatorSender(input, line.start, line.end) : null;
      if (sender !== null) {
        // The blank line before a separator belongs to the mbox, not the message.
        if (this.message !== undefined) {
          this.message.add(input.subarray(pieceStart, line.start));
          done.push(this.message.close(this.previousLength));
        }
        this.message = new OpenMessage(++this.count, this.cap);
        this.mboxrd = sender === MBOXRD_SENDER;
        pieceStart = line.next;
      } else if (isQuotedFrom(input, line.start, line.end, this.mboxrd)) {
        this.message?.add(input.subarray(pieceStart, line.start));
        pieceStart = line.start + 1;
      }
      this.previousBlank = line.end === line.start;
      this.previousLength = line.next - line.start;
      pos = line.next;
    }
    this.message?.add(input.subarray(pieceStart));
  }
}

/**
 * Split an mbox into its messages, separator lines removed and `>From `
 * unquoted (mboxrd when the separator says `From mboxrd@z`, else mboxo).
 * Input that does not start with a separator is one message. Never returns
 * an empty list.
 */
export function splitMessages(input: Buffer): RawMessage[] {
  const splitter = new MboxSplitter();
  const messages = [...splitter.push(input), ...splitter.end()];
  // Without a cap no message is oversized.
  return messages.filter((m): m is RawMessage => !isOversized(m));
}

/** The messages of an mbox read in chunks, each as soon as it is complete. */
export async function* streamMessages(chunks: AsyncIterable<Buffer>, cap: number): AsyncGenerator<SplitMessage> {
  const splitter = new MboxSplitter(cap);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
