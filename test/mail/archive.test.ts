// Issue 7, archives: an mbox streamed in chunks is reviewed as the whole
// buffer is, and plain messages are skipped without being decoded.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../src/mail/input.js';
import { decodeMail } from '../../src/mail/decode.js';
import { splitMessages } from '../../src/mail/mbox.js';
import { readPatch } from '../../src/patch/read.js';
import { reviewSource } from '../../src/pipeline.js';
import { cannotCarryPatch } from '../../src/mail/prefilter.js';
import { renderJson } from '../../src/render/json.js';
import { SKIP_REASONS_KEPT } from '../../src/core/skip-list.js';
import { POSTS } from '../helpers.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const fixtureFiles = ['mail', 'patch', '.'].flatMap((dir) =>
  readdirSync(join(fixtures, dir))
    .filter((name) => /\.(?:mbox|eml|patch)$/.test(name))
    .map((name) => join(fixtures, dir, name)),
);
const SEED = readFileSync(join(fixtures, 'osv-virtio-fs-v1.mbox'));
const BASE64 = readFileSync(join(fixtures, 'mail', 'osv-base64-utf8.eml'));
const QP = readFileSync(join(fixtures, 'mail', 'osv-qp-utf8.eml'));

/** The input as a streamed source: `head` bytes first, the rest in chunks of the given sizes, in turn. */
function streamed(name: string, input: Buffer, head: number, sizes: number[]): Source {
  async function* rest(): AsyncGenerator<Buffer> {
    for (let at = head, i = 0; at < input.length; i++) {
      const size = sizes[i % sizes.length]!;
      yield input.subarray(at, at + size);
      at += size;
    }
  }
  return { name, data: input.subarray(0, head), rest: rest(), size: input.length };
}

async function review(source: Source): Promise<string> {
  return renderJson([await reviewSource(source)]);
}

function plain(i: number): string {
  const body = i % 7 === 0 ? 'From the start, this was\n>From here\n' : 'Thanks, this looks good to me.\n\n-- \nSomeone\n';
  return `From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: Someone <s${i}@example.org>\nSubject: Re: [PATCH] thread ${i}\nDate: Wed, 4 Nov 2020 10:47:42 +0100\nMessage-ID: <${i}@example.org>\n\n${body}\n`;
}

const separator = (date: string): string => `From mboxrd@z ${date}\n`;

/** Thousands of plain messages, and in their midst patches only decoding reveals. */
function archive(): Buffer {
  const parts: string[] = [];
  for (let i = 0; i < 3000; i++) {
    parts.push(plain(i));
    if (i === 1500) parts.push(separator('Thu Jan  1 00:00:00 1970') + BASE64.toString('latin1') + '\n');
    if (i === 2500) parts.push(separator('Thu Jan  1 00:00:00 1970') + QP.toString('latin1') + '\n');
  }
  return Buffer.from(parts.join(''), 'latin1');
}

describe('a streamed mbox is reviewed as the whole buffer is', () => {
  it.each(fixtureFiles.map((f) => [f.slice(fixtures.length + 1), f]))('%s', async (_, path) => {
    const input = readFileSync(path);
    const whole = await review({ name: 'input', data: input });
    // The head holds the first line, which tells the kind of input, as readSource's does.
    const head = Math.min(input.length, input.indexOf('\n') + 3);
    for (const sizes of [[1], [7, 64], [4096]]) {
      expect(await review(streamed('input', input, head, sizes))).toBe(whole);
    }
  });

  it('finds a base64 and a quoted-printable patch among 3,000 plain messages, chunks cut inside separators', async () => {
    const input = archive();
    const whole = await review({ name: 'archive', data: input });
    // 41 and 97 bytes fall inside the 39-byte separators again and again.
    for (const sizes of [[41], [97, 13], [65_536]]) {
      expect(await review(streamed('archive', input, 200, sizes))).toBe(whole);
    }
    const report = JSON.parse(whole) as { inputs: { patches: { subject: string }[]; skipped: unknown[]; unlistedSkips: number }[] };
    const [reviewed] = report.inputs;
    expect(reviewed?.patches.map((p) => p.subject)).toEqual([
      '[qemu-web PATCH] Add virtio-fs in OSv overview blog post',
      '[qemu-web PATCH] Add virtio-fs in OSv overview blog post',
    ]);
    expect(reviewed?.skipped).toHaveLength(SKIP_REASONS_KEPT);
    expect(reviewed?.unlistedSkips).toBe(3000 - SKIP_REASONS_KEPT);
  });

  it('reads what decoding every message finds', async () => {
    const input = archive();
    const carrying = [];
    for (const message of splitMessages(input)) {
      const patch = readPatch(await decodeMail(message), POSTS);
      if (patch.hasDiff) carrying.push(message.index);
    }
    expect(carrying).toEqual([1502, 2503]);
  });
});

