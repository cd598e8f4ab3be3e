// The language rules (spelling, confusables, doubled-words, wordy-phrase,
// punctuation-spacing, undefined-acronym) on whole posts: the seed patch,
// published posts with known slips, a repository vocabulary, and inputs
// built to make a non-linear rule hang.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkLint from 'remark-lint';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import spelling from '../../src/rules/prose/spelling.js';
import { toFinding } from '../../src/lint/findings.js';
import { lintMarkdown, markdownProcessor } from '../../src/lint/processor.js';
import { edits, isWord, likelyCorrection, listedMisspelling, Misspellings, misspellingsData } from '../../src/rules/kit/lexicon.js';
import { PhraseMatcher, parsePattern } from '../../src/rules/kit/phrases.js';
import type { Finding } from '../../src/core/types.js';
import { findRepoVocabulary, loadVocabulary, makeVocabulary, parseVocabulary } from '../../src/rules/kit/vocabulary.js';
import { fixture, missingShared, seedPost, shared, skipping } from '../helpers.js';

const LANGUAGE = ['spelling', 'confusables', 'doubled-words', 'wordy-phrase', 'punctuation-spacing', 'undefined-acronym'];
const processor = markdownProcessor(RULES.filter((r) => LANGUAGE.includes(r.meta.id)));


const brief = (f: Finding): string => `${f.line}-${f.endLine} ${f.rule}: ${f.message}`;

describe('the seed patch', () => {
  it('v1 gets the slips its reviewer saw, and no false alarm', async () => {
    const findings = await lintMarkdown(seedPost('osv-virtio-fs-v1.mbox'), 'v1.md', processor);
    expect(findings.map(brief)).toEqual([
      `64-69 wordy-phrase: I'd write "This means that" instead of "What this means is that".`,
      `71-72 doubled-words: Typo: "of off" has one preposition too many; I'd write "based on" here.`,
      `80-85 confusables: Typo: "were" should be "where" here.`,
    ]);
    const ofOff = findings.find((f) => f.rule === 'doubled-words')!;
    // "based of\noff FreeBSD's": the slip spans the line break.
    expect(ofOff).toMatchObject({ line: 71, column: 77, endLine: 72, suggestion: 'based on' });
  });

  it('v2, merged as it was, still has "This is were"', async () => {
    const findings = await lintMarkdown(seedPost('osv-virtio-fs-v2.mbox'), 'v2.md', processor);
    expect(findings.map(brief)).toEqual([`79-84 confusables: Typo: "were" should be "where" here.`]);
    expect(findings[0]).toMatchObject({ line: 79, column: 72, severity: 'warning', suggestion: 'where' });
  });

  it('v2 has no spelling finding: its names and jargon are all known', async () => {
    const only = markdownProcessor(RULES.filter((r) => r.meta.id === 'spelling'));
    expect(await lintMarkdown(seedPost('osv-virtio-fs-v2.mbox'), 'v2.md', only)).toEqual([]);
  });
});

describe('findings of one paragraph', () => {
  it('share the end line of their sentence group, so the review puts them under one quote', async () => {
    const post = [
      'The guest recieve the the files from the host, and its a',
      'fast path: what this means is that the DAX window matters.',
      '',
      'Another paragraph.',
      '',
    ].join('\n');
    const findings = await lintMarkdown(post, 'post.md', processor);
    expect(findings.map((f) => f.rule).sort()).toEqual(['confusables', 'doubled-words', 'spelling', 'wordy-phrase']);
    expect(new Set(findings.map((f) => `${f.endLine}:${f.endColumn}`))).toEqual(new Set(['2:59']));
  });

  it('of a long paragraph are grouped by sentences that fit in the quoted lines', async () => {
    const sentence = (n: number): string => `Sentence ${n} is here,\nand it goes on.`;
    // Eight sentences over nine lines, a slip in the first and in the last.
    const post = `The the ${[1, 2, 3, 4, 5, 6, 7, 8].map(sentence).join(' ')} The the end.\n`;
    const findings = await lintMarkdown(post, 'post.md', processor);
    expect(findings.map((f) => [f.line, f.endLine])).toEqual([
      [1, 6],
      [9, 9],
    ]);
  });
});

