// The language rules (spelling, confusables, grammar, doubled-words,
// wordy-phrase, punctuation-spacing, undefined-acronym) on whole posts: the
// seed patch, published posts with known slips, a repository vocabulary, the
// site's words, the fixes they hand back, and inputs built to make a
// non-linear rule hang.

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
import { edits, frequency, isWord, likelyCorrection, listedMisspelling, Misspellings, misspellingsData, rankedCandidates } from '../../src/rules/kit/lexicon.js';
import { PhraseMatcher, parsePattern } from '../../src/rules/kit/phrases.js';
import type { Finding, TextEdit } from '../../src/core/types.js';
import type { SiteWords } from '../../src/rules/kit/context.js';
import { findRepoVocabulary, loadVocabulary, makeVocabulary, parseVocabulary } from '../../src/rules/kit/vocabulary.js';
import { fixture, missingShared, seedPost, shared, skipping } from '../helpers.js';

const LANGUAGE = ['spelling', 'confusables', 'grammar', 'doubled-words', 'wordy-phrase', 'punctuation-spacing', 'undefined-acronym'];
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
  it('leaves code, URLs, link targets, front matter and tables alone, and quotes to spelling without a fix', async () => {
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
    const findings = await lintMarkdown(post, 'post.md', processor);
    expect(findings.map((f) => [f.line, f.rule, f.message, f.fix])).toEqual([
      [12, 'spelling', 'Typo in the quote: "recieve" should be "receive" (or mark it [sic] if the original has it).', undefined],
    ]);
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

/** The text with the findings' fixes applied, last first so that earlier places stay put. */
function applyFixes(text: string, findings: Finding[]): string {
  const lines = text.split('\n');
  const offset = (line: number, column: number): number => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const edits: TextEdit[] = findings.flatMap((f) => f.fix ?? []);
  let out = text;
  for (const e of edits.sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column))) {
    out = out.slice(0, offset(e.line, e.column)) + e.text + out.slice(offset(e.endLine, e.endColumn));
  }
  return out;
}

const spellingOf = async (text: string, context = {}): Promise<string[]> =>
  (await lintMarkdown(text, 'post.md', processor, context)).filter((f) => f.rule === 'spelling').map((f) => `${f.line} ${f.message}`);

describe('the spelling model', () => {
  it('ranks candidates by how common they are and by the words of the post', async () => {
    // "devies" is one slip from devices, devils, denies and defies: no guess alone ...
    expect(await spellingOf('The guest lists its devies at boot.\n')).toEqual([]);
    // ... but "devices" when the post writes it.
    const post = 'The guest lists its devies at boot.\n\nThe devices are virtio devices, and more devices follow.\n';
    expect(await spellingOf(post)).toEqual(['1 Typo: "devies" should be "devices".']);
    expect(frequency('devices')).toBeGreaterThan(frequency('defies'));
    const ranked = rankedCandidates('fliter', (c) => (['filter', 'flitter'].includes(c) ? frequency(c) : undefined));
    expect(ranked.map((r) => r.word)).toEqual(['filter', 'flitter']);
  });

  it('checks words opening a sentence, headings and short list items, and a slip in the first letter', async () => {
    const post = [
      'Traditonally, the host boots first.',
      '',
      '### Draining a High Perfomance Node',
      '',
      '* One Critical serverity issue',
      '* http2 is exposed by defualt',
      '',
      'The host runs the irtualization layer.',
      '',
    ].join('\n');
    expect(await spellingOf(post)).toEqual([
      '1 Typo: "Traditonally" should be "Traditionally".',
      '3 Typo: "Perfomance" should be "Performance".',
      '5 Typo: "serverity" should be "severity".',
      '6 Typo: "defualt" should be "default".',
      '8 Typo: "irtualization" should be "virtualization".',
    ]);
  });

  it('tells names apart by evidence: a name beside them, a list of people, a capital inside a sentence', async () => {
    const post = [
      'Thanks to Pierre-Emmanuel Patry and Aaron Turon for the review.',
      '',
      '- Graydon Hoare',
      '- Haiko Schol',
      '- vegai',
      '',
      'We met Kornel at the conference.',
      '',
    ].join('\n');
    expect(await spellingOf(post)).toEqual([]);
  });

  it('corrects a name-like word where the post spells it right elsewhere, and a long capitalised word', async () => {
    const post = 'The Rust Project grew. Docs are part of the Rust Porject, and the Infrastrucure team helps.\n';
    expect(await spellingOf(post)).toEqual([
      '1 Typo: "Porject" should be "Project".',
      '1 Typo: "Infrastrucure" should be "Infrastructure".',
    ]);
  });

  it('flags every occurrence, wrong endings and ordinals, and hands back fixes that make the change', async () => {
    const post = 'We recieve it on October 21th, and\nrecieve the prefixs of the teams\'s work in RUst.\n';
    const findings = (await lintMarkdown(post, 'post.md', processor)).filter((f) => f.rule === 'spelling');
    expect(findings.map((f) => `${f.line} ${f.message}`)).toEqual([
      '1 Typo: "recieve" should be "receive".',
      '1 Typo: "21th" should be "21st".',
      '2 Typo: "recieve" should be "receive" here too.',
      '2 Typo: "prefixs" should be "prefixes".',
      '2 Typo: "teams\'s" should be "teams\'".',
      '2 Typo: "RUst" should be "Rust".',
    ]);
    expect(applyFixes(post, findings)).toBe("We receive it on October 21st, and\nreceive the prefixes of the teams' work in Rust.\n");
  });

  it('hands back no fix inside quotation marks', async () => {
    const findings = await lintMarkdown('He wrote "we recieve it" in the log.\n', 'post.md', processor);
    expect(findings.map((f) => [f.message, f.fix])).toEqual([['Typo: "recieve" should be "receive".', undefined]]);
  });

  it("uses the site's words: its jargon is no typo, a slip against its spelling is", async () => {
    const words: SiteWords = {
      posts: 40,
      terms: new Map([
        ['foovisor', { spelling: 'FooVisor', posts: 6 }],
        ['zorbix', { spelling: 'zorbix', posts: 3 }],
        ['fancyvisor', { spelling: 'fancyvisor', posts: 4 }],
      ]),
      acronyms: new Set(),
    };
    const post = 'We run Foovisor with zorbix, and the fanvyvisor boots.\n';
    expect(await spellingOf(post, { site: { words } })).toEqual([
      '1 Typo: "Foovisor" should be "FooVisor".',
      '1 Typo: "fanvyvisor" should be "fancyvisor".',
    ]);
    // Without the site, these are names nobody knows.
    expect(await spellingOf(post)).toEqual([]);
  });
});

describe('certain fixes', () => {
  it('apply to doubled words, confusables, a/an, grammar and punctuation spacing', async () => {
    const post = 'This is were the the guest runs a LLVM pass , and they is happy.\n';
    const findings = await lintMarkdown(post, 'post.md', processor);
    expect(findings.filter((f) => f.fix === undefined).map((f) => f.rule)).toEqual([]);
    expect(applyFixes(post, findings)).toBe('This is where the guest runs an LLVM pass, and they are happy.\n');
  });
});
