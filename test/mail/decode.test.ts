import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMail, parseMailDate } from '../../src/mail/decode.js';
import { splitMessages } from '../../src/mail/mbox.js';
import { InputError } from '../../src/core/types.js';
import type { Mail } from '../../src/core/types.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/mail/${name}`, import.meta.url));
const seedMbox = readFileSync(new URL('../../fixtures/osv-virtio-fs-v1.mbox', import.meta.url), 'utf8');
/** The seed's body exactly as mailed. */
const SEED_BODY = seedMbox.slice(seedMbox.indexOf('\n\n') + 2);
const PATCH_FILE = fixture('0001-Add-virtio-fs-in-OSv-overview-blog-post.patch').toString('utf8');

const WINDOW_LINE = "+window. What is that? It's a shared memory window between the host and the\n";
const SUBJECT = '[qemu-web PATCH] Add virtio-fs in OSv overview blog post';
const SEED_MESSAGE_ID = '<AM0PR03MB62920E8F53722876D6FD3D30A6EF0@AM0PR03MB6292.eurprd03.prod.outlook.com>';

/** The seed body with a paragraph added before "Feel free to review", as the generator does. */
const withLine = (body: string, line: string): string =>
  body.replace('Feel free to review', `${line}\n\nFeel free to review`);

async function decodeFixture(name: string, index = 0): Promise<Mail> {
  const message = splitMessages(fixture(name))[index];
  if (!message) throw new Error(`${name} has no message ${index + 1}`);
  return decodeMail(message);
}

function decodeText(raw: string, index = 1): Promise<Mail> {
  return decodeMail({ index, raw: Buffer.from(raw, 'utf8') });
}

describe('decodeMail: headers', () => {
  it('reads the seed mail', async () => {
    const mail = await decodeFixture('../osv-virtio-fs-v1.mbox');
    expect(mail).toEqual({
      index: 1,
      subject: SUBJECT,
      fromName: 'Fotis Xenakis',
      fromAddress: 'foxen@windowslive.com',
      dateHeader: 'Wed, 4 Nov 2020 02:42:22 +0200',
      date: '2020-11-04T00:42:22.000Z',
      messageId: SEED_MESSAGE_ID,
      to: [{ name: '', address: 'qemu-devel@nongnu.org' }],
      cc: [
        { name: '', address: 'virtio-fs@redhat.com' },
        { name: '', address: 'thuth@redhat.com' },
        { name: 'Fotis Xenakis', address: 'foxen@windowslive.com' },
      ],
      references: [],
      inReplyTo: '',
      body: SEED_BODY,
      patchParts: [],
      flowed: false,
      patchPartsFlowed: false,
    });
  });

  it('reads the References of a reply, oldest first, and address groups', async () => {
    const raw = seedMbox
      .replace('MIME-Version', 'References: <a@x.org>\n <b@x.org>\nMIME-Version')
      .replace('To: qemu-devel@nongnu.org', 'To: list: qemu-devel@nongnu.org, "Huth, Thomas" <thuth@redhat.com>;');
    const mail = await decodeText(raw);
    expect(mail.references).toEqual(['<a@x.org>', '<b@x.org>']);
    expect(mail.to).toEqual([
      { name: '', address: 'qemu-devel@nongnu.org' },
      { name: 'Huth, Thomas', address: 'thuth@redhat.com' },
    ]);
  });

  it('keeps the sender zone of a folded Date header and reads In-Reply-To', async () => {
    const raw = seedMbox
      .replace('Date: Wed,  4 Nov 2020 02:42:22 +0200', 'Date: Wed,  4 Nov 2020\n 18:46:16   -0500 (EST)')
      .replace('MIME-Version', 'In-Reply-To: <abc@example.org>\nMIME-Version');
    const mail = await decodeText(raw);
    expect(mail.dateHeader).toBe('Wed, 4 Nov 2020 18:46:16 -0500 (EST)');
    expect(mail.date).toBe('2020-11-04T23:46:16.000Z');
    expect(mail.inReplyTo).toBe('<abc@example.org>');
  });

  it('has empty date fields when the Date header is missing or not a date', async () => {
    const missing = await decodeText(seedMbox.replace(/^Date: .*\n/m, ''));
    expect([missing.dateHeader, missing.date]).toEqual(['', '']);
    const bad = await decodeText(seedMbox.replace(/^Date: .*$/m, 'Date: sometime last week'));
    expect([bad.dateHeader, bad.date]).toEqual(['sometime last week', '']);
  });

  it('uses the address as the name when there is none, and decodes encoded names', async () => {
    const bare = await decodeText(seedMbox.replace(/^From: .*$/m, 'From: foxen@windowslive.com'));
    expect([bare.fromName, bare.fromAddress]).toEqual(['foxen@windowslive.com', 'foxen@windowslive.com']);
    const latin1 = await decodeFixture('osv-latin1-crlf.eml');
    expect([latin1.fromName, latin1.fromAddress]).toEqual(['Fotis Xenakis', 'foxen@windowslive.com']);
  });

  it('has an empty messageId when there is no Message-ID header', async () => {
    const mail = await decodeFixture('git-inline.eml');
    expect(mail.messageId).toBe('');
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.dateHeader).toBe('Wed, 4 Nov 2020 02:42:22 +0200');
  });
});

