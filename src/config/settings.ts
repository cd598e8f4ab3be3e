// What a site's settings are: which rules run and how loud, its vocabulary,
// the links it already knows, where its posts live; the presets and the
// built-in defaults. config/load.ts reads them from a site's config file.

import type { FailLevel, RuleLevel } from '../core/severity.js';
import { RULES } from '../rules/index.js';
import type { RuleSettings } from '../rules/kit/context.js';
import type { RuleOptions } from '../rules/kit/rule.js';

export interface RuleSetting {
  level: RuleLevel;
  options?: RuleOptions;
}

/** What rules read (`RuleSettings`), and what the review around them needs. */
export interface Settings extends RuleSettings {
  preset: PresetName;
  /** Which files of a patch are posts. */
  posts: string;
  rules: Map<string, RuleSetting>;
  failLevel?: FailLevel;
}

export const PRESETS = {
  'qemu-web': { posts: '_posts/**/*.{md,markdown}', subjectPrefix: 'qemu-web PATCH', frontMatter: 'jekyll' },
  zola: { posts: 'content/**/*.md', subjectPrefix: 'PATCH', frontMatter: 'zola' },
} as const;
export type PresetName = keyof typeof PRESETS;

export function defaultSettings(preset: PresetName = 'qemu-web'): Settings {
  return {
    source: '',
    preset,
    ...PRESETS[preset],
    rules: new Map(RULES.map((r) => [r.meta.id, { level: r.meta.severity }])),
    vocabulary: [],
    links: {},
    preferredUrls: {},
  };
}
