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
  /** The preset the config extends; absent when none is configured. */
  preset?: PresetName;
  /** Which files of a patch are posts. */
  posts: string;
  /**
   * Whether `posts` was chosen (the config, its preset, `--posts`); when not,
   * the site model's posts folder decides, and without one the guess below.
   */
  postsGiven: boolean;
  rules: Map<string, RuleSetting>;
  failLevel?: FailLevel;
}

/** Without a config or a checkout: the folders posts live in on Jekyll, Hugo, Zola and plain sites. */
export const DEFAULT_POSTS = '{_posts,**/_posts,content,_content,posts,blog}/**/*.{md,markdown}';

interface Preset {
  posts: string;
  subjectPrefix: string;
  frontMatter: 'jekyll' | 'zola';
  permalink?: string;
  /** Rule options the preset sets (a config's own replace them). */
  rules?: Readonly<Record<string, RuleOptions>>;
}

/**
 * What a config's `extends` states about a site without a checkout to learn
 * it from: `jekyll` and `hugo` what any such site does, `qemu-web` and `zola`
 * (the Rust blog) those sites' own habits.
 */
export const PRESETS = {
  'qemu-web': {
    posts: '_posts/**/*.{md,markdown}',
    subjectPrefix: 'qemu-web PATCH',
    frontMatter: 'jekyll',
    permalink: '/:year/:month/:day/:title/',
    rules: { 'front-matter': { jekyll: { required: ['layout', 'title', 'date', 'categories'] } } },
  },
  jekyll: { posts: '{_posts,**/_posts}/**/*.{md,markdown}', subjectPrefix: '', frontMatter: 'jekyll' },
  hugo: { posts: 'content/**/*.{md,markdown}', subjectPrefix: '', frontMatter: 'jekyll' },
  zola: {
    posts: 'content/**/*.md',
    subjectPrefix: 'PATCH',
    frontMatter: 'zola',
    rules: { 'front-matter': { zola: { required: ['title', 'path', 'authors'], date: { key: 'path', form: 'path' } } } },
  },
} as const satisfies Record<string, Preset>;
export type PresetName = keyof typeof PRESETS;

/** The built-in defaults, or those of a preset. */
export function defaultSettings(preset?: PresetName): Settings {
  const base: Settings = {
    source: '',
    posts: DEFAULT_POSTS,
    postsGiven: false,
    subjectPrefix: '',
    rules: new Map(RULES.map((r) => [r.meta.id, { level: r.meta.severity }])),
    vocabulary: [],
    links: {},
    preferredUrls: {},
  };
  return preset === undefined ? base : withPreset(base, preset);
}

/** A preset laid over settings: its posts, prefix, syntax and permalink, and its rule options. */
export function withPreset(settings: Settings, name: PresetName): Settings {
  const preset: Preset = PRESETS[name];
  const rules = new Map(settings.rules);
  for (const [id, options] of Object.entries(preset.rules ?? {})) {
    const current = rules.get(id);
    if (current !== undefined) rules.set(id, { ...current, options });
  }
  return {
    ...settings,
    preset: name,
    posts: preset.posts,
    postsGiven: true,
    subjectPrefix: preset.subjectPrefix,
    frontMatter: preset.frontMatter,
    ...(preset.permalink !== undefined ? { permalink: preset.permalink } : {}),
    rules,
  };
}
