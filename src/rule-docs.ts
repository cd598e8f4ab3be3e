// The doc comment at the top of each rule file: its prose and its examples.
// The test suite runs the examples, and `--explain` (later) prints the prose.

import { readFileSync } from 'node:fs';

export interface RuleExample {
  name: string;
  label?: 'input' | 'output';
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
    const { name, label } = JSON.parse(meta.trim()) as { name: string; label?: 'input' | 'output' };
    return label ? { name, label, body } : { name, body };
  });
  return { description: description.trim(), examples };
}
