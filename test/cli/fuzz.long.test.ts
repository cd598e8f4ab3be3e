// Issue 8, property-based: a few hundred hostile inputs per run, in process.
// `npm run fuzz` runs the same generators for hours (scripts/fuzz.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exercise, RAW_CONTROL } from '../../scripts/fuzz-check.js';
import { hostileMarkdown, inputArbitrary, loadPool, mailOfPost, mutate, mutation } from '../../scripts/fuzz-inputs.js';
import { kindOf } from '../../src/mail/input.js';
import { cutLongMarkdown, degradeMarkdown, MAX_CLOSE_BRACKET_WEIGHT, MAX_INLINE_WEIGHT, MAX_OPEN_BRACKET_WEIGHT, MAX_POST_BYTES, MAX_POST_LINES, MAX_RUN_WEIGHT, MAX_TABLE_PIPES, markdownTooComplex, measureMarkdown } from '../../src/core/limits.js';
import { splitMessages } from '../../src/mail/mbox.js';
import { readDiff } from '../../src/patch/read.js';
import { safeJson, safeLine } from '../../src/core/safe-text.js';
import { InputError } from '../../src/core/types.js';
import { missingShared, root, shared } from '../helpers.js';
import { POSTS } from '../helpers.js';

// Small seeds keep the run short: the fixtures, and windows of corpus posts
// when ../shared/corpus is there (without it, the fixtures alone).
const noCorpus = missingShared('corpus');
if (noCorpus) console.warn(`${noCorpus}: the posts come from fixtures/ only`);
const pool = loadPool(`${root}/fixtures`, shared('corpus'), 6000);
pool.posts = pool.posts.filter((_, i) => i % 8 === 0);

/** Any string, with the controls and bidi characters a mail may carry mixed in. */
const hostileString = fc.string({
  unit: fc.oneof(fc.constantFrom('\u001b', '\u009b', '\u0000', '\r', '\n', '\t', '\u007f', '\u202e', '\u2066', '\u200f', '\u061c', '['), fc.string({ unit: 'grapheme', maxLength: 1 })),
  maxLength: 200,
});

describe('terminal safety, for any text', () => {
  it('safeLine leaves no raw control, and changes nothing else', () => {
    fc.assert(
      fc.property(hostileString, (text) => {
        const safe = safeLine(text);
        expect(safe).not.toMatch(RAW_CONTROL);
        expect(safe).not.toContain('\n');
        // Printable text passes untouched.
        const printable = text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
        expect(safeLine(printable)).toBe(printable);
      }),
      { numRuns: 300 },
    );
  });

  it('safeJson has no raw control and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(hostileString, fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }))), (value) => {
        const text = safeJson(value);
        expect(text).not.toMatch(RAW_CONTROL);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('readers never throw but InputError', () => {
  it('splitMessages keeps every byte of a message that is not an mbox, and never returns nothing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.array(mutation, { maxLength: 4 }), (bytes, ms) => {
        const input = mutate(Buffer.from(bytes), ms);
        const messages = splitMessages(input);
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) expect(m.raw.length).toBeLessThanOrEqual(input.length);
      }),
      { numRuns: 300 },
    );
  });

  it('kindOf and readDiff answer or refuse in one line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pool.mails), fc.array(mutation, { maxLength: 6 }), fc.constantFrom('x.mbox', 'x.md', 'x.patch'), (mail, ms, name) => {
        const data = mutate(mail.data, ms);
        try {
          kindOf({ name, data });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).not.toContain('\n');
        }
        const patch = readDiff(data.toString('utf8'), POSTS);
        for (const skip of patch.skipped) expect(typeof skip.reason).toBe('string');
      }),
      { numRuns: 200 },
    );
  });

  it('markdownTooComplex reads any text, and its measures bound what it allows', () => {
    fc.assert(
      fc.property(hostileMarkdown, (text) => {
        // A post too long is cut at a paragraph's end first, as the pipeline does.
        const cut = cutLongMarkdown(text);
        const why = cut.refused ?? markdownTooComplex(cut.text);
        const m = measureMarkdown(cut.text);
        if (why === undefined) {
          expect(m.deepest).toBeLessThanOrEqual(100);
          expect(m.lines).toBeLessThanOrEqual(MAX_POST_LINES + 1);
          expect(m.bytes).toBeLessThanOrEqual(MAX_POST_BYTES);
          expect(cut.note === undefined).toBe(cut.text === text);
          // What is left after the slow paragraphs are left out is within every cap, at the same lines.
          const degraded = degradeMarkdown(cut.text);
          const left = measureMarkdown(degraded.text);
          expect(degraded.text.split('\n').length).toBe(cut.text.split('\n').length);
          expect(left.inline).toBeLessThanOrEqual(MAX_INLINE_WEIGHT);
          expect(left.openBracket).toBeLessThanOrEqual(MAX_OPEN_BRACKET_WEIGHT);
          expect(left.closeBracket).toBeLessThanOrEqual(MAX_CLOSE_BRACKET_WEIGHT);
          expect(left.runs).toBeLessThanOrEqual(MAX_RUN_WEIGHT);
          expect(left.pipes).toBeLessThanOrEqual(MAX_TABLE_PIPES);
          expect(degraded.note === undefined).toBe(degraded.left.length === 0);
        } else {
          expect(why).not.toContain('\n');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the whole pipeline and every format, on mutated mail and posts', () => {
  it('answers each input with a review or one line, and prints no raw control in any format', async () => {
    await fc.assert(
      fc.asyncProperty(inputArbitrary(pool), async (source) => {
        const outcome = await exercise(source);
        expect(['reviewed', 'refused']).toContain(outcome);
      }),
      { numRuns: 250, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);

  it('reviews a hostile post mailed as a patch without a crash', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMarkdown, hostileString, async (post, subject) => {
        const source = { name: 'hostile.eml', data: Buffer.from(mailOfPost(post, '_posts/x.md', subject.replace(/[\r\n]/g, ' '))) };
        expect(['reviewed', 'refused']).toContain(await exercise(source));
      }),
      { numRuns: 100, interruptAfterTimeLimit: 30_000 },
    );
  }, 60_000);
});
