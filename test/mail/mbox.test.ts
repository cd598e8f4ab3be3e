import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitMessages } from '../../src/mail/mbox.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/mail/${name}`, import.meta.url));
const seed = (): Buffer => readFileSync(new URL('../../fixtures/osv-virtio-fs-v1.mbox', import.meta.url));
const text = (buf: Buffer): string => buf.toString('utf8');
const lines = (buf: Buffer): string[] => text(buf).split('\n');
const afterFirstLine = (buf: Buffer): Buffer => buf.subarray(buf.indexOf(0x0a) + 1);

const WINDOW_LINE = "+window. What is that? It's a shared memory window between the host and the";

describe('splitMessages: single messages', () => {
  it('reads the public-inbox seed as one message without its separator', () => {
    const input = seed();
    const messages = splitMessages(input);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.index).toBe(1);
    expect(messages[0]?.raw.equals(afterFirstLine(input))).toBe(true);
    expect(text(messages[0]!.raw).startsWith('From: Fotis Xenakis <foxen@windowslive.com>\n')).toBe(true);
    expect(lines(messages[0]!.raw)).toContain(WINDOW_LINE);
  });

  it('reads a git format-patch file as a one-message mbox', () => {
    const input = fixture('0001-Add-virtio-fs-in-OSv-overview-blog-post.patch');
    const messages = splitMessages(input);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.raw.equals(afterFirstLine(input))).toBe(true);
    expect(text(messages[0]!.raw).endsWith('-- \n2.29.2\n\n')).toBe(true);
  });

  it('returns a message that is not an mbox whole, as message 1', () => {
    const input = fixture('osv-virtio-fs.eml');
    const messages = splitMessages(input);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.index).toBe(1);
    expect(messages[0]?.raw.equals(input)).toBe(true);
  });

  it('does not unquote >From in a message that is not an mbox', () => {
    const input = Buffer.from('From: a@b.c\nSubject: x\n\nbody\n>From here\n');
    expect(text(splitMessages(input)[0]!.raw)).toBe(text(input));
  });

  it('returns an empty input as one empty message', () => {
    const messages = splitMessages(Buffer.alloc(0));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.raw.length).toBe(0);
  });

  it('skips a UTF-8 BOM and leading blank lines before the first separator', () => {
    const body = afterFirstLine(seed());
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n\r\n \n'), seed()]);
    const messages = splitMessages(input);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.raw.equals(body)).toBe(true);
  });

  it('drops a BOM in front of a message that is not an mbox', () => {
    const mail = fixture('osv-virtio-fs.eml');
    const messages = splitMessages(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), mail]));
    expect(messages[0]?.raw.equals(mail)).toBe(true);
  });
});

describe('splitMessages: git format-patch series', () => {
  const series = fixture('series.mbox');
  const messages = splitMessages(series);

  it('finds the three patches and no more', () => {
    expect(messages.map((m) => m.index)).toEqual([1, 2, 3]);
    expect(messages.map((m) => lines(m.raw).find((l) => l.startsWith('Subject: ')))).toEqual([
      'Subject: [qemu-web PATCH 1/3] Add virtio-fs in OSv overview blog post',
      'Subject: [qemu-web PATCH 2/3] Fix wording and links in the OSv virtio-fs post',
      'Subject: [qemu-web PATCH 3/3] Fix a typo in the OSv virtio-fs post',
    ]);
    for (const message of messages) {
      expect(text(message.raw).startsWith('From: Fotis Xenakis <foxen@windowslive.com>\n')).toBe(true);
    }
  });

  it('keeps "From " body lines that are not separators, unquoted', () => {
    const second = lines(messages[1]!.raw);
    expect(second).toContain('From the start, the post was meant to stay short; the fixes keep it so.');
    expect(second).toContain('From here on, the links point to the upstream documentation.');
    const third = lines(messages[2]!.raw);
    // Separator-shaped, but not after a blank line.
    expect(third).toContain('From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001');
    expect(third).toContain('From e7d3a2b onwards, the post reads "This is where".');
  });

  it('removes the blank line before each separator, and only that', () => {
    // git format-patch ends each patch with a blank line and writes one more
    // between patches: the mbox's. So every message ends alike.
    for (const message of messages) {
      expect(text(message.raw).endsWith('\n-- \n2.29.2\n\n')).toBe(true);
      expect(text(message.raw).endsWith('\n\n\n')).toBe(false);
    }
    expect(text(messages[0]!.raw).endsWith('+rapid unikernel reconfiguration.\n-- \n2.29.2\n\n')).toBe(true);
    const total = messages.reduce((n, m) => n + m.raw.length, 0);
    const separators = lines(series).filter((l) => / Mon Sep 17 00:00:00 2001$/.test(l) && l.startsWith('From ') && !l.startsWith('From 0123'));
    expect(separators).toHaveLength(3);
    // Every byte is accounted for: messages + separator lines + two blank lines.
    expect(total + separators.reduce((n, l) => n + l.length + 1, 0) + 2).toBe(series.length);
  });

  it('splits the same series with CRLF line ends', () => {
    const crlf = splitMessages(fixture('series-crlf.mbox'));
    expect(crlf).toHaveLength(3);
    crlf.forEach((message, i) => {
      expect(text(message.raw)).toBe(text(messages[i]!.raw).replace(/\n/g, '\r\n'));
    });
  });
});

