// Subjects as the list reads them: replies, versions, the next version's subject.

import { describe, expect, it } from 'vitest';
import { nextVersionSubject, parseSubject } from '../../src/patch/subject.js';

describe('a subject', () => {
  it('names its version, its place in a series and whether it replies', () => {
    expect(parseSubject('[qemu-web PATCH] Add virtio-fs in OSv overview blog post')).toEqual({ reply: false, version: 1, title: 'Add virtio-fs in OSv overview blog post' });
    expect(parseSubject('Re: [PATCH v3 2/5] docs: fix it')).toEqual({ reply: true, version: 3, number: { n: 2, of: 5 }, title: 'docs: fix it' });
    expect(parseSubject('[Qemu-devel] Re: [RFC PATCH v2] A title')).toMatchObject({ reply: true, version: 2, title: 'A title' });
    expect(parseSubject('AW: Re: a plain mail')).toMatchObject({ reply: true, version: 1, title: 'a plain mail' });
  });

  it('gets the next version as git format-patch -v writes it, the list prefix kept', () => {
    expect(nextVersionSubject('[qemu-web PATCH] Add a post')).toBe('[qemu-web PATCH v2] Add a post');
    expect(nextVersionSubject('[PATCH v2 1/3] Add a post')).toBe('[PATCH v3 1/3] Add a post');
    expect(nextVersionSubject('[PATCH 1/3] Add a post')).toBe('[PATCH v2 1/3] Add a post');
    expect(nextVersionSubject('[RFC] Add a post')).toBe('[RFC v2] Add a post');
    expect(nextVersionSubject('[Qemu-devel] [PATCH] Add a post')).toBe('[Qemu-devel] [PATCH v2] Add a post');
    expect(nextVersionSubject('Add a post')).toBe('[PATCH v2] Add a post');
  });
});
