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
import type { Settings } from './config.js';
import { onCommitMessage } from './structure.js';
import { withoutSuppressed } from './suppress.js';
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
  /** The site's configuration: vocabulary, known links, preferred URLs ... */
  settings?: Settings;
}

declare module 'vfile' {
  interface DataMap {
    reviewPost: LintContext;
  }
}

const SEVERITY = new Map<string, Severity>(RULES.map((r) => [r.id, r.severity]));

type RuleOptions = Record<string, unknown> | undefined;

/**
 * A Markdown processor with the front-matter syntaxes our sites use and the
 * given rules, each with its options.
 */
export function markdownProcessor(
  rules: readonly RuleEntry[] = RULES,
  options: (id: string) => RuleOptions = () => undefined,
): Processor<Root, Root, Root> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    .use(remarkLint) as unknown as Processor<Root, Root, Root>;
  for (const rule of rules) {
    const plugin = rule.plugin as (config?: RuleOptions) => undefined;
    processor.use(plugin, options(rule.id));
  }
  return processor;
}

const processors = new WeakMap<Settings, Processor<Root, Root, Root>>();

/** The processor for a site's settings: its rules that are not off, with their options. */
export function processorFor(settings: Settings): Processor<Root, Root, Root> {
  let processor = processors.get(settings);
  if (!processor) {
    const on = RULES.filter((r) => settings.rules.get(r.id)?.level !== 'off');
    processor = markdownProcessor(on, (id) => settings.rules.get(id)?.options);
    processors.set(settings, processor);
  }
  return processor;
}

const defaultProcessor = markdownProcessor();

export function toFinding(message: VFileMessage, settings?: Settings): Finding {
  const rule = message.ruleId ?? 'unknown';
  const level = settings?.rules.get(rule)?.level;
  const start = message.place && 'start' in message.place ? message.place.start : message.place;
  const end = message.place && 'end' in message.place ? message.place.end : start;
  const finding: Finding = {
    rule,
    severity: level && level !== 'off' ? level : (SEVERITY.get(rule) ?? 'warning'),
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    endLine: end?.line ?? start?.line ?? 1,
    endColumn: end?.column ?? start?.column ?? 1,
    message: message.reason,
  };
  const suggestion = message.expected?.[0];
  if (suggestion !== undefined) finding.suggestion = suggestion;
  if (onCommitMessage(message)) finding.onCommitMessage = true;
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
  const findings = file.messages
    .map((m) => toFinding(m, context.settings))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return withoutSuppressed(tree, findings);
}
