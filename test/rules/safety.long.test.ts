// Issue 8, regex safety: no rule backtracks catastrophically or goes
// quadratic. Each rule in RULES (rules added later are covered too) runs on
// 1 MB inputs built to trip nested quantifiers and scans that restart at
// every position: long words and compounds, runs of blanks, questions,
// Liquid tags left open, URLs, punctuation runs, repeated words, and the
// shapes earlier hostile-text tests used.
//
// Not a speed goal (those are in `npm run bench`): the rule's CPU time on
// 1 MB must stay under 40 times its time on 100 KB of the same shape. Linear
// time gives some 10 times, quadratic 100 times, so the factor tells the two
// apart. CPU time of this process, not wall time, so that other work on the
// machine does not count; the small input runs twice, warming the rule up.

import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { markdownProcessor } from '../../src/lint/processor.js';

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
  'parentheses left open': (n) => '(a b '.repeat(n / 5),
  'double spaces': (n) => 'xx  '.repeat(n / 4),
  'capitals': (n) => 'ABCDEFGHIJ '.repeat(n / 11),
  'confusable pairs': (n) => 'its a were '.repeat(n / 11),
  'a list item of colons, then blanks': (n) => `* ${'a: '.repeat(n / 6)}\n${' '.repeat(n / 2)}x`,
  'numbers and dashes': (n) => '1-'.repeat(n / 2),
  'an address spelled out in angle brackets': (n) => `<${'a'.repeat(n / 2)} at ${'b.'.repeat(n / 4)}>`,
  'long link and image paths': (n) => `[x](/${'2020/'.repeat(n / 10)}x.png) ![y](${'a/'.repeat(n / 4)})`,
  'bare URLs': (n) => 'https://x.org/a '.repeat(n / 16),
  // Issue 15: each vague link was compared with every other, and a point was found by counting lines from the top.
  '"here" links to different places': (n) => Array.from({ length: Math.floor(n / 24) }, (_, i) => `[here](/p/${i}) and\n`).join(''),
  'HTML images on many lines': (n) => Array.from({ length: Math.floor(n / 24) }, (_, i) => `<img src="/i/${i}.png">\n`).join(''),
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
  const started = process.cpuUsage();
  await processor.run(tree, file);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

describe.each(Object.entries(SHAPES))('every rule in linear time on %s', (_name, shape) => {
  let big: Parsed;
  let small: Parsed;
  beforeAll(() => {
    big = parse(post(shape, MB));
    small = parse(post(shape, MB / 10));
  }, 120_000);

  it.each(RULES.map((r, i) => [r.meta.id, i] as const))('%s', async (_id, index) => {
    const smallMs = Math.min(await runRule(index, small), await runRule(index, small));
    const bigMs = await runRule(index, big);
    expect(bigMs).toBeLessThan(40 * smallMs + 250);
  }, 60_000);
});

describe('link-hygiene in time linear in the links plus the preferred URLs', () => {
  // Issue 15: each link was matched against every key of preferredUrls (4,000 keys took 32 s).
  const run = async (size: number): Promise<number> => {
    const preferredUrls = Object.fromEntries(Array.from({ length: size }, (_, i) => [`http://old${i}.example.org/`, `https://new${i}.example.org/`]));
    const links = Array.from({ length: size }, (_, i) => `See [page ${i}](http://old${(i * 7) % size}.example.org/a/${i}).`).join('\n\n');
    const processor = markdownProcessor([RULES.find((r) => r.meta.id === 'link-hygiene')!], () => ({ preferredUrls }));
    const file = new VFile({ value: links, path: '_posts/2020-01-01-safety.md', data: { reviewPost: {} } });
    const tree = parser.parse(links) as Root;
    const started = process.cpuUsage();
    await processor.run(tree, file);
    const used = process.cpuUsage(started);
    expect(file.messages).toHaveLength(size);
    return (used.user + used.system) / 1000;
  };

  it('10 times the links and 10 times the keys cost some 10 times, not 100', async () => {
    const smallMs = Math.min(await run(1_000), await run(1_000));
    const bigMs = await run(10_000);
    expect(bigMs).toBeLessThan(40 * smallMs + 250);
  }, 120_000);
});
