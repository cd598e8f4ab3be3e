// Issue 8, regex safety: no rule backtracks catastrophically or goes
// quadratic. Each rule in RULES (rules added later are covered too) runs on
// 1 MB inputs built to trip nested quantifiers and scans that restart at
// every position: long words and compounds, runs of blanks, questions,
// Liquid tags left open, URLs, punctuation runs, repeated words.
//
// Timing is checked for safety only, with generous bounds: each rule on each
// 1 MB input finishes under 5 s, and takes less than 25 times what it takes
// on 100 KB of the same shape (plus 250 ms for noise). Linear time gives some
// 10 times; quadratic time 100 times; so the factor tells the two apart
// without flaking on a busy machine, where comparing 2x inputs would.

import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { markdownProcessor } from '../src/lint.js';

const MB = 1024 * 1024;

/** Shapes of `size` characters, each split in paragraphs the prose rules read. */
const SHAPES: Record<string, (size: number) => string> = {
  'one long word': (n) => 'a'.repeat(n),
  'a long hyphenated compound': (n) => 'ab-'.repeat(n / 3),
  'a long line of blanks between words': (n) => `What is${' '.repeat(n - 20)}that? It is.`,
  'questions and answers': (n) => "What is that? It's a shared memory window. ".repeat(n / 43),
  'Liquid tags left open': (n) => '{{ {% '.repeat(n / 6),
  'URLs without an end': (n) => `https://${'a.'.repeat(n / 2 - 8)}`,
  'punctuation runs': (n) => '.,;:!?()"\'-'.repeat(n / 12),
  'repeated words and articles': (n) => 'the the a a an an its its '.repeat(n / 26),
  'words in one paragraph of many lines': (n) => 'Using virtio-fs on OSv, a unikernel\n'.repeat(n / 36),
  'digits, dots and apostrophes': (n) => "1.2.3'4'5-6e7 ".repeat(n / 14),
};

/** A post made of the shape: front matter, a heading, then the shape in a few paragraphs. */
function post(shape: (size: number) => string, size: number): string {
  const body = shape(size);
  const cut = Math.ceil(body.length / 4);
  const paragraphs = [0, 1, 2, 3].map((i) => body.slice(i * cut, (i + 1) * cut));
  return `---\ntitle: Using ${body.slice(0, 200).replace(/\n/g, ' ')}\n---\n\n# ${body.slice(0, 200).replace(/\n/g, ' ')}\n\n${paragraphs.join('\n\n')}\n`;
}

const parser = markdownProcessor([]);

interface Parsed {
  text: string;
  tree: Root;
}

function parse(text: string): Parsed {
  return { text, tree: parser.parse(text) as Root };
}

/** The rule alone, on a copy of the tree parsed once per input (parsing is not the rule's time). */
async function runRule(index: number, input: Parsed): Promise<number> {
  const processor = markdownProcessor([RULES[index]!]);
  const file = new VFile({ value: input.text, path: '_posts/2020-01-01-safety.md', data: { reviewPost: {} } });
  const tree = structuredClone(input.tree);
  const started = performance.now();
  await processor.run(tree, file);
  return performance.now() - started;
}

describe.each(Object.entries(SHAPES))('every rule in linear time on %s', (_name, shape) => {
  let big: Parsed;
  let small: Parsed;
  beforeAll(() => {
    big = parse(post(shape, MB));
    small = parse(post(shape, MB / 10));
  }, 120_000);

  it.each(RULES.map((r, i) => [r.id, i] as const))('%s', async (_id, index) => {
    const smallMs = await runRule(index, small);
    const bigMs = await runRule(index, big);
    expect(bigMs).toBeLessThan(5000);
    expect(bigMs).toBeLessThan(25 * smallMs + 250);
  }, 60_000);
});