describe('decodeMail: body in every transfer encoding and charset', () => {
  it.each([
    ['osv-virtio-fs.eml', SEED_BODY],
    ['osv-qp-utf8.eml', withLine(SEED_BODY, 'Ευχαριστώ (thank you) for reading \u2014 Fotis')],
    ['osv-base64-utf8.eml', withLine(SEED_BODY, 'Ευχαριστώ (thank you) for reading \u2014 Fotis')],
    ['osv-latin1-crlf.eml', withLine(SEED_BODY, 'Naïve benchmarks are in my diploma thesis, linked from the post.')],
    ['osv-latin9-qp.eml', withLine(SEED_BODY, 'Naïve benchmarks cost 0 € to rerun, see my diploma thesis.')],
  ])('%s decodes byte-exact', async (name, expected) => {
    const mail = await decodeFixture(name);
    expect(mail.body).toBe(expected);
    expect(mail.body).toContain(WINDOW_LINE);
    expect(mail.body).not.toContain('\r');
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.messageId).toBe(SEED_MESSAGE_ID);
    expect(mail.date).toBe('2020-11-04T00:42:22.000Z');
    expect(mail.flowed).toBe(false);
    expect(mail.patchParts).toEqual([]);
  });

  it('really re-encoded the fixtures', () => {
    const qp = fixture('osv-qp-utf8.eml').toString('latin1');
    expect(qp).toContain('+This article provides an overview of virtio-fs, a novel way for sharing th=\n');
    expect(qp).toContain('=CE=95=CF=85');
    expect(fixture('osv-base64-utf8.eml').toString('latin1')).not.toContain('shared memory window');
    expect(fixture('osv-latin1-crlf.eml').toString('latin1')).toContain('Na\xefve benchmarks');
    expect(fixture('osv-latin9-qp.eml').toString('latin1')).toContain('0 =A4 to rerun'); // € in ISO-8859-15
  });

  it('decodes each message of a CRLF series', async () => {
    const messages = splitMessages(fixture('series-crlf.mbox'));
    const mails = await Promise.all(messages.map((m) => decodeMail(m)));
    expect(mails.map((m) => m.index)).toEqual([1, 2, 3]);
    expect(mails.map((m) => m.subject)).toEqual([
      '[qemu-web PATCH 1/3] Add virtio-fs in OSv overview blog post',
      '[qemu-web PATCH 2/3] Fix wording and links in the OSv virtio-fs post',
      '[qemu-web PATCH 3/3] Fix a typo in the OSv virtio-fs post',
    ]);
    expect(mails[0]?.body).toContain(WINDOW_LINE);
    expect(mails[1]?.body).toContain('\n\nFrom the start, the post was meant to stay short; the fixes keep it so.\nFrom here on,');
    expect(mails[2]?.body).toContain(
      '\n-device model means duplication, as well as loss of efficiency. This is were\n' +
        '+device model means duplication, as well as loss of efficiency. This is where\n',
    );
    expect(mails[2]?.body).toContain('of\nFrom 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nwhich');
    for (const mail of mails) expect(mail.body).not.toContain('\r');
    // The .patch file holds the first message of the series.
    expect(PATCH_FILE.endsWith(mails[0]!.body)).toBe(true);
  });

  it('unquotes mboxrd bodies before decoding', async () => {
    const mail = await decodeFixture('quoted-mboxrd.mbox', 1);
    expect(mail.subject).toBe('[qemu-web PATCH v2] Add virtio-fs in OSv overview blog post');
    expect(mail.body).toContain(
      '\n\nFrom the start, the post was meant for the QEMU blog.\n>From the list: thanks for the early comments.\n>>From a quote of a quote.\n\n',
    );
  });
});