describe('prose only', () => {
  it('leaves code, URLs, link targets, front matter, quotes and tables alone', async () => {
    const post = [
      '---',
      'title: "Teh recieve the the"',
      '---',
      '',
      'Run `teh recieve the the` or see <https://example.org/recieve>, or',
      '[the docs](https://example.org/teh-recieve) on {{ site.teh }}.',
      '',
      '```',
      'teh recieve the the its a',
      '```',
      '',
      '> He said teh recieve the the.',
      '',
      '| teh | recieve the the |',
      '| --- | --- |',
      '| its a | more then |',
      '',
    ].join('\n');
    expect(await lintMarkdown(post, 'post.md', processor)).toEqual([]);
  });

  it('checks headings and list items', async () => {
    const post = '## How to recieve files\n\n- The the guest reads them.\n';
    const findings = await lintMarkdown(post, 'post.md', processor);
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['1 spelling', '3 doubled-words']);
  });
});

describe('published posts with slips nobody caught', () => {
  const corpus = shared('corpus');
  const post = (path: string): string => readFileSync(join(corpus, path), 'utf8');

  it.skipIf(skipping(missingShared('corpus'))).each([
    ['qemu-web/_posts/2018-02-09-understanding-qemu-devices.md', 57, 'doubled-words', 'Typo: "the the": one "the" is enough.'],
    ['qemu-web/_posts/2018-05-31-nic-parameter.md', 10, 'doubled-words', 'Typo: "with with": one "with" is enough.'],
    ['rust-blog/content/Rust-2018-dev-tools.md', 139, 'confusables', 'Typo: "its" should be "it\'s" here.'],
    ['rust-blog/content/Rust-1.12/index.md', 57, 'confusables', 'Typo: "a implementation" should be "an implementation".'],
    [
      'qemu-web/_posts/2022-11-17-zoned-emulation.md',
      51,
      'spelling',
      'Typo: "viritio" should be "virtio".',
    ],
  ])('%s:%i has a %s finding', async (path, line, rule, message) => {
    const findings = await lintMarkdown(post(path), path, processor);
    expect(findings.filter((f) => f.line === line && f.rule === rule).map((f) => f.message)).toContain(message);
  });
});

describe('the vocabulary', () => {
  const root = mkdtempSync(join(tmpdir(), 'review-post-vocabulary-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads terms one a line, without comments', () => {
    expect(parseVocabulary('# names\nNanovisor\n\n  C#  # a language\nfoo-bar\n')).toEqual(['Nanovisor', 'C#', 'foo-bar']);
  });

  it('accepts plurals, verb forms and any case of a lower-case term, but a name only as written', () => {
    const vocabulary = makeVocabulary(['unikernel', 'hotplug', 'GitHub', 'VM', 'virtio-fs']);
    for (const word of ['unikernels', 'Unikernel', 'hotplugged', 'VMs', "VM's", 'GitHub', 'virtio', 'fs']) {
      expect(vocabulary.accepts(word), word).toBe(true);
    }
    expect(vocabulary.accepts('Github')).toBe(false);
    expect(vocabulary.casing('Github')).toBe('GitHub');
    // Lower case is often the command of the same name.
    expect(vocabulary.casing('github')).toBeUndefined();
  });

  it('is found from the current directory upwards', () => {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, '.review-post'), { recursive: true });
    mkdirSync(join(repo, '_posts', 'drafts'), { recursive: true });
    writeFileSync(join(repo, '.review-post', 'vocabulary.txt'), 'Nanovisor\n');
    expect(findRepoVocabulary(join(repo, '_posts', 'drafts'))).toBe(join(repo, '.review-post', 'vocabulary.txt'));
    expect(loadVocabulary(join(repo, '_posts')).accepts('Nanovisor')).toBe(true);
    // The default vocabulary comes along.
    expect(loadVocabulary(join(repo, '_posts')).accepts('QEMU')).toBe(true);
  });

  it("of the post's repository is what the spelling rule uses", async () => {
    const repo = join(root, 'other');
    mkdirSync(join(repo, '.review-post'), { recursive: true });
    writeFileSync(join(repo, '.review-post', 'vocabulary.txt'), '# our own words\nZorbatron\n');
    const text = 'The Zorbtaron boots and the Zorbatron-based guest follows.\n';
    const run = async (cwd: string): Promise<string[]> => {
      const lint = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkLint).use(spelling.plugin);
      const file = new VFile({ value: text, path: 'post.md', cwd });
      await lint.run(lint.parse(file), file);
      return file.messages.map((m) => toFinding(m).message);
    };
    expect(await run(repo)).toEqual(['Typo: "Zorbtaron" should be "Zorbatron".']);
    // Elsewhere, both are names nobody knows: no guess.
    expect(await run(root)).toEqual([]);
  });
});

