// Linting one post: Markdown in, plain findings out.

import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkLint from 'remark-lint';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Settings } from '../config/settings.js';
import type { Finding } from '../core/types.js';
import { RULES } from '../rules/index.js';
import type { LintContext } from '../rules/kit/context.js';
import type { RuleModule, RuleOptions } from '../rules/kit/rule.js';
import { byPlace, toFinding } from './findings.js';
import { withoutSuppressed } from './suppress.js';

/**
 * A Markdown processor with the front-matter syntaxes our sites use and the
 * given rules, each with its options.
 */
export function markdownProcessor(
  rules: readonly RuleModule[] = RULES,
  options: (id: string) => RuleOptions | undefined = () => undefined,
): Processor<Root, Root, Root> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    .use(remarkLint) as unknown as Processor<Root, Root, Root>;
  for (const rule of rules) {
    const plugin = rule.plugin as (config?: RuleOptions) => undefined;
    processor.use(plugin, options(rule.meta.id));
  }
  return processor;
}

const processors = new WeakMap<Settings, Processor<Root, Root, Root>>();

/** The processor for a site's settings: its rules that are not off, with their options. */
export function processorFor(settings: Settings): Processor<Root, Root, Root> {
  let processor = processors.get(settings);
  if (!processor) {
    const on = RULES.filter((r) => settings.rules.get(r.meta.id)?.level !== 'off');
    processor = markdownProcessor(on, (id) => settings.rules.get(id)?.options);
    processors.set(settings, processor);
  }
  return processor;
}

const defaultProcessor = markdownProcessor();

/** The context of a review: what rules read, and the levels the site gives them. */
export interface LintRun extends LintContext {
  settings?: Settings;
}

/** Lint a post's Markdown; rules find the context in `file.data.reviewPost`. */
export async function lintMarkdown(content: string, path: string, processor = defaultProcessor, context: LintRun = {}): Promise<Finding[]> {
  return (await lintPost(content, path, processor, context)).findings;
}

/** What linting a post for a review gives: the findings built, and per rule how many more were only counted. */
export interface LintedPost {
  findings: Finding[];
  elided: ReadonlyMap<string, number>;
}

/**
 * Lint a post of which the review keeps `most` findings per rule on
 * `addedLines`: rules build those and count the rest (see FindingBudget).
 */
export async function lintPost(
  content: string,
  path: string,
  processor = defaultProcessor,
  context: LintRun = {},
  budget?: { most: number; addedLines?: ReadonlySet<number> },
): Promise<LintedPost> {
  const elided = new Map<string, number>();
  const file = new VFile({ value: content, path, data: { reviewPost: context, ...(budget ? { reviewPostBudget: { ...budget, elided } } : {}) } });
  const tree = processor.parse(file);
  await processor.run(tree, file);
  const findings = file.messages.map((m) => toFinding(m, context.settings?.rules)).sort(byPlace);
  return { findings: withoutSuppressed(tree, findings), elided };
}
