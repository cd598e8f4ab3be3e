import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDiff, readPatch } from '../../src/patch/read.js';
import type { Mail, Patch, Post } from '../../src/core/types.js';
import { POSTS } from '../helpers.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

const POST = '_posts/2020-11-04-osv-virtio-fs.md';
const SOB = 'Signed-off-by: Fotis Xenakis <foxen@windowslive.com>';

/** A crude mail: headers up to the first blank line, the rest is the body (the decoder's job, not ours). */
function mailOf(text: string, extra: Partial<Mail> = {}): Mail {
  const unix = text.replace(/\r\n/g, '\n');
  const cut = unix.indexOf('\n\n');
  const head = unix.slice(0, cut).replace(/\n[ \t]+/g, ' ');
  const header = (name: string): string => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '';
  return {
    index: 1,
    subject: header('Subject'),
    fromName: header('From').replace(/ <.*>$/, ''),
    fromAddress: /<([^>]*)>/.exec(header('From'))?.[1] ?? '',
    dateHeader: header('Date'),
    date: '',
    messageId: header('Message-ID'),
    to: [],
    cc: [],
    references: [],
    inReplyTo: header('In-Reply-To'),
    body: text.slice(text.indexOf(text.includes('\r\n\r\n') ? '\r\n\r\n' : '\n\n') + (text.includes('\r\n\r\n') ? 4 : 2)),
    patchParts: [],
    flowed: false,
    patchPartsFlowed: false,
    ...extra,
  };
}

/** Cuts an mbox at its `From ` separator lines (another module does this for real). */
function messagesOf(mbox: string): string[] {
  return mbox.split(/^(?=From \S+ +\w{3} \w{3} )/m).filter((m) => m.trim() !== '');
}

const lineOf = (post: Post, n: number): string | undefined => post.content.split('\n')[n - 1];

function onlyPost(patch: Patch): Post {
  expect(patch.posts).toHaveLength(1);
  const post = patch.posts[0];
  if (post === undefined) throw new Error('no post');
  return post;
}

function expectNoCarriageReturn(patch: Patch): void {
  const all = JSON.stringify(patch, (_key, value: unknown) => (value instanceof Set ? [...value] : value));
  expect(all).not.toContain('\\r');
}

