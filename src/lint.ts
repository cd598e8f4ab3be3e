// Linting one post: Markdown in, plain findings out.

import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkLint from 'remark-lint';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { RULES, type RuleEntry } from '../rules/index.js';
import type { Finding, Severity } from './types.js';

const SEVERITY = new Map<string, Severity>(RULES.map((r) => [r.id, r.severity]));

/** A Markdown processor with the front-matter syntaxes our sites use and the given rules. */
export function markdownProcessor(rules: readonly RuleEntry[] = RULES): Processor<Root, Root, Root> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    .use(remarkLint) as unknown as Processor<Root, Root, Root>;
  for (const rule of rules) processor.use(rule.plugin);
  return processor;
}

const defaultProcessor = markdownProcessor();

export function toFinding(message: VFileMessage): Finding {
  const rule = message.ruleId ?? 'unknown';
  const start = message.place && 'start' in message.place ? message.place.start : message.place;
  const end = message.place && 'end' in message.place ? message.place.end : start;
  const finding: Finding = {
    rule,
    severity: SEVERITY.get(rule) ?? 'warning',
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    endLine: end?.line ?? start?.line ?? 1,
    endColumn: end?.column ?? start?.column ?? 1,
    message: message.reason,
  };
  const suggestion = message.expected?.[0];
  if (suggestion !== undefined) finding.suggestion = suggestion;
  return finding;
}

/** Lint a post's Markdown; `path` is only used to name the file. */
export async function lintMarkdown(content: string, path: string, processor = defaultProcessor): Promise<Finding[]> {
  const file = new VFile({ value: content, path });
  const tree = processor.parse(file);
  await processor.run(tree, file);
  return file.messages
    .map(toFinding)
    .sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}
