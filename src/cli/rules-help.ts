// `--list-rules` and `--explain RULE`: the rules' own documentation, read
// from the doc comment at the top of each rule's module.

import { InputError } from '../core/types.js';
import { ruleDoc } from '../rules/docs.js';
import { ruleById, unknownRule } from '../rules/index.js';
import { ruleInfos } from '../rules/info.js';
import { wrap as wrapLines } from '../render/text.js';

export function listRules(): string {
  const infos = ruleInfos();
  const width = Math.max(...infos.map((r) => r.id.length));
  return infos.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.shortDescription}`).join('\n') + '\n';
}

export function explain(id: string): string {
  const info = ruleInfos().find((r) => r.id === id.replace(/^review-post:/, ''));
  const rule = info && ruleById(info.id);
  if (!info || !rule) throw new InputError(`--explain ${id}: "${id}" ${unknownRule(id)}`);
  const examples = ruleDoc(rule).examples.map((e) => {
    const title = e.label === 'output' ? `${e.name}, what review-post says (line:column-line:column):` : `${e.name}:`;
    const config = e.config ? ` (with the options ${JSON.stringify(e.config)})` : '';
    return `${title.replace(/:$/, `${config}:`)}\n\n${e.body.replace(/^(?=.)/gm, '    ')}`;
  });
  return `${info.id} (default: ${info.severity})\n\n${wrap(info.fullDescription)}\n\n${examples.join('\n')}`;
}

function wrap(text: string): string {
  return text
    .split('\n\n')
    .map((p) => wrapLines(p).join('\n'))
    .join('\n\n');
}
