// The fix engine: which certain edits are made, where they are refused, and
// that the fixed post has none of the fixed findings left.

import type { Definition, Link, LinkReference, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/config/settings.js';
import type { Finding, TextEdit } from '../../src/core/types.js';
import { chooseFixes } from '../../src/fix/edits.js';
import { fixPost } from '../../src/fix/fix-post.js';
import { withLineEnds } from '../../src/fix/line-ends.js';
import { diffHunks } from '../../src/fix/unified.js';
import { markdownProcessor } from '../../src/lint/processor.js';
import { markdownPatch } from '../../src/patch/markdown.js';
import { seedPost } from '../helpers.js';

const settings = defaultSettings();

async function fix(name: string, text: string) {
  const patch = markdownPatch(name, Buffer.from(text));
  return fixPost(patch, patch.posts[0]!, [patch], { settings });
}

describe('--fix on the seed post', async () => {
  const result = await fix('_posts/2020-11-04-osv-virtio-fs.md', seedPost());

  it('fixes "This is were" and "based of off", and nothing else', () => {
    expect(result.applied.map((a) => [a.rule, a.line, a.before, a.after])).toEqual([
      ['doubled-words', 71, 'based of off', 'based on'],
      ['confusables', 80, 'were', 'where'],
    ]);
    expect(result.fixed).toContain('stack, based\non FreeBSD\'s.');
    expect(result.fixed).toContain('This is where\nunikernels come in');
  });

  it('changes three lines, keeping every line break', () => {
    const hunks = diffHunks(result.original, result.fixed);
    expect(hunks.filter((l) => l.startsWith('-'))).toHaveLength(3);
    expect(hunks.filter((l) => l.startsWith('+'))).toHaveLength(3);
    expect(result.fixed.split('\n')).toHaveLength(result.original.split('\n').length);
  });

  it('leaves none of the fixed findings, and every other one, in the fixed post', () => {
    expect(result.remaining.map((f) => f.rule)).toEqual(['front-matter', 'link-first-mention', 'no-rhetorical-question', 'no-rhetorical-question', 'image-assets', 'wordy-phrase', 'usage-pointer']);
  });
});

const GUARDED = [
  '---',
  'title: "This is were it goes"',
  '---',
  '',
  'This is were we go: [the page](https://example.org/were) and `were`.',
  '',
  '> This is were someone said it.',
  '',
  'He said "this is were" loudly.',
  '',
].join('\n');

function finding(rule: string, edit: Partial<TextEdit> & { line: number; column: number }, text = 'where'): Finding {
  const fix = { endLine: edit.line, endColumn: edit.column + 4, text, ...edit };
  return { rule, severity: 'warning', line: edit.line, column: edit.column, endLine: edit.line, endColumn: edit.column, message: `${rule} ${edit.line}:${edit.column}`, fix: [fix] };
}

describe('which edits are made', () => {
  const choose = (findings: Finding[]): string[] => chooseFixes(GUARDED, findings, { writable: () => true, refused: new Set() }).map((f) => f.finding.message);

  it('makes one in plain prose, none in code, a URL, a block quote or a quotation', () => {
    expect(choose([finding('confusables', { line: 5, column: 9 })])).toEqual(['confusables 5:9']);
    expect(choose([finding('confusables', { line: 5, column: 63 })])).toEqual([]); // `were`
    expect(choose([finding('confusables', { line: 5, column: 51 })])).toEqual([]); // .../were)
    expect(choose([finding('confusables', { line: 7, column: 11 })])).toEqual([]); // > This is were
    expect(choose([finding('confusables', { line: 9, column: 18 })])).toEqual([]); // "this is were"
  });

  it('lets a link rule replace a whole destination, never a piece of it', () => {
    const whole = finding('prefer-reference-links', { line: 5, column: 30, endColumn: 57 }, '][page]');
    expect(choose([whole])).toEqual(['prefer-reference-links 5:30']);
  });

  it('edits front matter only for the front-matter rule', () => {
    expect(choose([finding('confusables', { line: 2, column: 17 })])).toEqual([]);
    expect(choose([finding('front-matter', { line: 2, column: 17 })])).toEqual(['front-matter 2:17']);
  });

  it('of two edits of the same words makes the first, and drops one that points outside the post', () => {
    expect(choose([finding('confusables', { line: 5, column: 9 }), finding('spelling', { line: 5, column: 10 }), finding('spelling', { line: 50, column: 1 })])).toEqual(['confusables 5:9']);
  });
});

/** Each link's text and where it goes, references resolved. */
function targets(markdown: string): string[] {
  const tree = markdownProcessor([]).parse(markdown) as Root;
  const defs = new Map<string, string>();
  visit(tree, 'definition', (d: Definition) => {
    defs.set(d.identifier.toLowerCase(), d.url);
  });
  const out: string[] = [];
  visit(tree, (node) => {
    if (node.type === 'link') out.push(`${toString(node)}->${(node as Link).url}`);
    if (node.type === 'linkReference') out.push(`${toString(node)}->${defs.get((node as LinkReference).identifier.toLowerCase())}`);
  });
  return out;
}

describe('a URL written three times', () => {
  const post = [
    'Read [the virtio-fs site](https://virtio-fs.gitlab.io/) first.',
    '',
    'Then [**virtio-fs**](https://virtio-fs.gitlab.io/) again, and',
    '[Virtio-fs](https://virtio-fs.gitlab.io/) once more.',
    '',
  ].join('\n');

  it('becomes one reference definition at the end, every link going where it went', async () => {
    const result = await fix('post.md', post);
    expect(result.applied.map((a) => a.rule)).toEqual(['prefer-reference-links']);
    expect(result.fixed.match(/https:\/\/virtio-fs\.gitlab\.io\//g)).toHaveLength(1);
    expect(result.fixed).toBe(
      [
        'Read [the virtio-fs site][] first.',
        '',
        'Then [**virtio-fs**][the virtio-fs site] again, and',
        '[Virtio-fs][the virtio-fs site] once more.',
        '',
        '[the virtio-fs site]: https://virtio-fs.gitlab.io/',
        '',
      ].join('\n'),
    );
    expect(targets(result.fixed)).toEqual(targets(post));
    expect(result.remaining.filter((f) => f.rule === 'prefer-reference-links')).toEqual([]);
  });

  it('stays a comment when the label is taken by another URL', async () => {
    const result = await fix('post.md', `${post}\n[the virtio-fs site]: https://example.org/\n`);
    expect(result.applied).toEqual([]);
    expect(result.remaining.map((f) => f.rule)).toContain('prefer-reference-links');
  });
});

describe('line ends', () => {
  it('are the file\'s own: CRLF stays, a lone CRLF line keeps its CR', () => {
    expect(withLineEnds('a\r\nb\r\nc\r\n', 'a\nB\nc\n')).toBe('a\r\nB\r\nc\r\n');
    expect(withLineEnds('a\nb\r\nc\n', 'a\nb\nC\n')).toBe('a\nb\r\nC\n');
  });
});
