import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOversized, MboxSplitter, splitMessages, streamMessages, type SplitMessage } from '../../src/mail/mbox.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const fixtureFiles = ['mail', 'patch', '.'].flatMap((dir) =>
  readdirSync(join(fixtures, dir))
    .filter((name) => /\.(?:mbox|eml|patch)$/.test(name))
    .map((name) => join(fixtures, dir, name)),
);

/** The input cut in pieces of the given sizes, in turn. */
function chunked(input: Buffer, sizes: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = sizes[i % sizes.length]!;
    chunks.push(input.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

function split(chunks: Buffer[], cap = Infinity): SplitMessage[] {
  const splitter = new MboxSplitter(cap);
  return [...chunks.flatMap((c) => splitter.push(c)), ...splitter.end()];
}

function texts(messages: SplitMessage[]): string[] {
  return messages.map((m) => (isOversized(m) ? `oversized ${m.index} ${m.bytes}` : `${m.index}:${m.raw.toString('latin1')}`));
}

const SEPARATOR = 'From mboxrd@z Thu Jan  1 00:00:00 1970';
const tricky = [
  '',
  '\n\n  \n',
  '\xEF\xBB\xBF\n\nFrom a@b Wed Nov  4 02:42:22 2020\nSubject: x\n\nbody\n',
  'From a@b Wed Nov  4 02:42:22 2020',
  'From a@b Wed Nov  4 02:42:22 2020\n\nFrom a@b Wed Nov  4 02:42:23 2020\nSubject: x\n\nbody\n',
  `${SEPARATOR}\r\nSubject: a\r\n\r\n>From x\r\n>>From y\r\n\r\n${SEPARATOR}\r\nSubject: b\r\n\r\nlast`,
  `From a@b Wed Nov  4 02:42:22 2020\nSubject: a\n\n>From x\n>>From y\n \nFrom a@b Wed Nov  4 02:42:22 2020\nno split\n\n${SEPARATOR}\nSubject: c\n\n>>>From z\n\n`,
  'Subject: not an mbox\n\n>From x\n\nFrom a@b Wed Nov  4 02:42:22 2020\nstill one\n',
];

describe('MboxSplitter: chunks of any size give the messages of the whole buffer', () => {
  const sizes = [[1], [2], [3], [7, 1, 13], [64], [1000], [4096, 5]];
  it.each(fixtureFiles.map((f) => [f.slice(fixtures.length + 1), f]))('%s', (_, path) => {
    const input = readFileSync(path);
    const whole = texts(splitMessages(input));
    for (const s of sizes) expect(texts(split(chunked(input, s)))).toEqual(whole);
  });

  it.each(tricky.map((t, i) => [i, t]))('tricky input %i', (_, text) => {
    const input = Buffer.from(text, 'latin1');
    const whole = texts(splitMessages(input));
    expect(whole.length).toBeGreaterThan(0);
    for (const s of sizes) expect(texts(split(chunked(input, s)))).toEqual(whole);
  });

  it('keeps lines longer than a chunk whole', () => {
    const long = '>'.repeat(300_000);
    const input = Buffer.from(`${SEPARATOR}\nSubject: a\n\n${long}From x\n${'y'.repeat(300_000)}\n\n${SEPARATOR}\nSubject: b\n\nz\n`);
    expect(texts(split(chunked(input, [65_536])))).toEqual(texts(splitMessages(input)));
  });
});

describe('MboxSplitter: the size cap', () => {
  const small = `${SEPARATOR}\nSubject: small\n\nhello\n\n`;
  const big = `${SEPARATOR}\nSubject: big\n\n${'x'.repeat(5000)}\n${'y'.repeat(20_000)}\n\n`;

  it('counts a message above the cap instead of keeping it, and keeps its neighbours', () => {
    const input = Buffer.from(small + big + small);
    for (const s of [[1], [100], [4096], [input.length]]) {
      const messages = split(chunked(input, s), 10_000);
      expect(messages.map((m) => (isOversized(m) ? 'oversized' : m.raw.toString()))).toEqual([
        'Subject: small\n\nhello\n',
        'oversized',
        'Subject: small\n\nhello\n\n',
      ]);
      const oversized = messages[1]!;
      expect(isOversized(oversized) && oversized.bytes).toBe(big.length - SEPARATOR.length - 2);
    }
  });

  it('keeps a message exactly at the cap', () => {
    const body = `Subject: x\n\n${'x'.repeat(100)}\n`;
    const input = Buffer.from(`${SEPARATOR}\n${body}\n${SEPARATOR}\n${body}`);
    const messages = split(chunked(input, [7]), Buffer.byteLength(body));
    expect(messages.map((m) => (isOversized(m) ? 'oversized' : m.raw.toString()))).toEqual([body, body]);
  });
});

describe('streamMessages', () => {
  it('yields the messages of an async stream of chunks', async () => {
    const input = readFileSync(join(fixtures, 'mail', 'series.mbox'));
    async function* chunks(): AsyncGenerator<Buffer> {
      yield* chunked(input, [333]);
    }
    const streamed: SplitMessage[] = [];
    for await (const m of streamMessages(chunks(), Infinity)) streamed.push(m);
    expect(texts(streamed)).toEqual(texts(splitMessages(input)));
  });
});
