// The raw messages of a mail input: a streamed mbox message by message as it
// is read (flat memory, however large the archive), else cut from the buffer.

import type { Source } from './input.js';
import { MAX_MESSAGE_BYTES } from '../core/limits.js';
import { splitMessages, streamMessages, type SplitMessage } from './mbox.js';

/** Told how far the reading has come: bytes read, and the input's size when known. */
export type ProgressListener = (done: number, total: number | undefined) => void;

async function* chunksOf(source: Source & { rest: AsyncIterable<Buffer> }, onProgress?: ProgressListener): AsyncGenerator<Buffer> {
  let done = source.data.length;
  yield source.data;
  onProgress?.(done, source.size);
  for await (const chunk of source.rest) {
    yield chunk;
    done += chunk.length;
    onProgress?.(done, source.size);
  }
}

export async function* messagesOf(source: Source, onProgress?: ProgressListener): AsyncGenerator<SplitMessage> {
  const { rest } = source;
  if (rest === undefined) {
    yield* splitMessages(source.data);
    return;
  }
  yield* streamMessages(chunksOf({ ...source, rest }, onProgress), MAX_MESSAGE_BYTES);
}
