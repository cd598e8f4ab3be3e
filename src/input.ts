// Reading what the user named: a file or stdin, and what kind of text it is.

import { open, stat } from 'node:fs/promises';
import { MAX_INPUT_BYTES, markdownTooComplex, sizeText } from './limits.js';
import { InputError } from './types.js';

export type InputKind = 'mail' | 'diff' | 'markdown';

export interface Source {
  /** The name the user gave (`-` is shown as `<stdin>`). */
  name: string;
  data: Buffer;
}

const TOO_LARGE = `more than ${sizeText(MAX_INPUT_BYTES)}, too large to review`;

/** All of a stream, or an InputError once it passes MAX_INPUT_BYTES (stdin may never end). */
async function readCapped(stream: AsyncIterable<unknown>, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += buffer.length;
    if (length > MAX_INPUT_BYTES) throw new InputError(`${name}: ${TOO_LARGE}`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, length);
}

async function readStdin(): Promise<Buffer> {
  return readCapped(process.stdin, '<stdin>');
}

/**
 * A file's bytes. Its size is checked first; a device or a pipe (`/dev/zero`,
 * `<(git format-patch ...)`) says no size, so it is read capped.
 */
async function readCappedFile(name: string, declared: number): Promise<Buffer> {
  if (declared > MAX_INPUT_BYTES) throw new InputError(`${name}: ${TOO_LARGE}`);
  const handle = await open(name, 'r');
  try {
    return await readCapped(handle.createReadStream({ autoClose: false }), name);
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return (error as Error).message.split('\n')[0] ?? 'cannot be read';
}

export async function readSource(name: string): Promise<Source> {
  if (name === '-') return { name: '<stdin>', data: await readStdin() };
  try {
    const info = await stat(name);
    if (info.isDirectory()) throw new InputError(`${name}: is a directory, not a file`);
    return { name, data: await readCappedFile(name, info.size) };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${name}: ${describe(error)}`);
  }
}

const MARKDOWN_NAME = /\.(?:md|markdown|mdown|mkd)$/i;
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