describe('cannotCarryPatch', () => {
  const mail = (headers: string, body: string): Buffer =>
    Buffer.from(`From: A <a@example.org>\nSubject: x\n${headers}\n${body}`, 'latin1');
  const diff = 'diff --git a/_posts/x.md b/_posts/x.md\n--- a/_posts/x.md\n+++ b/_posts/x.md\n@@ -1 +1 @@\n-a\n+b\n';

  it('lets through every message of the fixtures that carries a diff', async () => {
    for (const path of fixtureFiles) {
      for (const message of splitMessages(readFileSync(path))) {
        if (!cannotCarryPatch(message.raw)) continue;
        const patch = readPatch(await decodeMail(message), POSTS);
        expect(patch.hasDiff, `${path} message ${message.index}`).toBe(false);
        expect(patch.skipped.some((s) => s.damaged)).toBe(false);
      }
    }
  });

  it('skips plain mail', () => {
    expect(cannotCarryPatch(Buffer.from(plain(1).split('\n').slice(1).join('\n')))).toBe(true);
    expect(cannotCarryPatch(mail('Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n', 'information\n'))).toBe(true);
  });

  it.each([
    ['a diff', '', diff],
    ['a plain unified diff', '', diff.split('\n').slice(1).join('\n')],
    ['base64', 'Content-Transfer-Encoding: base64\n', Buffer.from(diff).toString('base64')],
    ['BASE64 with a comment', 'Content-Transfer-Encoding: base(x)64\n', Buffer.from(diff).toString('base64')],
    ['quoted-printable', 'Content-Transfer-Encoding: quoted-printable\n', diff.replace(/-/g, '=2D')],
    ['a folded encoding', 'Content-Transfer-Encoding:\n base64\n', 'ZGlmZg==\n'],
    ['UTF-16', 'Content-Type: text/plain; charset=utf-16le\n', Buffer.from(diff, 'utf16le').toString('latin1')],
    ['UTF-7', 'Content-Type: text/plain; charset="utf-7"\n', '+AGQ-iff --git\n'],
    ['an RFC 2231 charset', "Content-Type: text/plain; charset*=utf-16''\n", 'x\n'],
    ['format=flowed', 'Content-Type: text/plain; format=flowed; delsp=yes\n', 'dif \nf --git a b\n'],
    ['a base64 part', 'Content-Type: multipart/mixed; boundary="b"\n', '--b\nContent-Type: text/x-patch\nContent-Transfer-Encoding: base64\n\nZGlmZg==\n--b--\n'],
  ])('decodes %s', (_, headers, body) => {
    expect(cannotCarryPatch(mail(headers, body))).toBe(false);
  });

  it('decodes what is not plainly a mail, to say why it is unreadable', () => {
    expect(cannotCarryPatch(Buffer.from(''))).toBe(false);
    expect(cannotCarryPatch(Buffer.from('hello\n\nworld\n'))).toBe(false);
    expect(cannotCarryPatch(Buffer.from('X-Unknown: 1\n\nworld\n'))).toBe(false);
  });
});
