// The doc comment at the top of each rule file: its prose and its examples,
// in remark-lint's form. The test suite runs the examples (with the options an
// example's `config` gives), `--explain` prints them, SARIF carries the prose.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RuleModule, RuleOptions } from './kit/rule.js';

export interface RuleExample {
  name: string;
  label?: 'input' | 'output';
  /** The rule's options for this example. */
  config?: RuleOptions;
  body: string;
}

export interface RuleDoc {
  description: string;
  examples: RuleExample[];
}

export function readRuleDoc(path: string): RuleDoc {
  const source = readFileSync(path, 'utf8');
  const comment = /^\/\*\*\n([\s\S]*?)\n \*\//.exec(source);
  if (!comment?.[1]) throw new Error(`${path}: no doc comment at the top`);
  const lines = comment[1].split('\n').map((l) => l.replace(/^ \*( |$)/, ''));
  const [description = '', ...blocks] = lines.join('\n').split(/^@example\n/m);
  const examples = blocks.map((block) => {
    const [meta = '{}', ...rest] = block.split('\n');
    const body = rest
      .map((l) => l.replace(/^ {2}/, ''))
      .join('\n')
      .replace(/^\n/, '')
      .replace(/\n+$/, '\n');
    const { name, label, config } = JSON.parse(meta.trim()) as Omit<RuleExample, 'body'>;
    return { name, ...(label ? { label } : {}), ...(config ? { config } : {}), body };
  });
  return { description: description.trim(), examples };
}

/**
 * A rule's documentation, from its module's file: the TypeScript when vitest
 * runs it, tsc's output in dist/ otherwise (tsc keeps the doc comments; the
 * bundle points each module's URL there).
 */
export function ruleDoc(rule: RuleModule): RuleDoc {
  return readRuleDoc(fileURLToPath(rule.meta.docs));
}