describe('decodeMail: patch parts', () => {
  /** The diff of the .patch file, without the mail around it and the signature. */
  const diffOnly = PATCH_FILE.slice(PATCH_FILE.indexOf('diff --git'), PATCH_FILE.indexOf('-- \n2.29.2'));

  it('takes a text/x-patch attachment (Thunderbird), base64-decoded', async () => {
    const mail = await decodeFixture('thunderbird-attachment.eml');
    expect(mail.patchParts).toEqual([PATCH_FILE]);
    expect(mail.patchParts[0]).toContain(WINDOW_LINE);
    expect(mail.body).not.toContain('diff --git');
  });

  it('takes an inline text/x-diff part in ISO-8859-1 quoted-printable (mutt)', async () => {
    const mail = await decodeFixture('mutt-inline-xdiff-latin1.eml');
    const expected = PATCH_FILE.replace('\nFeel free to review', '\nNaïve benchmarks are in my diploma thesis.\n\nFeel free to review');
    expect(mail.patchParts).toEqual([expected]);
    expect(mail.patchParts[0]).toContain(WINDOW_LINE);
    expect(mail.patchParts[0]).toContain('\n-- \n2.29.2\n'); // "--=20" decoded
    expect(mail.body).toBe('Hi,\n\nthe patch below adds a blog post about virtio-fs in OSv.\n\nFotis\n');
    expect(mail.flowed).toBe(false);
  });

  it('takes an application/octet-stream attachment named .patch (Gmail), not the HTML', async () => {
    const mail = await decodeFixture('gmail-octet-stream.eml');
    expect(mail.patchParts).toEqual([PATCH_FILE]);
    expect(mail.body).toBe('The patch is attached.\n');
    expect(mail.messageId).toBe('<CAFx9Gk1v0sEXAMPLEq3w@mail.gmail.com>');
  });

  it.each(['git-inline.eml', 'git-attach.eml'])('takes the text/x-patch part of %s', async (name) => {
    const mail = await decodeFixture(name);
    expect(mail.patchParts).toEqual([diffOnly]);
    expect(mail.patchParts[0]).toContain(WINDOW_LINE);
    expect(mail.body).toContain('\nFeel free to review, I will be more than happy to address any comments.\n');
    expect(mail.body).toContain('\n 1 file changed, 123 insertions(+)\n');
    expect(mail.body).not.toContain('diff --git');
    expect(mail.flowed).toBe(false);
  });

  it('takes a message whose only part is text/x-patch', async () => {
    const mail = await decodeFixture('single-part-xpatch.eml');
    expect(mail.body).toBe('');
    expect(mail.patchParts).toEqual([PATCH_FILE]);
    expect(mail.fromName).toBe('Fotis Xenakis');
    expect(mail.flowed).toBe(false);
  });

  it('decodes a patch part in its charset, with CRLF folded', async () => {
    const raw = [
      'From: Fotis Xenakis <foxen@windowslive.com>',
      'Subject: x',
      'Content-Type: text/x-patch; charset=iso-8859-15',
      '',
      'Na\xefve \xa4\r\n+line\r\n',
    ].join('\n');
    const mail = await decodeMail({ index: 4, raw: Buffer.from(raw, 'latin1') });
    expect(mail.patchParts).toEqual(['Naïve €\n+line\n']);
  });

  it('ignores attachments that are not patches', async () => {
    const raw = fixture('git-attach.eml')
      .toString('utf8')
      .replace('Content-Type: text/x-patch; name="0001-Add-virtio-fs-in-OSv-overview-blog-post.patch"', 'Content-Type: application/pdf; name="thesis.pdf"')
      .replace('filename="0001-Add-virtio-fs-in-OSv-overview-blog-post.patch"', 'filename="thesis.pdf"');
    const mail = await decodeText(raw);
    expect(mail.patchParts).toEqual([]);
    expect(mail.body).toContain('Feel free to review');
  });
});

