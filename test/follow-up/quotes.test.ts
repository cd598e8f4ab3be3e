// Finding the lines of the earlier patch that a reply quotes, however the
// reviewer's mail client wrapped, joined or cut them.

import { describe, expect, it } from 'vitest';
import type { Patch } from '../../src/core/types.js';
import { patchLines, QuoteMatcher } from '../../src/follow-up/quotes.js';
import { readReply } from '../../src/follow-up/reply.js';
import { readThread } from '../../src/follow-up/thread.js';
import { readSource } from '../../src/mail/input.js';
import { fixture, POSTS } from '../helpers.js';

async function firstPatch(name: string): Promise<Patch> {
  const messages = await readThread(await readSource(fixture(name)), POSTS.posts);
  return messages.find((m) => m.patch.posts.length > 0)!.patch;
}

async function replyBody(name: string): Promise<string> {
  const messages = await readThread(await readSource(fixture(name)), POSTS.posts);
  return messages[0]!.mail!.body;
}

/** Per quote of the reply: the post (p) and commit message (c) lines it quotes. */
function quoted(patch: Patch, body: string): string[][] {
  const lines = patchLines(patch);
  const matcher = new QuoteMatcher(lines);
  return readReply(body).parts.flatMap((part) =>
    part.kind === 'quote' ? [[...new Set(matcher.match(part.lines).map((i) => lines[i]!).filter((l) => l.part !== 'other').map((l) => `${l.part[0]}${l.line}`))]] : [],
  );
}

describe('the quotes of the seed review', () => {
  it('land on the lines of v1 they quote, the split line included', async () => {
    const v1 = await firstPatch('osv-virtio-fs-v1.mbox');
    const quotes = quoted(v1, await replyBody('follow-up/review-of-osv-virtio-fs-v1.eml'));
    // The blank line between its paragraphs is quoted as a bare `>`, which stands for no line.
    expect(quotes[0]).toEqual(['c1', 'c2', 'c3', 'c5']);
    // The front matter and the first paragraph, then the next section up to the DAX question.
    expect(quotes[1]!.at(-1)).toBe('p11');
    expect(quotes[2]!.at(-1)).toBe('p34');
    // "...at least most of the time." / comment / "> Of": the reviewer split line 66 in two.
    const split = quotes.findIndex((q) => q.includes('p65'));
    expect(quotes[split]).toEqual(['p65', 'p66']);
    expect(quotes[split + 1]![0]).toBe('p66');
  });

  it('land on the same lines when the list archive re-wrapped every long quoted line', async () => {
    const v1 = await firstPatch('osv-virtio-fs-v1.mbox');
    const mail = quoted(v1, await replyBody('follow-up/review-of-osv-virtio-fs-v1.eml'));
    const archived = quoted(v1, await replyBody('follow-up/review-of-osv-virtio-fs-v1-archived.eml'));
    expect(archived).toEqual(mail);
  });
});

describe('quotes of our own making', () => {
  it('find a line a client joined with the next, and the rest of one it wrapped', async () => {
    const v1 = await firstPatch('follow-up/v1.patch');
    const body = [
      // Two post lines joined into one quoted line.
      '> +Trace events are enabled with the `--trace` option. You can name one event, or use a pattern such as `virtio_blk_*` to enable a whole family of events at',
      '',
      'One.',
      '',
      // One post line wrapped into three.
      '> +The simple backend writes a binary',
      '> file that is small and fast',
      '> to produce.',
      '',
      'Two.',
    ].join('\n');
    expect(quoted(v1, body)).toEqual([
      ['p15', 'p16'],
      ['p21'],
    ]);
  });

  it('find a short quoted line only where the quote stands, not anywhere in the patch', async () => {
    const v1 = await firstPatch('follow-up/v1.patch');
    // `+---` opens and closes the front matter; `+` alone is every blank line.
    expect(quoted(v1, '> +---\n> +layout: post\n')).toEqual([['p1', 'p2']]);
    // A quoted blank line (`> +`) stands for no line: it has nothing to comment on.
    expect(quoted(v1, '> +## Conclusion\n> +\n> +Tracing is a quick way to understand what QEMU does. Give it a try next time\n')).toEqual([['p31', 'p33']]);
  });
});