describe('the seed patch (v1)', () => {
  const patch = readPatch(mailOf(read('osv-virtio-fs-v1.mbox')), POSTS);

  it('copies the mail fields', () => {
    expect(patch.subject).toBe('[qemu-web PATCH] Add virtio-fs in OSv overview blog post');
    expect(patch.fromName).toBe('Fotis Xenakis');
    expect(patch.fromAddress).toBe('foxen@windowslive.com');
    expect(patch.dateHeader).toBe('Wed,  4 Nov 2020 02:42:22 +0200');
    expect(patch.messageId).toBe('<AM0PR03MB62920E8F53722876D6FD3D30A6EF0@AM0PR03MB6292.eurprd03.prod.outlook.com>');
  });

  it('finds one added post of 123 lines', () => {
    const post = onlyPost(patch);
    expect(post.path).toBe(POST);
    expect(post.status).toBe('added');
    expect(post.content.split('\n')).toHaveLength(124); // 123 lines and the final newline
    expect(post.content.endsWith('rapid unikernel reconfiguration.\n')).toBe(true);
    expect(lineOf(post, 1)).toBe('---');
    expect(lineOf(post, 34)).toBe("window. What is that? It's a shared memory window between the host and the");
    expect(post.addedLines.size).toBe(123);
    expect(post.addedLines.has(1) && post.addedLines.has(123) && !post.addedLines.has(124)).toBe(true);
  });

  it('keeps the header and the hunk lines as mailed', () => {
    const post = onlyPost(patch);
    expect(post.header).toEqual([
      `diff --git a/${POST} b/${POST}`,
      'new file mode 100644',
      'index 0000000..af5bb0d',
      '--- /dev/null',
      `+++ b/${POST}`,
    ]);
    expect(post.hunks).toHaveLength(1);
    const hunk = post.hunks[0];
    expect(hunk?.header).toBe('@@ -0,0 +1,123 @@');
    expect(hunk?.lines).toHaveLength(123);
    expect(hunk?.lines[33]).toEqual({
      text: "+window. What is that? It's a shared memory window between the host and the",
      kind: 'add',
      newLine: 34,
    });
    expect(hunk?.lines[7]).toEqual({ text: '+', kind: 'add', newLine: 8 });
  });

  it('splits the commit message from its trailers', () => {
    expect(patch.commitMessage[0]).toBe('This post briefly goes over the main points of virtio-fs and OSv, a');
    expect(patch.commitMessage.at(-1)).toBe('Feel free to review, I will be more than happy to address any comments.');
    expect(patch.commitMessage).toHaveLength(5);
    expect(patch.trailers).toEqual([SOB]);
  });

  it('does not report the SVG, which only the diffstat names', () => {
    // The seed mbox left the SVG's diff out; a file without a diff is not in the patch.
    expect(patch.skipped).toEqual([]);
  });

  it('reads the same from the whole mbox file as a bare diff', () => {
    const bare = readDiff(read('osv-virtio-fs-v1.mbox'), POSTS);
    expect(bare.subject).toBe('');
    expect(bare.commitMessage).toEqual(patch.commitMessage);
    expect(bare.trailers).toEqual([SOB]);
    expect(onlyPost(bare).content).toBe(onlyPost(patch).content);
  });

  it('recreates the post byte for byte (git blob af5bb0d)', async () => {
    const { createHash } = await import('node:crypto');
    const content = onlyPost(patch).content;
    const blob = createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0${content}`).digest('hex');
    expect(blob.startsWith('af5bb0d')).toBe(true);
  });
});

describe('CRLF input', () => {
  const crlf = read('patch/seed-v1-crlf.mbox');
  const reference = onlyPost(readPatch(mailOf(read('osv-virtio-fs-v1.mbox')), POSTS));

  it('is the CRLF copy it claims to be', () => {
    expect(crlf.split('\r\n').length).toBeGreaterThan(150);
  });

  for (const [name, patch] of [
    ['in the body', readPatch(mailOf(crlf), POSTS)],
    ['in an attachment', readPatch(mailOf(read('osv-virtio-fs-v1.mbox'), { body: '', patchParts: [crlf] }), POSTS)],
    ['as a bare diff', readDiff(crlf, POSTS)],
  ] as const) {
    it(`reads the same as LF ${name}, with no \\r left`, () => {
      const post = onlyPost(patch);
      // parse-diff alone loses the new-file flag on CRLF input.
      expect(post.status).toBe('added');
      expect(post.content).toBe(reference.content);
      expect(post.header).toEqual(reference.header);
      expect(patch.trailers).toEqual([SOB]);
      expectNoCarriageReturn(patch);
    });
  }

  it('drops a lone trailing \\r', () => {
    const text = read('patch/no-post.patch').replace(/\n-- \n2\.29\.2\n$/, '\r');
    expect(readDiff(text, POSTS).skipped).toEqual([{ reason: 'touches no post: foo.txt, screenshots/a.svg' }]);
    expectNoCarriageReturn(readDiff(text, POSTS));
  });
});

describe('a modified post', () => {
  const patch = readPatch(mailOf(read('patch/modified-two-hunks.patch')), POSTS);
  const post = onlyPost(patch);

  it('has two hunks with true new line numbers', () => {
    expect(post.status).toBe('modified');
    expect(post.path).toBe(POST);
    expect(post.header).toEqual([
      `diff --git a/${POST} b/${POST}`,
      'index af5bb0d..ae845f1 100644',
      `--- a/${POST}`,
      `+++ b/${POST}`,
    ]);
    expect(post.hunks.map((h) => h.header)).toEqual([
      '@@ -6,16 +6,18 @@ date:   2020-11-04 02:00:00 +0200',
      '@@ -31,13 +33,11 @@ utilizing the',
    ]);
    const second = post.hunks[1]?.lines ?? [];
    expect(second[0]).toEqual({ text: ' to communicate with QEMU.', kind: 'context', newLine: 33 });
    expect(second[3]).toEqual({
      text: "-window. What is that? It's a shared memory window between the host and the",
      kind: 'del',
    });
  });

  it('leaves lines outside the hunks blank', () => {
    const lines = post.content.split('\n');
    expect(lines).toHaveLength(44); // 43 known lines and the final newline
    expect(lineOf(post, 1)).toBe('');
    expect(lineOf(post, 5)).toBe('');
    expect(lineOf(post, 6)).toBe('categories: [storage, virtio-fs, unikernel, OSv]');
    expect(lineOf(post, 9)).toBe('This article provides an overview of [virtio-fs](https://virtio-fs.gitlab.io/),');
    expect(lineOf(post, 13)).toBe('together.');
    expect(lineOf(post, 28)).toBe('');
    expect(lineOf(post, 34)).toBe('');
    expect(lineOf(post, 36)).toBe("window. It's a shared memory window between the host and the guest, exposed as");
    expect(lineOf(post, 42)).toBe(
      '![virtio-fs DAX architecture](https://gitlab.com/virtio-fs/virtio-fs.gitlab.io/-/raw/master/architecture.svg)',
    );
  });

  it('records the added lines only', () => {
    const added = [...post.addedLines].sort((a, b) => a - b);
    expect(added).toEqual([9, 10, 11, 12, 13, 17, 18, 19, 20, 36, 37, 38, 39, 40]);
  });

  it('takes two trailers', () => {
    expect(patch.commitMessage).toEqual([
      'Use the wording of v2 for the introduction and the DAX window, as',
      'suggested on the list.',
    ]);
    expect(patch.trailers).toEqual(['Reviewed-by: Example Reviewer <reviewer@example.org>', SOB]);
  });

  it('accepts empty context lines whose space a mailer stripped', () => {
    const text = read('patch/modified-two-hunks.patch').replace(/^ $/gm, '');
    const stripped = onlyPost(readDiff(text, POSTS));
    expect(stripped.content).toBe(post.content);
    expect(stripped.hunks[1]?.lines.at(-1)).toEqual({ text: '', kind: 'context', newLine: 43 });
  });

  it('reads a plain unified diff without the git lines', () => {
    const text = read('patch/modified-two-hunks.patch').replace(/^(diff --git|index) .*\n/gm, '');
    const plain = onlyPost(readDiff(text, POSTS));
    expect(plain.header).toEqual([`--- a/${POST}`, `+++ b/${POST}`]);
    expect(plain.content).toBe(post.content);
    expect(readDiff(text, POSTS).commitMessage).toEqual(patch.commitMessage);
  });
});

describe('no newline at end of file', () => {
  it('drops the marker after an added last line', () => {
    const patch = readPatch(mailOf(read('patch/no-newline-added.patch')), POSTS);
    const post = onlyPost(patch);
    const lines = post.hunks[0]?.lines ?? [];
    // parse-diff reports the marker as one more "add" carrying line 123.
    expect(lines).toHaveLength(123);
    expect(lines.at(-1)).toEqual({ text: '+rapid unikernel reconfiguration.', kind: 'add', newLine: 123 });
    expect(lines.some((l) => l.text.startsWith('\\'))).toBe(false);
    expect(post.addedLines.size).toBe(123);
    // The new version really ends without a newline.
    expect(post.content.endsWith('rapid unikernel reconfiguration.')).toBe(true);
    expect(post.content.split('\n')).toHaveLength(123);
  });

  it('drops the marker after a removed line', () => {
    const post = onlyPost(readPatch(mailOf(read('patch/no-newline-fixed.patch')), POSTS));
    const lines = post.hunks[0]?.lines ?? [];
    expect(lines.map((l) => l.kind)).toEqual(['context', 'context', 'context', 'del', 'add']);
    expect([...post.addedLines]).toEqual([123]);
    expect(lineOf(post, 123)).toBe('rapid unikernel reconfiguration.');
    expect(post.content.endsWith('reconfiguration.\n')).toBe(true);
  });

  it('accepts the marker in another language', () => {
    const text = read('patch/no-newline-fixed.patch').replace('\\ No newline at end of file', '\\ Kein Zeilenumbruch am Dateiende.');
    const post = onlyPost(readDiff(text, POSTS));
    expect(post.hunks[0]?.lines.map((l) => l.kind)).toEqual(['context', 'context', 'context', 'del', 'add']);
  });
});

describe('corrupt hunk counts', () => {
  it('refuses a count that swallows the next file', () => {
    const patch = readPatch(mailOf(read('patch/corrupt-count-too-large.patch')), POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toEqual([
      {
        reason:
          `the patch is corrupt: the hunk at line 6 of the diff (@@ -0,0 +1,125 @@ in ${POST}) says 0 old and 125 new lines ` +
          'but has 0 old and 123 new when line 130 ("diff --git a/screenshots/2020-11-04-unikernel-vs-gpos.svg b/…", ' +
          'the next file) comes, which cannot be part of it',
        damaged: true,
      },
    ]);
    // The commit message is still there for whoever reports the damage.
    expect(patch.trailers).toEqual([SOB]);
  });

  it('refuses a count that would drop lines', () => {
    const patch = readPatch(mailOf(read('patch/corrupt-count-too-small.patch')), POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toEqual([
      {
        reason:
          `the patch is corrupt: the hunk at line 6 of the diff (@@ -0,0 +1,120 @@ in ${POST}) says 0 old and 120 new lines ` +
          'but has 0 old and 123 new: line 127 ("+host\'s file system, thanks to the native virtio transport, …") ' +
          'and what follows would be dropped',
        damaged: true,
      },
    ]);
  });

  it('refuses a last hunk that runs into the signature', () => {
    const patch = readPatch(mailOf(read('patch/corrupt-into-signature.patch')), POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toHaveLength(1);
    expect(patch.skipped[0]?.damaged).toBe(true);
    expect(patch.skipped[0]?.reason).toBe(
      'the patch is corrupt: the hunk at line 135 of the diff (@@ -0,0 +1,2 @@ in screenshots/2020-11-04-unikernel-vs-gpos.svg) ' +
        'says 0 old and 2 new lines but has 0 old and 1 new when line 137 ("-- ", the mail signature) comes, which cannot be part of it',
    );
  });

  it('reads the uncorrupted original', () => {
    const patch = readPatch(mailOf(read('patch/post-and-image.patch')), POSTS);
    expect(onlyPost(patch).content.split('\n')).toHaveLength(124);
    expect(patch.skipped).toEqual([{ reason: 'not a post: screenshots/2020-11-04-unikernel-vs-gpos.svg' }]);
  });

  it('reports a patch in a format=flowed body as damaged instead of reviewing it', () => {
    const patch = readPatch(mailOf(read('patch/post-and-image.patch'), { flowed: true }), POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toHaveLength(1);
    expect(patch.skipped[0]?.damaged).toBe(true);
    expect(patch.skipped[0]?.reason).toMatch(/^the patch is damaged: the sender's mail client re-flowed it/);
  });

  it('reviews an intact attached patch even when the cover note was flowed', () => {
    const text = read('patch/post-and-image.patch');
    const mail = mailOf(text, { flowed: true, body: 'Here is my post.\n', patchParts: [text] });
    expect(readPatch(mail, POSTS).posts.map((p) => p.path)).toEqual(['_posts/2020-11-04-osv-virtio-fs.md']);
    expect(readPatch({ ...mail, patchPartsFlowed: true }, POSTS).skipped[0]?.damaged).toBe(true);
  });

  it('refuses a hunk cut short by the end of the text', () => {
    const text = read('osv-virtio-fs-v1.mbox').replace(/\n[^\n]*\n$/, '\n');
    const patch = readDiff(text, POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped[0]?.reason).toMatch(/says 0 old and 123 new lines but the diff ends after 0 old and 122 new$/);
  });

  it('refuses an unreadable hunk header and an absurd line number', () => {
    const base = read('patch/no-newline-fixed.patch');
    const bad = readDiff(base.replace('@@ -120,4 +120,4 @@', '@@ -120,4 +1x0,4 @@'), POSTS);
    expect(bad.skipped[0]?.reason).toMatch(/^the patch is corrupt: the hunk header at line 5 of the diff \(_posts\/.*\) cannot be read/);
    const far = readDiff(base.replace('@@ -120,4 +120,4 @@', '@@ -120,4 +999999999,4 @@'), POSTS);
    expect(far.skipped[0]?.reason).toMatch(/reaches beyond line 1000000$/);
    expect(far.posts).toEqual([]);
  });
});

describe('what is not reviewed', () => {
  it('skips a patch that touches no post, naming the files', () => {
    const patch = readPatch(mailOf(read('patch/no-post.patch')), POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toEqual([{ reason: 'touches no post: foo.txt, screenshots/a.svg' }]);
  });

  it('skips a deleted post', () => {
    const patch = readPatch(mailOf(read('patch/delete-post.patch')), POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toEqual([{ reason: `deleted post: ${POST}` }]);
  });

  it('skips a rename without hunks', () => {
    const patch = readPatch(mailOf(read('patch/rename-post.patch')), POSTS);
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toEqual([
      { reason: `renamed without changes: ${POST} -> _posts/2020-11-05-osv-virtio-fs.md` },
    ]);
  });

  it('skips a message without a diff, and an empty bare input', () => {
    const mail = mailOf(read('osv-virtio-fs-v1.mbox'), { body: 'Just a question about the site.\n' });
    expect(readPatch(mail, POSTS).skipped).toEqual([{ reason: 'no patch in this message' }]);
    expect(readDiff('', POSTS).skipped).toEqual([{ reason: 'no diff in this input' }]);
  });

  it('recognises cover letters by their subject', () => {
    const body = read('patch/no-post.patch');
    for (const subject of ['[PATCH 0/2] Add a post', '[qemu-web PATCH v2 00/12] Posts', '[RFC PATCH 0/3] x']) {
      expect(readPatch(mailOf(body, { subject }), POSTS).skipped).toEqual([{ reason: 'cover letter' }]);
    }
    expect(readPatch(mailOf(body, { subject: '[PATCH 1/2] Add a post' }), POSTS).skipped).toEqual([
      { reason: 'touches no post: foo.txt, screenshots/a.svg' },
    ]);
    expect(readPatch(mailOf('\n\nThanks!\n', { subject: 'Re: [PATCH 0/2] Add a post' }), POSTS).skipped).toEqual([
      { reason: 'reply without a patch' },
    ]);
  });

  it('skips a post sent as binary', () => {
    const text = [
      'diff --git a/_posts/x.md b/_posts/x.md',
      'new file mode 100644',
      'index 0000000..e69de29',
      'Binary files /dev/null and b/_posts/x.md differ',
      '',
    ].join('\n');
    expect(readDiff(text, POSTS).skipped).toEqual([{ reason: 'binary file: _posts/x.md' }]);
  });

  it('shortens a long list of other files', () => {
    const files = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(
      (name) => `diff --git a/${name}.txt b/${name}.txt\nnew file mode 100644\n--- /dev/null\n+++ b/${name}.txt\n@@ -0,0 +1 @@\n+${name}\n`,
    );
    expect(readDiff(files.join(''), POSTS).skipped).toEqual([{ reason: 'touches no post: a.txt, b.txt, c.txt, d.txt and 3 more' }]);
  });

  it('follows the posts glob', () => {
    expect(POSTS.posts).toBe('_posts/**/*.{md,markdown}');
    const patch = readPatch(mailOf(read('osv-virtio-fs-v1.mbox')), { posts: 'content/**/*.md' });
    expect(patch.posts).toEqual([]);
    expect(patch.skipped).toEqual([{ reason: `touches no post: ${POST}` }]);
    const markdown = read('patch/no-post.patch').replaceAll('foo.txt', '_posts/2021/notes.markdown');
    expect(onlyPost(readDiff(markdown, POSTS)).path).toBe('_posts/2021/notes.markdown');
  });
});

describe('mboxes with several messages', () => {
  it('reads a series: cover letter, post, image', () => {
    const patches = messagesOf(read('patch/series-cover-letter.mbox')).map((m) => readPatch(mailOf(m), POSTS));
    expect(patches.map((p) => p.subject)).toEqual([
      '[qemu-web PATCH 0/2] Add virtio-fs in OSv overview blog post',
      '[qemu-web PATCH 1/2] Add virtio-fs in OSv overview blog post',
      '[qemu-web PATCH 2/2] Add the unikernel vs GPOS illustration',
    ]);
    expect(patches[0]?.skipped).toEqual([{ reason: 'cover letter' }]);
    expect(patches[0]?.posts).toEqual([]);
    const post = onlyPost(patches[1] ?? readDiff('', POSTS));
    expect(post.path).toBe(POST);
    expect(post.status).toBe('added');
    expect(patches[1]?.skipped).toEqual([]);
    expect(patches[2]?.posts).toEqual([]);
    expect(patches[2]?.skipped).toEqual([{ reason: 'touches no post: screenshots/2020-11-04-unikernel-vs-gpos.png' }]);
  });

  it('reads a thread: the patch, then a reply that quotes it', () => {
    const [first, reply] = messagesOf(read('patch/thread.mbox')).map((m) => readPatch(mailOf(m), POSTS));
    expect(first?.messageId).toBe('<20201104004222.4242-1-foxen@windowslive.com>');
    expect(onlyPost(first ?? readDiff('', POSTS)).addedLines.size).toBe(123);
    expect(reply?.subject).toBe('Re: [qemu-web PATCH] Add virtio-fs in OSv overview blog post');
    expect(reply?.posts).toEqual([]);
    expect(reply?.skipped).toEqual([{ reason: 'reply without a patch' }]);
  });
});

describe('patches in attachments', () => {
  const formatPatch = read('patch/modified-two-hunks.patch');

  it('takes the commit message from an attached format-patch file', () => {
    const mail = mailOf(formatPatch, {
      subject: '[qemu-web PATCH] Reword the virtio-fs in OSv post',
      body: 'Hi, the patch is attached.\n\n-- \nFotis\n',
      patchParts: [formatPatch],
    });
    const patch = readPatch(mail, POSTS);
    expect(onlyPost(patch).hunks).toHaveLength(2);
    expect(patch.commitMessage[0]).toBe('Use the wording of v2 for the introduction and the DAX window, as');
    expect(patch.trailers).toHaveLength(2);
  });

  it('takes the mail body as the message of an attached bare diff', () => {
    const diff = formatPatch.slice(formatPatch.indexOf('diff --git'));
    const mail = mailOf(formatPatch, {
      body: 'Please find the rewording attached.\n\nSigned-off-by: Fotis Xenakis <foxen@windowslive.com>\n-- \nFotis\n',
      patchParts: [diff],
    });
    const patch = readPatch(mail, POSTS);
    expect(onlyPost(patch).status).toBe('modified');
    expect(patch.commitMessage).toEqual(['Please find the rewording attached.']);
    expect(patch.trailers).toEqual([SOB]);
  });

  it('reviews a patch sent both inline and attached once', () => {
    const mail = mailOf(formatPatch);
    const patch = readPatch({ ...mail, patchParts: [mail.body] }, POSTS);
    expect(patch.posts).toHaveLength(1);
    expect(patch.skipped).toEqual([]);
  });
});

describe('commit messages', () => {
  const diff = read('patch/no-post.patch').slice(read('patch/no-post.patch').indexOf('diff --git'));
  const messageOf = (text: string): Patch => readDiff(`${text}\n---\n ${'foo.txt | 1 +'}\n\n${diff}`, POSTS);

  it('takes a Signed-off-by run that no blank line sets apart, as git does', () => {
    const patch = messageOf('Fix a typo.\nSigned-off-by: A <a@example.org>\nCc: B <b@example.org>');
    expect(patch.commitMessage).toEqual(['Fix a typo.']);
    expect(patch.trailers).toEqual(['Signed-off-by: A <a@example.org>', 'Cc: B <b@example.org>']);
  });

  it('leaves a last paragraph that is not all trailers', () => {
    const patch = messageOf('Fix a typo.\n\nNote: this is prose.\nAnd more prose.');
    expect(patch.commitMessage).toEqual(['Fix a typo.', '', 'Note: this is prose.', 'And more prose.']);
    expect(patch.trailers).toEqual([]);
  });

  it('keeps folded trailer values and drops in-body headers', () => {
    const patch = messageOf('From: Someone Else <s@example.org>\n\nBody.\n\nLink: https://example.org/a\n  /continued\nSigned-off-by: A <a@example.org>');
    expect(patch.commitMessage).toEqual(['Body.']);
    expect(patch.trailers).toEqual(['Link: https://example.org/a', '  /continued', 'Signed-off-by: A <a@example.org>']);
  });

  it('stops at the first --- line, as git am does', () => {
    const patch = messageOf('Body.\n\nSigned-off-by: A <a@example.org>\n---\nv2: reworded');
    expect(patch.commitMessage).toEqual(['Body.']);
    expect(patch.trailers).toEqual(['Signed-off-by: A <a@example.org>']);
  });
});

describe('odd input', () => {
  it('reviews a reply that carries a diff', () => {
    const mail = mailOf(read('patch/modified-two-hunks.patch'), { subject: 'Re: [qemu-web PATCH] Reword' });
    expect(onlyPost(readPatch(mail, POSTS)).hunks).toHaveLength(2);
  });

  it('skips a copy without changes', () => {
    const text = 'diff --git a/_posts/a.md b/_posts/b.md\nsimilarity index 100%\ncopy from _posts/a.md\ncopy to _posts/b.md\n';
    expect(readDiff(text, POSTS).skipped).toEqual([{ reason: 'copied without changes: _posts/a.md -> _posts/b.md' }]);
  });

  it('unquotes a C-quoted file name', () => {
    const name = '_posts/2020-11-04-caf\\303\\251.md';
    const text = [
      `diff --git "a/${name}" "b/${name}"`,
      'new file mode 100644',
      'index 0000000..b0b9fc8',
      '--- /dev/null',
      `+++ "b/${name}"`,
      '@@ -0,0 +1,2 @@',
      '+# Café',
      '+',
      '',
    ].join('\n');
    const post = onlyPost(readDiff(text, POSTS));
    expect(post.path).toBe('_posts/2020-11-04-café.md');
    expect(post.content).toBe('# Café\n\n');
  });

  it('never throws', () => {
    const inputs = [
      '@@ -1 +1 @@\n\\ x\n',
      'diff --git a/_posts/x.md b/_posts/x.md\n@@ -1 +1 @@\n\\ No newline at end of file\n-a\n+b\n',
      'diff --git\n--- \n+++ \n@@ -0,0 +1 @@\n+x\n',
      '--- a\n+++ b\n',
      '\\',
      'diff --git a/_posts/x.md b/_posts/x.md\n--- a/_posts/x.md\n+++ b/_posts/x.md\n@@ -0,0 +0,0 @@\n',
      `diff --git a/_posts/x.md b/_posts/x.md\n--- a/_posts/x.md\n+++ b/_posts/x.md\n@@ -1,${'9'.repeat(400)} +1 @@\n-x\n`,
      '\r\n\r\n\r',
    ];
    for (const input of inputs) {
      expect(() => readDiff(input, POSTS)).not.toThrow();
      expect(() => readPatch(mailOf(`Subject: x\n\n${input}`, { patchParts: [input] }), POSTS)).not.toThrow();
    }
    expect(readDiff(inputs[1] ?? '', POSTS).skipped[0]?.reason).toMatch(/^the patch is corrupt: the hunk at line 2 of the diff .* when line 3 \("\\\\ No newline at end of file"\) comes/);
  });

  it('runs in linear time on big and hostile input', () => {
    const n = 200_000;
    const added = Array.from({ length: n }, (_, i) => `+line ${i}`).join('\n');
    const big = `diff --git a/_posts/big.md b/_posts/big.md\nnew file mode 100644\n--- /dev/null\n+++ b/_posts/big.md\n@@ -0,0 +1,${n} @@\n${added}\n`;
    const hostile = [
      `diff --git ${'a/'.repeat(100_000)} b/_posts/x.md\n--- a/_posts/x.md\n+++ b/_posts/x.md\n@@ -1 +1 @@\n-a\n+b\n`,
      `diff --git a/_posts/x.md b/_posts/x.md\n--- a/_posts/x.md\n+++ b/_posts/x.md\n@@ -${'1'.repeat(100_000)}\n`,
      `diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -0,0 +1,${n} @@\n${'\n'.repeat(n - 1)}+x\n${' \n'.repeat(n)}`,
      `Subject: ${'[0/'.repeat(50_000)}\n${'Signed-off-by: x\n'.repeat(50_000)}`,
    ];
    const started = performance.now();
    const post = onlyPost(readDiff(big, POSTS));
    expect(post.addedLines.size).toBe(n);
    expect(lineOf(post, n)).toBe(`line ${n - 1}`);
    for (const input of hostile) readDiff(input, POSTS);
    readPatch(mailOf('Subject: x\n\nx\n', { subject: `${'[0/'.repeat(50_000)}]` }), POSTS);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('every file of the patch', () => {
  const svg = 'screenshots/2020-11-04-unikernel-vs-gpos.svg';

  it('lists the post and, from the diffstat alone, the SVG whose diff the seed lacks', () => {
    const patch = readPatch(mailOf(read('osv-virtio-fs-v1.mbox')), POSTS);
    expect(patch.files).toEqual([
      { path: POST, status: 'added', binary: false, binaryStub: false },
      { path: svg, status: 'added', binary: false, binaryStub: false, diffstatOnly: true },
    ]);
  });

  it('lists a file whose diff is present without the diffstat mark', () => {
    const patch = readPatch(mailOf(read('patch/post-and-image.patch')), POSTS);
    expect(patch.files).toEqual([
      { path: POST, status: 'added', binary: false, binaryStub: false },
      { path: svg, status: 'added', binary: false, binaryStub: false },
    ]);
  });

  it('reads the size of a GIT binary patch literal, in a patch without a post', () => {
    const [, , image] = messagesOf(read('patch/series-cover-letter.mbox')).map((m) => readPatch(mailOf(m), POSTS));
    expect(image?.posts).toEqual([]);
    expect(image?.files).toEqual([{ path: 'screenshots/2020-11-04-unikernel-vs-gpos.png', status: 'added', binary: true, binaryStub: false, size: 70 }]);
  });

  it('marks a binary stub, and takes its size from the diffstat', () => {
    const patch = readPatch(mailOf(read('structure/binary-stub.patch')), POSTS);
    expect(patch.files?.[1]).toEqual({ path: 'screenshots/2020-11-04-unikernel-vs-gpos.png', status: 'added', binary: true, binaryStub: true, size: 2070 });
  });

  it('tells renamed and deleted files', () => {
    expect(readPatch(mailOf(read('patch/rename-post.patch')), POSTS).files).toEqual([
      { path: '_posts/2020-11-05-osv-virtio-fs.md', oldPath: POST, status: 'renamed', binary: false, binaryStub: false },
    ]);
    expect(readPatch(mailOf(read('patch/delete-post.patch')), POSTS).files).toEqual([{ path: POST, status: 'deleted', binary: false, binaryStub: false }]);
    expect(readPatch(mailOf(read('patch/no-post.patch')), POSTS).files?.map((f) => f.path)).toEqual(['foo.txt', 'screenshots/a.svg']);
  });

  it('reads the diffstat forms git writes: braces, cut paths, Bin sizes, summary lines', () => {
    const text = [
      'Subject: [PATCH] x',
      '',
      'Message.',
      '---',
      ' _posts/{2020-11-04-a.md => 2020-11-05-a.md} | 2 +-',
      ' .../2020-11-04-a-very-long-name.png          | Bin 0 -> 123456 bytes',
      ' screenshots/old.png                          | Bin 1200 -> 0 bytes',
      ' 3 files changed, 1 insertion(+), 1 deletion(-)',
      ' rename _posts/{2020-11-04-a.md => 2020-11-05-a.md} (90%)',
      ' create mode 100644 screenshots/deep/2020-11-04-a-very-long-name.png',
      ' delete mode 100644 screenshots/old.png',
      '',
      'diff --git a/README b/README',
      '--- a/README',
      '+++ b/README',
      '@@ -1 +1 @@',
      '-a',
      '+b',
    ].join('\n');
    expect(readPatch(mailOf(text), POSTS).files).toEqual([
      { path: 'README', status: 'modified', binary: false, binaryStub: false },
      { path: '_posts/2020-11-05-a.md', oldPath: '_posts/2020-11-04-a.md', status: 'renamed', binary: false, binaryStub: false, diffstatOnly: true },
      { path: 'screenshots/deep/2020-11-04-a-very-long-name.png', status: 'added', binary: true, binaryStub: false, size: 123456, diffstatOnly: true },
      { path: 'screenshots/old.png', status: 'deleted', binary: true, binaryStub: false, size: 0, diffstatOnly: true },
    ]);
  });

  it('leaves files unknown for a damaged patch, and stays linear on a huge diffstat', () => {
    expect(readPatch(mailOf(read('patch/corrupt-count-too-large.patch')), POSTS).files).toBeUndefined();
    const n = 100_000;
    const stat = Array.from({ length: n }, (_, i) => ` create mode 100644 f/${i}.png`).join('\n');
    const started = performance.now();
    const patch = readPatch(mailOf(`Subject: x\n\nx\n---\n${stat}\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n`), POSTS);
    expect(patch.files).toHaveLength(n + 1);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
