// The plain-mail fast path (src/mail/plain-mail.ts) must give what mailparser
// gives: every message of every fixture and of the seed, and variants of the
// seed's headers, decoded both ways.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMail, decodeMailMime } from '../../src/mail/decode.js';
import { splitMessages } from '../../src/mail/mbox.js';
import { plainMail } from '../../src/mail/plain-mail.js';
import type { Mail, RawMessage } from '../../src/core/types.js';
import { fixture, missingShared, shared, skipping } from '../helpers.js';

function mailFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return mailFiles(path);
    return /\.(?:mbox|eml|patch)$/.test(name) ? [path] : [];
  });
}

/** The decoded mail, or the error's message: both ways must agree on either. */
async function outcome(decode: (m: RawMessage) => Promise<Mail>, message: RawMessage): Promise<Mail | string> {
  try {
    return await decode(message);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

const seed = readFileSync(fixture('osv-virtio-fs-v1.mbox'), 'utf8');
const seedHeaders = seed.slice(0, seed.indexOf('\n\n') + 1);

/** The seed with one header replaced (or added before MIME-Version). */
function withHeader(name: string, value: string | undefined): Buffer {
  const line = new RegExp(`^${name}:.*\\n`, 'm');
  const replaced = value === undefined ? '' : `${name}: ${value}\n`;
  const text = line.test(seedHeaders) ? seed.replace(line, replaced) : seed.replace('MIME-Version:', `${replaced}MIME-Version:`);
  return Buffer.from(text.replace(/^From mboxrd@z.*\n/, ''), 'utf8');
}

const variants: Array<[string, Buffer]> = [
  ['the seed', withHeader('X-None', undefined)],
  ['CRLF line ends', Buffer.from(seed.replace(/^From mboxrd@z.*\n/, '').replace(/\n/g, '\r\n'), 'utf8')],
  ['a folded Subject', withHeader('Subject', '[PATCH v2]\n Add a post\n\tabout this')],
  ['a folded Cc', withHeader('Cc', 'a@example.org,\n  "Bea Sant" <bea@example.org>')],
  ['a quoted name', withHeader('From', '"Fotis Xenakis" <foxen@windowslive.com>')],
  ['a bare address', withHeader('From', 'foxen@windowslive.com')],
  ["a name with '", withHeader('From', "Fotis O'Brien <foxen@windowslive.com>")],
  ['no space before <', withHeader('From', 'Fotis<foxen@windowslive.com>')],
  ['a comment', withHeader('From', 'foxen@windowslive.com (Fotis)')],
  ['a group', withHeader('To', 'list: a@example.org, b@example.org;')],
  ['an empty To', withHeader('To', '')],
  ['a name with a dot', withHeader('From', 'F. Xenakis <foxen@windowslive.com>')],
  ['a name with two spaces', withHeader('From', 'Fotis  Xenakis <foxen@windowslive.com>')],
  ['an encoded word', withHeader('From', '=?UTF-8?q?Fotis_X=C3=A9nakis?= <foxen@windowslive.com>')],
  ['a UTF-8 header', withHeader('Subject', 'Ajout d’un article')],
  ['a Message-ID without brackets', withHeader('Message-ID', 'abc@example.org')],
  ['an empty Message-ID', withHeader('Message-ID', '')],
  ['References', withHeader('References', '<a@example.org>\n <b@example.org>  c@example.org')],
  ['In-Reply-To', withHeader('In-Reply-To', '<a@example.org>')],
  ['two To headers', Buffer.from(seed.replace('To: ', 'To: a@example.org\nTo: '), 'utf8')],
  ['us-ascii', withHeader('Content-Type', 'text/plain; charset="us-ascii"')],
  ['no charset', withHeader('Content-Type', 'text/plain')],
  ['no Content-Type', withHeader('Content-Type', undefined)],
  ['latin1', withHeader('Content-Type', 'text/plain; charset=ISO-8859-1')],
  ['format=flowed', withHeader('Content-Type', 'text/plain; charset=utf-8; format=flowed')],
  ['quoted-printable', withHeader('Content-Transfer-Encoding', 'quoted-printable')],
  ['7bit', withHeader('Content-Transfer-Encoding', '7bit')],
  ['an attachment', withHeader('Content-Disposition', 'attachment; filename=x.patch')],
  ['text/x-patch', withHeader('Content-Type', 'text/x-patch; charset=utf-8')],
  ['no body', Buffer.from('From: a@example.org\nSubject: x\n', 'utf8')],
  ['an empty body', Buffer.from('From: a@example.org\nSubject: x\n\n', 'utf8')],
  ['no mail headers', Buffer.from('X-Thing: 1\n\nbody\n', 'utf8')],
  ['invalid UTF-8', Buffer.concat([withHeader('X-None', undefined), Buffer.from([0xff, 0xc3, 0x0a])])],
  ['a lone CR', Buffer.from(seed.replace('This post', 'This\rpost'), 'utf8')],
  ['a 2 MB Subject', withHeader('Subject', 'long '.repeat(400_000))],
  ['20,000 short headers', withHeader('X-Many', Array.from({ length: 20_000 }, (_, i) => `X-${i}: 1`).join('\n'))],
];

describe('plain mail: the same as mailparser', () => {
  // fixtures/ holds the seed's patch mboxes; ../shared/seed adds the reply.
  const files = [...mailFiles(fixture()), ...mailFiles(shared('seed'))];

  it('finds the fixtures and the seed', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith('fixtures/osv-virtio-fs-v1.mbox'))).toBe(true);
  });

  it.skipIf(skipping(missingShared('seed')))('finds the shared seed, with the review mail', () => {
    expect(files.some((f) => f.endsWith('shared/seed/review-of-osv-virtio-fs-v1.eml'))).toBe(true);
  });

  it.each(files.map((f) => [f.slice(f.lastIndexOf('fixtures') >= 0 ? f.lastIndexOf('fixtures') : f.lastIndexOf('shared')), f]))(
    '%s',
    async (_, file) => {
      for (const message of splitMessages(readFileSync(file))) {
        expect(await outcome(decodeMail, message)).toEqual(await outcome(decodeMailMime, message));
      }
    },
  );

  it.each(variants)('%s', async (_, raw) => {
    const message = { index: 1, raw };
    expect(await outcome(decodeMail, message)).toEqual(await outcome(decodeMailMime, message));
  });

  it('takes the fast path for the usual patch, and leaves MIME to mailparser', () => {
    const plain = (name: string): boolean => plainMail(variants.find(([n]) => n === name)![1]) !== undefined;
    expect(['the seed', 'CRLF line ends', 'a folded Subject', 'a folded Cc', 'a quoted name', 'a bare address', 'no Content-Type'].filter((n) => !plain(n))).toEqual([]);
    expect(['an encoded word', 'a UTF-8 header', 'quoted-printable', 'latin1', 'format=flowed', 'an attachment', 'a lone CR', 'a 2 MB Subject', '20,000 short headers'].filter(plain)).toEqual([]);
    const seedMessage = splitMessages(readFileSync(fixture('osv-virtio-fs-v1.mbox')))[0]!;
    expect(plainMail(seedMessage.raw)).toBeDefined();
  });
});