describe('decodeMail: format=flowed', () => {
  it('flags a flowed single-part mail (mailparser has already re-joined it)', async () => {
    const raw = fixture('osv-flowed.eml').toString('utf8');
    // Really flowed: the long + line was cut after a space.
    expect(raw).toContain("+window. What is that? It's a shared memory window between the host and \nthe\n");
    const mail = await decodeFixture('osv-flowed.eml');
    expect(mail.flowed).toBe(true);
    expect(mail.body).toContain(WINDOW_LINE);
  });

  it('flags a flowed text/plain part inside a multipart mail (Thunderbird), not its intact patch', async () => {
    const mail = await decodeFixture('thunderbird-attachment.eml');
    expect(mail.flowed).toBe(true);
    expect(mail.patchPartsFlowed).toBe(false);
    expect(mail.body).toContain(
      'Please find attached a patch adding a blog post about virtio-fs in OSv, a unikernel running under QEMU/KVM that takes advantage of its virtio-fs implementation.\n',
    );
  });

  it('flags a flowed patch part, and a flowed inline text part of git --inline', async () => {
    const inline = fixture('git-inline.eml').toString('utf8');
    const textFlowed = await decodeText(inline.replace('charset=UTF-8; format=fixed', 'charset=UTF-8; format=flowed'));
    expect(textFlowed.flowed).toBe(true);
    expect(textFlowed.patchPartsFlowed).toBe(false);
    const patchFlowed = await decodeText(
      inline.replace('Content-Type: text/x-patch; name=', 'Content-Type: text/x-patch; format="Flowed"; name='),
    );
    expect(patchFlowed.flowed).toBe(false);
    expect(patchFlowed.patchPartsFlowed).toBe(true);
    expect(patchFlowed.patchParts[0]).toContain(WINDOW_LINE);
  });

  it('flags a single-part text/x-patch sent flowed', async () => {
    const raw = fixture('single-part-xpatch.eml').toString('utf8').replace('charset=UTF-8;', 'charset=UTF-8; format=flowed;');
    expect((await decodeText(raw)).patchPartsFlowed).toBe(true);
  });

  it('does not flag format=flowed on a part that carries no text or patch', async () => {
    const raw = fixture('git-attach.eml')
      .toString('utf8')
      .replace('Content-Type: text/x-patch; name="0001-Add-virtio-fs-in-OSv-overview-blog-post.patch"', 'Content-Type: text/html; format=flowed');
    const mail = await decodeText(raw);
    expect(mail.flowed).toBe(false);
  });

  it('does not flag format=flowed on a text/plain attachment that is not a patch', async () => {
    const raw = fixture('git-attach.eml')
      .toString('utf8')
      .replace('Content-Type: text/x-patch; name="0001-Add-virtio-fs-in-OSv-overview-blog-post.patch"', 'Content-Type: text/plain; format=flowed')
      .replace('filename="0001-Add-virtio-fs-in-OSv-overview-blog-post.patch"', 'filename="notes.txt"');
    expect((await decodeText(raw)).flowed).toBe(false);
  });
});

