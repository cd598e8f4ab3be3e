// A rule's identity in its own file, as ESLint's `meta` and remark-lint's
// `lintRule({origin, url})` keep it: the id, the default severity, where its
// documentation is (the doc comment at the top of the module), and the shape
// of the options it takes, so that a config is checked before any rule runs.

import type { Root } from 'mdast';
import { lintRule, type Plugin } from 'unified-lint-rule';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Severity } from '../../core/severity.js';

/**
 * What one option may hold: a number, a string, a boolean, a list of strings,
 * an object of strings, one of some words, or an object of further options.
 */
export type OptionShape =
  | 'number'
  | 'string'
  | 'boolean'
  | 'strings'
  | 'string-map'
  | readonly string[]
  | { readonly [key: string]: OptionShape };

export interface RuleMeta {
  id: string;
  severity: Severity;
  /** The rule module's own URL (`import.meta.url`): its doc comment documents the rule. */
  docs: string;
  /** The options the rule takes; none when absent. */
  options?: Readonly<Record<string, OptionShape>>;
}

export type RuleOptions = Readonly<Record<string, unknown>>;

export interface RuleModule {
  meta: RuleMeta;
  // The options are the rule's own; the registry only passes them through.
  plugin: Plugin<Root, never>;
}

export function defineRule<Options extends object = RuleOptions>(
  meta: RuleMeta,
  check: (tree: Root, file: VFile, options: Options | undefined) => void,
): RuleModule {
  const plugin = lintRule<Root, Options | undefined>(`review-post:${meta.id}`, budgeted(meta.id, check));
  return { meta, plugin: plugin as unknown as Plugin<Root, never> };
}

/**
 * How many findings of each rule the review keeps (the rest are only
 * counted), set by the linter in `file.data.reviewPostBudget`. A rule that
 * hits everywhere in a long post would otherwise build a message (an Error,
 * with its stack) for each of thousands of hits to keep 50.
 */
export interface FindingBudget {
  most: number;
  /** The lines the review keeps findings on (a patch's added lines); all when absent. */
  addedLines?: ReadonlySet<number>;
  /** Per rule, the hits on kept lines that were counted and not built. */
  elided: Map<string, number>;
  /** Whether the post has lint comments, found by the first rule that runs. */
  directives?: boolean;
}

declare module 'vfile' {
  interface DataMap {
    reviewPostBudget: FindingBudget;
  }
}

type MessageArgs = Parameters<VFile['message']>;

/** Where a message would be: its start and end lines, and a key that orders places. */
function placeOf(args: MessageArgs): { key: number; from: number; to: number } {
  const given = args[1] as { place?: Point | Position; position?: Position; start?: Point; line?: number } | null | undefined;
  const place = given?.place ?? given?.position ?? (given?.start ? (given as Position) : given?.line !== undefined ? (given as Point) : undefined);
  const start = place && 'start' in place ? place.start : place;
  const end = place && 'end' in place ? place.end : start;
  const line = start?.line ?? 1;
  return { key: line * 2 ** 21 + Math.min(start?.column ?? 1, 2 ** 21 - 1), from: line, to: end?.line ?? line };
}

/** Whether the post silences rules in comments: then what is kept is known only after the run, and every hit is built. */
function hasDirectives(tree: Root): boolean {
  let found = false;
  visit(tree, 'html', (node) => {
    if (/<!--\s*(?:review-post|lint)\b/.test(node.value)) found = true;
    return found ? false : undefined;
  });
  return found;
}

/**
 * The rule, with `file.message` building at most `most` findings that the
 * review keeps (the first by place) and counting the rest, and at most
 * `most` on lines it drops. A finding on a kept line is built whenever it
 * comes before the last of those kept so far, so the first `most` by place
 * are always built, whatever order the rule reports in.
 */
function budgeted<Options>(id: string, check: (tree: Root, file: VFile, options: Options) => void): (tree: Root, file: VFile, options: Options) => void {
  return (tree, file, options) => {
    const budget = file.data.reviewPostBudget;
    if (budget === undefined) return check(tree, file, options);
    budget.directives ??= hasDirectives(tree);
    if (budget.directives) return check(tree, file, options);
    const build = file.message.bind(file);
    // Keys of the first `most` kept findings by place, in order.
    const kept: number[] = [];
    let dropped = 0;
    const onKeptLine = (from: number, to: number): boolean => {
      if (budget.addedLines === undefined) return true;
      for (let line = from; line <= to; line++) if (budget.addedLines.has(line)) return true;
      return false;
    };
    file.message = ((...args: MessageArgs): VFileMessage => {
      const { key, from, to } = placeOf(args);
      if (!onKeptLine(from, to)) {
        // Not kept by the review (unless a rule marks it as the commit message's: those are few).
        return dropped++ < budget.most ? build(...args) : ({} as VFileMessage);
      }
      if (kept.length < budget.most || key < kept[kept.length - 1]!) {
        let at = kept.length;
        while (at > 0 && kept[at - 1]! > key) at--;
        kept.splice(at, 0, key);
        if (kept.length > budget.most) kept.pop();
        return build(...args);
      }
      budget.elided.set(id, (budget.elided.get(id) ?? 0) + 1);
      return {} as VFileMessage;
    }) as VFile['message'];
    try {
      check(tree, file, options);
    } finally {
      delete (file as Partial<Pick<VFile, 'message'>>).message;
    }
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(shape: OptionShape): string {
  if (typeof shape === 'string') {
    return { number: 'a number', string: 'a string', boolean: 'true or false', strings: 'a list of strings', 'string-map': 'an object of strings' }[shape];
  }
  if (Array.isArray(shape)) return `one of ${shape.map((s) => JSON.stringify(s)).join(', ')}`;
  return `an object with ${Object.keys(shape).join(', ')}`;
}

function fits(value: unknown, shape: OptionShape, path: string): string | undefined {
  const wrong = (): string => `option "${path}" must be ${describe(shape)}`;
  if (shape === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : wrong();
  if (shape === 'string') return typeof value === 'string' ? undefined : wrong();
  if (shape === 'boolean') return typeof value === 'boolean' ? undefined : wrong();
  if (shape === 'strings') return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : wrong();
  if (shape === 'string-map') return isRecord(value) && Object.values(value).every((v) => typeof v === 'string') ? undefined : wrong();
  if (Array.isArray(shape)) return typeof value === 'string' && shape.includes(value) ? undefined : wrong();
  return keysFit(value, shape as Readonly<Record<string, OptionShape>>, `${path}.`) ?? undefined;
}

function keysFit(value: unknown, shapes: Readonly<Record<string, OptionShape>>, prefix: string): string | undefined {
  if (!isRecord(value)) return `option "${prefix.slice(0, -1)}" must be ${describe(shapes)}`;
  for (const [key, option] of Object.entries(value)) {
    const shape = Object.hasOwn(shapes, key) ? shapes[key] : undefined;
    if (shape === undefined) {
      const known = Object.keys(shapes);
      return `has no option "${prefix}${key}" (${known.length > 0 ? `it takes ${known.map((k) => prefix + k).join(', ')}` : 'it takes none'})`;
    }
    const problem = fits(option, shape, `${prefix}${key}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Why `options` do not fit the rule, or undefined when they do. */
export function optionsProblem(meta: RuleMeta, options: unknown): string | undefined {
  if (!isRecord(options)) return 'options must be an object';
  return keysFit(options, meta.options ?? {}, '');
}
