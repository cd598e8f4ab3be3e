// A rule's identity in its own file, as ESLint's `meta` and remark-lint's
// `lintRule({origin, url})` keep it: the id, the default severity, where its
// documentation is (the doc comment at the top of the module), and the shape
// of the options it takes, so that a config is checked before any rule runs.

import type { Root } from 'mdast';
import { lintRule, type Plugin } from 'unified-lint-rule';
import type { VFile } from 'vfile';
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
  const plugin = lintRule<Root, Options | undefined>(`review-post:${meta.id}`, check);
  return { meta, plugin: plugin as unknown as Plugin<Root, never> };
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