describe('decodeMail: bad input', () => {
  async function outcome(raw: Buffer): Promise<'ok' | 'InputError'> {
    try {
      await decodeMail({ index: 7, raw });
      return 'ok';
    } catch (err) {
      if (err instanceof InputError) {
        expect(err.message).not.toContain('\n');
        return 'InputError';
      }
      throw err;
    }
  }

  it('rejects an empty or blank message with a one-line InputError', async () => {
    await expect(decodeMail({ index: 3, raw: Buffer.alloc(0) })).rejects.toThrow(new InputError('message 3 is empty'));
    await expect(decodeMail({ index: 3, raw: Buffer.from('\r\n \n') })).rejects.toBeInstanceOf(InputError);
  });

  it('rejects text without mail headers', async () => {
    const diff = PATCH_FILE.slice(PATCH_FILE.indexOf('diff --git'));
    await expect(decodeText(diff, 2)).rejects.toThrow(/^message 2 is not a mail/);
  });

  it('wraps mailparser errors in InputError', async () => {
    const raw = `Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n${'--b\nContent-Type: text/plain\n\nx\n'.repeat(2000)}--b--\n`;
    await expect(decodeText(raw)).rejects.toThrow(/^message 1 cannot be read as mail: /);
  });

  it('throws nothing but InputError on random bytes', async () => {
    // A fixed-seed generator, so a failure can be replayed.
    let state = 0x2545f491;
    const next = (): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    const results = new Set<string>();
    for (let round = 0; round < 200; round++) {
      const raw = Buffer.alloc(1 + (next() % 4000));
      for (let i = 0; i < raw.length; i++) raw[i] = next() & 0xff;
      results.add(await outcome(raw));
    }
    expect(results.has('InputError')).toBe(true);
  });

  it('throws nothing but InputError on cut or damaged fixtures', async () => {
    const names = ['thunderbird-attachment.eml', 'gmail-octet-stream.eml', 'osv-base64-utf8.eml', 'mutt-inline-xdiff-latin1.eml'];
    for (const name of names) {
      const whole = fixture(name);
      for (let cut = 0; cut < whole.length; cut += 397) {
        await outcome(whole.subarray(0, cut));
        const damaged = Buffer.from(whole);
        damaged[cut] = 0x00;
        damaged[(cut * 7) % whole.length] = 0x2d;
        await outcome(damaged);
      }
    }
    // Cut inside the base64 attachment: still a mail, with a shorter patch.
    const tb = fixture('thunderbird-attachment.eml');
    const mail = await decodeMail({ index: 1, raw: tb.subarray(0, tb.length - 2000) });
    expect(mail.patchParts).toHaveLength(1);
    expect(PATCH_FILE.startsWith(mail.patchParts[0]!.slice(0, 1000))).toBe(true);
  });
});

describe('parseMailDate', () => {
  it.each([
    ['Wed,  4 Nov 2020 02:42:22 +0200', '2020-11-04T00:42:22.000Z'],
    ['Wed, 4 Nov 2020 02:42:22 +0200 (EET)', '2020-11-04T00:42:22.000Z'],
    ['4 Nov 2020 02:42 GMT', '2020-11-04T02:42:00.000Z'],
    ['Wed, 04 Nov 20 02:42:22 PST', '2020-11-04T10:42:22.000Z'],
    ['Thu, 1 Jan 1970 00:00:00 -0000', '1970-01-01T00:00:00.000Z'],
    ['2020-11-04T02:42:22+02:00', '2020-11-04T00:42:22.000Z'],
  ])('reads %s', (header, iso) => {
    expect(parseMailDate(header)).toBe(iso);
  });

  it.each(['', 'sometime last week', 'Message 12', 'Wed, 31 Feb 2020 02:42:22 +0200', 'Wed, 4 Nov 2020 25:42:22 +0200'])(
    'gives no date for %j',
    (header) => {
      expect(parseMailDate(header)).toBe('');
    },
  );
});