describe('splitMessages: quoting', () => {
  it('unquotes every >+From line by one > in mboxrd', () => {
    const messages = splitMessages(fixture('quoted-mboxrd.mbox'));
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      const body = lines(message.raw);
      expect(body).toContain('From the start, the post was meant for the QEMU blog.');
      expect(body).toContain('>From the list: thanks for the early comments.');
      expect(body).toContain('>>From a quote of a quote.');
      expect(body).not.toContain('>From the start, the post was meant for the QEMU blog.');
    }
    expect(lines(messages[0]!.raw)).toContain(WINDOW_LINE);
    expect(lines(messages[1]!.raw)).toContain('Subject: [qemu-web PATCH v2] Add virtio-fs in OSv overview blog post');
  });

  it('unquotes only >From (one >) in mboxo', () => {
    const messages = splitMessages(fixture('quoted-mboxo.mbox'));
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      const body = lines(message.raw);
      expect(body).toContain('From the start, the post was meant for the QEMU blog.');
      // mboxo cannot tell a quoted "From " from a written ">From ".
      expect(body).toContain('From the list: thanks for the early comments.');
      expect(body).toContain('>>From a quote of a quote.');
      expect(body[0]).toBe('From: Fotis Xenakis <foxen@windowslive.com>');
    }
  });

  it('gives the same messages from the mboxrd and mboxo files, but for the ambiguous line', () => {
    const rd = splitMessages(fixture('quoted-mboxrd.mbox')).map((m) => text(m.raw));
    const o = splitMessages(fixture('quoted-mboxo.mbox')).map((m) => text(m.raw));
    expect(o).toEqual(rd.map((m) => m.replace('>From the list:', 'From the list:')));
  });

  it('decides mboxrd per message from its separator', () => {
    const input = Buffer.from(
      'From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: a\n\n>>From x\n\n' +
        'From foo@bar.com Wed Nov  4 02:42:22 2020\nSubject: b\n\n>>From x\n>From y\n',
    );
    const [a, b] = splitMessages(input).map((m) => text(m.raw));
    expect(a).toBe('Subject: a\n\n>From x\n');
    expect(b).toBe('Subject: b\n\n>>From x\nFrom y\n');
  });
});

describe('splitMessages: separator shapes', () => {
  const wrap = (separator: string): Buffer =>
    Buffer.from(`From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: one\n\nbody one\n\n${separator}\nSubject: two\n\nbody two\n`);

  it.each([
    'From 5f1c0e4b0a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b Mon Sep 17 00:00:00 2001',
    'From mboxrd@z Thu Jan  1 00:00:00 1970',
    'From foo@bar.com Wed Nov  4 02:42:22 2020',
    'From foo@bar.com Wed Nov 4 02:42:22 +0200 2020',
    'From foo@bar.com Wed Nov  4 02:42:22 2020 -0500',
    'From foo@bar.com Wed Nov  4 02:42 2020',
    'From - Tue Nov 03 12:00:00 2020',
  ])('splits at %s', (separator) => {
    const messages = splitMessages(wrap(separator));
    expect(messages.map((m) => text(m.raw))).toEqual(['Subject: one\n\nbody one\n', 'Subject: two\n\nbody two\n']);
  });

  it.each([
    'From the start, the post was meant for the QEMU blog.',
    'From e7d3a2b onwards, the post reads "This is where".',
    'From foo@bar.com yesterday',
    'From foo@bar.com Wed Nov  4 2020',
    'From foo@bar.com Wed Nov  4 02:42:22 20201',
    'From foo@bar.com Wed Nov  4 02:42:22 2020 and more',
    'From  Wed Nov  4 02:42:22 2020',
    'from foo@bar.com Wed Nov  4 02:42:22 2020',
  ])('does not split at %s', (line) => {
    const messages = splitMessages(wrap(line));
    expect(messages).toHaveLength(1);
    expect(lines(messages[0]!.raw)).toContain(line);
  });

  it('does not split at a separator-shaped line that follows a non-blank line', () => {
    const input = Buffer.from(
      'From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: one\n\nbody\nFrom foo@bar.com Wed Nov  4 02:42:22 2020\nmore\n',
    );
    expect(splitMessages(input)).toHaveLength(1);
  });

  it('does not split at a separator that follows a line of spaces', () => {
    const input = Buffer.from(
      'From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: one\n\nbody\n \nFrom foo@bar.com Wed Nov  4 02:42:22 2020\nmore\n',
    );
    expect(splitMessages(input)).toHaveLength(1);
  });

  it('keeps an empty message between two separators', () => {
    const input = Buffer.from(
      'From a@b Wed Nov  4 02:42:22 2020\n\nFrom a@b Wed Nov  4 02:42:23 2020\nSubject: x\n\nbody\n',
    );
    expect(splitMessages(input).map((m) => text(m.raw))).toEqual(['', 'Subject: x\n\nbody\n']);
  });
});

