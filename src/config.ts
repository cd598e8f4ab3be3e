// Each site tunes the review: which rules run and how loud, its vocabulary,
// the links it already knows, where its posts live. Found like remark's and
// markdownlint's configuration: `.review-post.json`, `.review-postrc` (JSON or
// YAML) or a `review-post` key in package.json, from a folder upwards.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../rules/index.js';
import { InputError, type Severity } from './types.js';

export type RuleLevel = Severity | 'off';

export interface RuleSetting {
  level: RuleLevel;
  options?: Record<string, unknown>;
}

export interface Settings {
  /** Where the settings came from, for messages; '' for the built-in defaults. */
  source: string;
  preset: PresetName;
  /** Which files of a patch are posts. */
  posts: string;
  /** The list's subject prefix, e.g. `qemu-web PATCH`. */
  subjectPrefix: string;
  /** Front-matter schema for the structure rules. */
  frontMatter: 'jekyll' | 'zola';
  rules: Map<string, RuleSetting>;
  /** Accepted words and acronyms. */
  vocabulary: string[];
  /** Terms the site already knows a home for: `{"virtio-fs": "https://virtio-fs.gitlab.io/"}`. */
  links: Record<string, string>;
  /** Old or unofficial host (or URL prefix) → the canonical one. */
  preferredUrls: Record<string, string>;
  failLevel?: Severity | 'none';
}

export const PRESETS = {
  'qemu-web': { posts: '_posts/**/*.{md,markdown}', subjectPrefix: 'qemu-web PATCH', frontMatter: 'jekyll' },
  zola: { posts: 'content/**/*.md', subjectPrefix: 'PATCH', frontMatter: 'zola' },
} as const;
export type PresetName = keyof typeof PRESETS;

export const CONFIG_FILES = ['.review-post.json', '.review-postrc', 'package.json'] as const;

const LEVELS = new Set<string>(['off', 'info', 'warning', 'error']);
const KEYS = new Set(['extends', 'rules', 'vocabulary', 'links', 'preferredUrls', 'posts', 'subjectPrefix', 'failLevel']);

export function defaultSettings(preset: PresetName = 'qemu-web'): Settings {
  return {
    source: '',
    preset,
    ...PRESETS[preset],
    rules: new Map(RULES.map((r) => [r.id, { level: r.severity }])),
    vocabulary: [],
    links: {},
    preferredUrls: {},
  };
}

