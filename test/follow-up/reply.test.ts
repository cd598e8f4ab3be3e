// Reading a reviewer's reply the way mail clients write one.

import { describe, expect, it } from 'vitest';
import { onlyAcknowledges, readReply } from '../../src/follow-up/reply.js';

const texts = (body: string, names: string[] = []): string[] =>
  readReply(body, names).parts.flatMap((p) => (p.kind === 'text' ? [p.text] : []));

describe('a reply', () => {
  it('drops the attribution, the cut marks, the closing and the signature, and sets trailers apart', () => {
    const body = [
      'On Mon, 1 Mar 2021 at 10:00, Ann Author <ann@example.org>',
      'wrote:',
      '> +First line of the post.',
      '> [...]',
      '> +Another line.',
      '',
      'I would drop this line.',
      '',
      '<snip>',
      '',
      'Reviewed-by: Rita Reviewer <rita@example.org>',
      '',
      'Thanks,',
      'Rita',
      '-- ',
      'Rita Reviewer, Example Corp.',
    ].join('\n');
    const reply = readReply(body, ['rita reviewer', 'rita@example.org']);
    expect(reply.parts.map((p) => p.kind)).toEqual(['quote', 'text']);
    expect(texts(body, ['rita reviewer'])).toEqual(['I would drop this line.']);
    expect(reply.trailers).toEqual(['Reviewed-by: Rita Reviewer <rita@example.org>']);
    const quote = reply.parts[0]!;
    expect(quote.kind === 'quote' && quote.lines.map((l) => l.text)).toEqual(['+First line of the post.', '[...]', '+Another line.']);
  });

  it('keeps top-posted text as the first part, before any quote', () => {
    const body = 'Looks fine to me.\n\nOn Mon, Ann wrote:\n> +A line.\n> +Another.\n';
    const reply = readReply(body);
    expect(reply.parts.map((p) => p.kind)).toEqual(['text', 'quote']);
    expect(texts(body)).toEqual(['Looks fine to me.']);
  });

  it('reads quote depth from `>>` and `> >`, and joins quotes that only a blank line parts', () => {
    const reply = readReply('> > +deep\n>> +deeper\n\n> shallow\nMy answer.\n');
    expect(reply.parts).toHaveLength(2);
    const quote = reply.parts[0]!;
    expect(quote.kind === 'quote' && quote.lines.map((l) => [l.depth, l.text])).toEqual([
      [2, '+deep'],
      [2, '+deeper'],
      [1, 'shallow'],
    ]);
  });

  it('stops at an Outlook "Original Message" quote', () => {
    expect(texts('Fine by me.\n\n-----Original Message-----\nFrom: Ann\n+A line.\n')).toEqual(['Fine by me.']);
  });
});

describe('an acknowledgement', () => {
  it('is thanks or a pointer to the comments below, asking for nothing', () => {
    expect(onlyAcknowledges('Thanks, articles for the QEMU blog are always welcome! Some comments below...')).toBe(true);
    expect(onlyAcknowledges('Looks good to me.')).toBe(true);
    expect(onlyAcknowledges('Thanks! Could you add a link here?')).toBe(false);
    expect(onlyAcknowledges('I would rather say "This means that".')).toBe(false);
  });
});
