// The doc comment of every rule is its specification: the ok examples get no
// finding, each not-ok input gets exactly the documented output, with the
// options an example's `config` gives; and every option a rule declares is
// shown in an example.

import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintMarkdown, markdownProcessor } from '../../src/lint/processor.js';
import { ruleDoc } from '../../src/rules/docs.js';
import { RULES } from '../../src/rules/index.js';
import { optionsProblem } from '../../src/rules/kit/rule.js';

const rulesDir = join(import.meta.dirname, '..', '..', 'src', 'rules');
// The folders of rule families: every folder of src/rules/ but the kit.
const families = readdirSync(rulesDir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'kit');
const ruleFiles = families.flatMap((d) => readdirSync(join(rulesDir, d.name)).filter((f) => f.endsWith('.ts')).map((f) => join(rulesDir, d.name, f)));

function format(f: { line: number; column: number; endLine: number; endColumn: number; message: string }): string {
  return `${f.line}:${f.column}-${f.endLine}:${f.endColumn}: ${f.message}`;
}

describe('every rule file is registered', () => {
  it('has one registry entry per rule file, named by its id', () => {
    expect(RULES.map((r) => fileURLToPath(r.meta.docs)).sort()).toEqual([...ruleFiles].sort());
    for (const rule of RULES) expect(basename(fileURLToPath(rule.meta.docs))).toBe(`${rule.meta.id}.ts`);
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('doc examples of %s', (id, rule) => {
  const doc = ruleDoc(rule);
  const processorWith = (config?: Record<string, unknown>): ReturnType<typeof markdownProcessor> => markdownProcessor([rule], () => config);

  it('starts with the rule id and a description', () => {
    expect(doc.description.split('\n')[0]).toBe(`review-post:${id}`);
    expect(doc.description.length).toBeGreaterThan(80);
  });

  it('has an ok example and a not-ok pair', () => {
    expect(doc.examples.some((e) => e.name === 'ok.md')).toBe(true);
    expect(doc.examples.some((e) => e.label === 'input')).toBe(true);
    expect(doc.examples.some((e) => e.label === 'output')).toBe(true);
  });

  it('shows every option it takes in an example, with options that fit its shape', () => {
    const shown = new Set(doc.examples.flatMap((e) => Object.keys(e.config ?? {})));
    expect([...shown].sort()).toEqual(Object.keys(rule.meta.options ?? {}).sort());
    for (const e of doc.examples) if (e.config) expect(optionsProblem(rule.meta, e.config)).toBeUndefined();
  });

  for (const example of doc.examples.filter((e) => !e.label)) {
    it(`${example.name} gets no finding`, async () => {
      expect((await lintMarkdown(example.body, example.name, processorWith(example.config))).map(format)).toEqual([]);
    });
  }

  for (const input of doc.examples.filter((e) => e.label === 'input')) {
    const output = doc.examples.find((e) => e.name === input.name && e.label === 'output');
    it(`${input.name} gets exactly the documented findings`, async () => {
      const expected = output!.body.trim().split('\n');
      const found = await lintMarkdown(input.body, input.name, processorWith(input.config));
      expect(found.map(format)).toEqual(expected);
      expect(found.every((f) => f.rule === id)).toBe(true);
    });
  }
});

describe('rule options are checked against the shape the rule declares', () => {
  const headings = RULES.find((r) => r.meta.id === 'heading-structure')!.meta;
  const frontMatter = RULES.find((r) => r.meta.id === 'front-matter')!.meta;

  it('names an option the rule does not take, and the ones it does', () => {
    expect(optionsProblem(headings, { toplevel: 1 })).toBe('has no option "toplevel" (it takes topLevel)');
  });

  it('names an option whose value has the wrong kind', () => {
    expect(optionsProblem(headings, { topLevel: '1' })).toBe('option "topLevel" must be a number');
    expect(optionsProblem(frontMatter, { jekyll: { required: 'title' } })).toBe('option "jekyll.required" must be a list of strings');
    expect(optionsProblem(frontMatter, { zola: { date: { key: 'path', form: 'iso' } } })).toBe('option "zola.date.form" must be one of "datetime", "path"');
  });

  it('accepts options that fit', () => {
    expect(optionsProblem(headings, { topLevel: 1 })).toBeUndefined();
    expect(optionsProblem(frontMatter, { jekyll: { required: ['title'], date: { key: 'date', form: 'datetime' } } })).toBeUndefined();
  });
});