class ConfigError extends InputError {
  constructor(file: string, key: string, problem: string) {
    super(`${file}: ${key ? `"${key}" ` : ''}${problem}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(file: string, key: string, value: unknown): Record<string, string> {
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new ConfigError(file, key, 'must be an object of strings');
  }
  return value as Record<string, string>;
}

/** `"off"`, a severity, or `[severity, options]` as remark-lint takes them. */
function ruleSetting(file: string, id: string, value: unknown): RuleSetting {
  const key = `rules.${id}`;
  const [level, options] = Array.isArray(value) ? value : [value, undefined];
  if (typeof level !== 'string' || !LEVELS.has(level)) {
    throw new ConfigError(file, key, 'must be "off", "info", "warning", "error" or [severity, options]');
  }
  if (Array.isArray(value) && (value.length !== 2 || !isRecord(options))) {
    throw new ConfigError(file, key, 'must be [severity, {options}]');
  }
  return options === undefined ? { level: level as RuleLevel } : { level: level as RuleLevel, options: options as Record<string, unknown> };
}

/** Check a parsed config object and lay it over `base`. */
export function applyConfig(base: Settings, raw: unknown, file: string): Settings {
  if (!isRecord(raw)) throw new ConfigError(file, '', 'must hold an object');
  for (const key of Object.keys(raw)) {
    if (!KEYS.has(key)) throw new ConfigError(file, key, `is not a setting (known: ${[...KEYS].join(', ')})`);
  }
  let settings: Settings = { ...base, source: file, rules: new Map(base.rules) };
  if (raw.extends !== undefined) {
    if (typeof raw.extends !== 'string' || !(raw.extends in PRESETS)) {
      throw new ConfigError(file, 'extends', `must be one of ${Object.keys(PRESETS).join(', ')}`);
    }
    const preset = raw.extends as PresetName;
    settings = { ...settings, preset, ...PRESETS[preset] };
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) throw new ConfigError(file, 'rules', 'must be an object of rule ids');
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!settings.rules.has(id)) throw new ConfigError(file, `rules.${id}`, 'is not a rule (see review-post --list-rules)');
      settings.rules.set(id, ruleSetting(file, id, value));
    }
  }
  if (raw.vocabulary !== undefined) {
    if (!Array.isArray(raw.vocabulary) || !raw.vocabulary.every((v) => typeof v === 'string')) {
      throw new ConfigError(file, 'vocabulary', 'must be a list of words');
    }
    settings.vocabulary = [...settings.vocabulary, ...(raw.vocabulary as string[])];
  }
  if (raw.links !== undefined) settings.links = { ...settings.links, ...stringMap(file, 'links', raw.links) };
  if (raw.preferredUrls !== undefined) {
    settings.preferredUrls = { ...settings.preferredUrls, ...stringMap(file, 'preferredUrls', raw.preferredUrls) };
  }
  for (const key of ['posts', 'subjectPrefix'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] !== 'string' || raw[key] === '') throw new ConfigError(file, key, 'must be a non-empty string');
    settings[key] = raw[key];
  }
  if (raw.failLevel !== undefined) {
    if (typeof raw.failLevel !== 'string' || !['error', 'warning', 'info', 'none'].includes(raw.failLevel)) {
      throw new ConfigError(file, 'failLevel', 'must be "error", "warning", "info" or "none"');
    }
    settings.failLevel = raw.failLevel as Settings['failLevel'];
  }
  return settings;
}

function parseFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const json = path.endsWith('.json') || /^\s*[{[]/.test(text);
  try {
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    throw new InputError(`${path}: not valid ${json ? 'JSON' : 'YAML'}: ${why}`);
  }
}

/** The config object in `path`, or undefined for a package.json without our key. */
function readConfig(path: string): unknown {
  const parsed = parseFile(path);
  if (path.endsWith('package.json')) return isRecord(parsed) ? parsed['review-post'] : undefined;
  return parsed;
}

/** The nearest config file from `dir` upwards, as remark and markdownlint look. */
export function findConfig(dir: string): string | undefined {
  for (let here = resolve(dir); ; here = dirname(here)) {
    for (const name of CONFIG_FILES) {
      const path = join(here, name);
      if (existsSync(path) && (name !== 'package.json' || readConfig(path) !== undefined)) return path;
    }
    if (dirname(here) === here) return undefined;
  }
}

export interface LoadOptions {
  /** `--config FILE`. */
  file?: string;
  /** `--no-config`. */
  none?: boolean;
  /** Where to start looking. */
  from?: string;
}

export function loadSettings(options: LoadOptions = {}): Settings {
  const base = defaultSettings();
  if (options.none) return base;
  const path = options.file ?? findConfig(options.from ?? process.cwd());
  if (!path) return base;
  const raw = readConfig(path);
  return raw === undefined ? base : applyConfig(base, raw, path);
}

/** `--rule id=severity`, applied over the config. */
export function applyRuleFlags(settings: Settings, flags: string[]): Settings {
  const rules = new Map(settings.rules);
  for (const flag of flags) {
    const [id = '', level = ''] = flag.split('=');
    if (!rules.has(id)) throw new InputError(`--rule ${flag}: "${id}" is not a rule (see review-post --list-rules)`);
    if (!LEVELS.has(level)) throw new InputError(`--rule ${flag}: the level must be off, info, warning or error`);
    rules.set(id, { ...rules.get(id), level: level as RuleLevel });
  }
  return { ...settings, rules };
}
