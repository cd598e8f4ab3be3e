import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { lintMarkdown, markdownProcessor } from '../src/lint.js';
import { readRuleDoc } from '../src/rule-docs.js';

const rulesDir = join(import.meta.dirname, '..', 'rules');
const ruleFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

function format(f: { line: number; column: number; endLine: number; endColumn: number; message: string }): string {
  return `${f.line}:${f.column}-${f.endLine}:${f.endColumn}: ${f.message}`;
}

describe('every rule file is registered', () => {
  it('has one registry entry per rule file', () => {
    expect(RULES.map((r) => `${r.id}.ts`).sort()).toEqual([...ruleFiles].sort());
  });
});

describe.each(ruleFiles)('doc examples of %s', (file) => {
  const id = file.replace(/\.ts$/, '');
  const rule = RULES.find((r) => r.id === id)!;
  const doc = readRuleDoc(join(rulesDir, file));
  const processor = markdownProcessor([rule]);

  it('starts with the rule id and a description', () => {
    expect(doc.description.split('\n')[0]).toBe(`review-post:${id}`);
    expect(doc.description.length).toBeGreaterThan(80);
  });

  it('has an ok example and a not-ok pair', () => {
    expect(doc.examples.some((e) => e.name === 'ok.md')).toBe(true);
    expect(doc.examples.some((e) => e.label === 'input')).toBe(true);
    expect(doc.examples.some((e) => e.label === 'output')).toBe(true);
  });

  for (const example of doc.examples.filter((e) => !e.label)) {
    it(`${example.name} gets no finding`, async () => {
      expect((await lintMarkdown(example.body, example.name, processor)).map(format)).toEqual([]);
    });
  }

  for (const input of doc.examples.filter((e) => e.label === 'input')) {
    const output = doc.examples.find((e) => e.name === input.name && e.label === 'output');
    it(`${input.name} gets exactly the documented findings`, async () => {
      const expected = output!.body.trim().split('\n');
      const found = await lintMarkdown(input.body, input.name, processor);
      expect(found.map(format)).toEqual(expected);
      expect(found.every((f) => f.rule === id)).toBe(true);
    });
  }
});
