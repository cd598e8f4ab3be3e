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
import type { Finding, Patch, Post, Severity } from './types.js';

/**
 * What a rule may know beyond the Markdown: the patch and series it came in,
 * the mail's date, the site's checkout. Absent for a post given directly.
 */
export interface LintContext {
  post?: Post;
  patch?: Patch;
  /** Every patch of the same input, the post's own included (a series). */
  series?: Patch[];
  /** The website's checkout, when the review runs inside it or with --site. */
  siteDir?: string;
}

declare module 'vfile' {
  interface DataMap {
    reviewPost: LintContext;
  }
}

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

/** Lint a post's Markdown; rules find the context in `file.data.reviewPost`. */
export async function lintMarkdown(
  content: string,
  path: string,
  processor = defaultProcessor,
  context: LintContext = {},
): Promise<Finding[]> {
  const file = new VFile({ value: content, path, data: { reviewPost: context } });
  const tree = processor.parse(file);
  await processor.run(tree, file);
  return file.messages
    .map(toFinding)
    .sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}
