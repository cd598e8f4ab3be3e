// Reading what the user named: a file or stdin, and what kind of text it is.

import { fstat } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import { MAX_INPUT_BYTES, markdownTooComplex, sizeText } from '../core/limits.js';
import { startsMbox } from './mbox.js';
import { InputError } from '../core/types.js';

export type InputKind = 'mail' | 'diff' | 'markdown';

export interface Source {
  /** The name the user gave (`-` is shown as `<stdin>`). */
  name: string;
  /** The whole input; for a streamed mbox, its first bytes. */
  data: Buffer;
  /**
   * An mbox is not held whole (an archive may have gigabytes): the bytes
   * after `data`, read as the review goes. Read once.
   */
  rest?: AsyncIterable<Buffer>;
  /** The input's size when it is known beforehand (a regular file), for progress. */
  size?: number;
}

const TOO_LARGE = `more than ${sizeText(MAX_INPUT_BYTES)}, too large to review`;

// Enough to hold the first line of any mbox, which decides whether the input
// streams; an input that ends sooner is simply held whole.
const PROBE_BYTES = 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return (error as Error).message.split('\n')[0] ?? 'cannot be read';
}

/** Chunks of an open file from where it stands (a pipe or a device has no positions). */
async function* fileChunks(handle: FileHandle): AsyncGenerator<Buffer> {
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      // A message may keep its chunk alive: a short read (a pipe) keeps no more than it holds.
      yield bytesRead < CHUNK_BYTES / 2 ? Buffer.from(buffer.subarray(0, bytesRead)) : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function* streamChunks(stream: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
}

/** The rest of an iterator, read errors made InputErrors. */
async function* remaining(chunks: AsyncIterator<Buffer>, name: string): AsyncGenerator<Buffer> {
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  } catch (error) {
    throw new InputError(`${name}: ${describe(error)}`);
  } finally {
    await chunks.return?.();
  }
}

/**
 * An input read far enough to tell an mbox, which streams; anything else is
 * read whole, or an InputError once it passes MAX_INPUT_BYTES (stdin and
 * devices may never end; `declared` is a regular file's size, refused
 * without reading it whole).
 */
async function readInput(chunks: AsyncIterator<Buffer>, name: string, declared?: number): Promise<Source> {
  let streams = false;
  try {
    const head: Buffer[] = [];
    let length = 0;
    while (length < PROBE_BYTES) {
      const next = await chunks.next();
      if (next.done) return { name, data: Buffer.concat(head, length) };
      head.push(next.value);
      length += next.value.length;
    }
    if (startsMbox(Buffer.concat(head, length))) {
      streams = true;
      return { name, data: Buffer.concat(head, length), rest: remaining(chunks, name), ...(declared !== undefined ? { size: declared } : {}) };
    }
    if ((declared ?? 0) > MAX_INPUT_BYTES) throw new InputError(`${name}: ${TOO_LARGE}`);
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      length += next.value.length;
      if (length > MAX_INPUT_BYTES) throw new InputError(`${name}: ${TOO_LARGE}`);
      head.push(next.value);
    }
    return { name, data: Buffer.concat(head, length) };
  } finally {
    if (!streams) await chunks.return?.();
  }
}

async function readStdin(name: string): Promise<Source> {
  // stdin redirected from a file has a size, for progress.
  const info = await promisify(fstat)(0).catch(() => undefined);
  return readInput(streamChunks(process.stdin), name, info?.isFile() ? info.size : undefined);
}

/** The input `name` (`-`: stdin, known as `stdinName`, as `--stdin-filename` says, or `<stdin>`). */
export async function readSource(name: string, stdinName = STDIN): Promise<Source> {
  if (name === '-') return readStdin(stdinName);
  let handle: FileHandle | undefined;
  try {
    const info = await stat(name);
    if (info.isDirectory()) throw new InputError(`${name}: is a directory, not a file`);
    handle = await open(name, 'r');
    const chunks = fileChunks(handle);
    handle = undefined;
    return await readInput(chunks, name, info.isFile() ? info.size : undefined);
  } catch (error) {
    await handle?.close();
    if (error instanceof InputError) throw error;
    throw new InputError(`${name}: ${describe(error)}`);
  }
}

/** What stdin is called when it has no file name. */
export const STDIN = '<stdin>';

/** The names a Markdown file goes by: such a file is a post, reviewed whole. */
export const MARKDOWN_NAME = /\.(?:md|markdown|mdown|mkd)$/i;
// `Header-Name: value`, the first line of any mail or format-patch file.
const HEADER_LINE = /^[!-9;-~]+:[ \t]/;
const MBOX_SEPARATOR = /^From \S+ /;

/** What the bytes are, from their name and their first line. */
export function kindOf(source: Source): InputKind {
  const head = source.data.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (source.data.length === 0 || head.trim() === '') throw new InputError(`${source.name}: is empty`);
  if (head.includes('\0')) throw new InputError(`${source.name}: binary data, not a mail or a Markdown file`);
  const first = head.replace(/^\s*\n/, '').split('\n', 1)[0] ?? '';
  if (MBOX_SEPARATOR.test(first)) return 'mail';
  // A post may open with `title: ...` outside front matter; its name decides.
  if (MARKDOWN_NAME.test(source.name)) {
    const tooComplex = markdownTooComplex(source.data.toString('utf8'));
    if (tooComplex !== undefined) throw new InputError(`${source.name}: not reviewed: ${tooComplex}`);
    return 'markdown';
  }
  if (HEADER_LINE.test(first)) return 'mail';
  if (/^(?:diff --git |--- \S)/.test(first)) return 'diff';
  throw new InputError(`${source.name}: not a mail, an mbox, a diff or a Markdown file`);
}