describe('splitMessages: bytes', () => {
  it('passes ISO-8859-1 and binary bytes through untouched', () => {
    const latin1 = fixture('osv-latin1-crlf.eml');
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0xe9, 0x0a]);
    const input = Buffer.concat([
      Buffer.from('From foo@bar.com Wed Nov  4 02:42:22 2020\r\n'),
      latin1,
      Buffer.from('\r\nFrom foo@bar.com Wed Nov  4 02:42:23 2020\r\n'),
      binary,
    ]);
    const messages = splitMessages(input);
    expect(messages).toHaveLength(2);
    expect(messages[0]?.raw.equals(latin1)).toBe(true);
    expect(messages[0]?.raw.includes(Buffer.from('Na\xefve', 'latin1'))).toBe(true);
    expect(messages[1]?.raw.equals(binary)).toBe(true);
  });

  it('unquotes in a CRLF mboxrd', () => {
    const input = Buffer.from('From mboxrd@z Thu Jan  1 00:00:00 1970\r\nSubject: a\r\n\r\n>From x\r\n>>From y\r\n');
    expect(text(splitMessages(input)[0]!.raw)).toBe('Subject: a\r\n\r\nFrom x\r\n>From y\r\n');
  });
});

describe('splitMessages: linear time', () => {
  const TEN_MB = 10 * 1024 * 1024;
  const timed = (input: Buffer): { ms: number; count: number } => {
    const start = performance.now();
    const count = splitMessages(input).length;
    return { ms: performance.now() - start, count };
  };

  it('handles a 10 MB first line that starts like a separator', () => {
    const input = Buffer.concat([Buffer.from('From '), Buffer.alloc(TEN_MB, 'a')]);
    const { ms, count } = timed(input);
    expect(count).toBe(1);
    expect(ms).toBeLessThan(2000);
  });

  it('handles 10 MB lines that nearly match the separator, inside an mbox', () => {
    const almost = Buffer.concat([Buffer.from('From a@b Mon Sep 17 00:00:00'), Buffer.alloc(TEN_MB, ' ')]);
    const spaces = Buffer.concat([Buffer.from('From a@b'), Buffer.alloc(TEN_MB, ' '), Buffer.from('x')]);
    const input = Buffer.concat([seed(), Buffer.from('\n\n'), almost, Buffer.from('\n\n'), spaces, Buffer.from('\n')]);
    const { ms, count } = timed(input);
    expect(count).toBe(1);
    expect(ms).toBeLessThan(2000);
  });

  it('handles 10 MB of > and of short From lines', () => {
    const quotes = Buffer.concat([Buffer.from('From mboxrd@z Thu Jan  1 00:00:00 1970\n\n'), Buffer.alloc(TEN_MB, '>')]);
    expect(timed(quotes).ms).toBeLessThan(2000);
    const froms = Buffer.from(`From mboxrd@z Thu Jan  1 00:00:00 1970\n${'\nFrom the start\n>From x'.repeat(400_000)}`);
    const { ms, count } = timed(froms);
    expect(count).toBe(1);
    expect(ms).toBeLessThan(3000);
  });

  it('splits many messages in one pass', () => {
    const one = Buffer.from('From a@b Wed Nov  4 02:42:22 2020\nSubject: x\n\n>From y\n\n');
    const input = Buffer.concat(Array.from({ length: 100_000 }, () => one));
    const { ms, count } = timed(input);
    expect(count).toBe(100_000);
    expect(ms).toBeLessThan(3000);
  });
});