describe('building blocks', () => {
  it('phrase patterns mark words, alternatives, negation and sentence starts', () => {
    const words = (s: string): { kind: 'word'; value: string; start: number; end: number }[] =>
      s.split(' ').map((value, i) => ({ kind: 'word', value, start: i, end: i + 1 }));
    const matcher = new PhraseMatcher([parsePattern('could|would [of] !course => have'), parsePattern('^[lets] see => let\'s')]);
    const hits = (s: string, start = true): string[] =>
      matcher.match([words(s)], () => start).map((m) => `${m.tokens.map((t) => t.value).join(' ')}=>${m.pattern.replacement}`);
    expect(hits('we could of done it')).toEqual(['of=>have']);
    expect(hits('we could of course')).toEqual([]);
    expect(hits('Lets see')).toEqual(["Lets=>let's"]);
    expect(hits('Lets see', false)).toEqual([]);
    expect(() => parsePattern('no marked words => x')).toThrow(/marked/);
  });

  it('guesses a correction only when one word is likely', () => {
    const known = new Set(['filter', 'heroic', 'ten', 'tea']);
    const lookup = (c: string): string | undefined => (known.has(c) ? c : undefined);
    expect(likelyCorrection('fliter', lookup)).toBe('filter');
    expect(likelyCorrection('heoric', lookup)).toBe('heroic');
    // "teh": ten or tea? No guess.
    expect(likelyCorrection('teh', lookup)).toBeUndefined();
    expect(edits('ab').map((e) => e.word)).toContain('ba');
  });

  it('knows English words in both spellings and the curated misspellings', () => {
    expect(isWord('colour') && isWord('color') && isWord('Linux') && isWord("it's")).toBe(true);
    expect(isWord('recieve')).toBe(false);
    expect(listedMisspelling('recieve')).toBe('receive');
    expect(listedMisspelling('alot')).toBe('a lot');
    // Two corrections listed: no guess.
    expect(listedMisspelling('wether')).toBeUndefined();
  });
});

describe('the misspelling list, searched or indexed', () => {
  it('gives the same correction both ways, for listed words and others', () => {
    const data = misspellingsData();
    const listed = [...data.toString('utf8').matchAll(/"([^"\n]*?)->/g)].map((m) => m[1]!);
    expect(listed.length).toBeGreaterThan(10_000);
    // Every 200th listed word, and words that are not listed.
    const words = [...listed.filter((_, i) => i % 200 === 0), 'recieve', 'the', 'virtio', 'unikernel', 'aache', 'zzzzzz'];
    const searched = new Misspellings(data, [], Infinity);
    const indexed = new Misspellings(data, [], 0);
    const both = words.map((w) => [w, searched.get(w), indexed.get(w)]);
    expect(both.filter(([, a, b]) => a !== b)).toEqual([]);
    expect(indexed.get('recieve')).toBe('receive');
    // Several corrections: no finding.
    expect(indexed.get('aache')).toBeUndefined();
    expect(both.filter(([, a]) => a !== undefined).length).toBeGreaterThan(300);
  });
});
