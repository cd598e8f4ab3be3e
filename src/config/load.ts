// Each site tunes the review in a config file, found like remark's and
// markdownlint's: `.review-post.json`, `.review-postrc` (JSON or YAML) or a
// `review-post` key in package.json, from a folder upwards. Every value is
// checked here, rule options against the shape each rule declares.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isFailLevel, isRuleLevel } from '../core/severity.js';
import { InputError } from '../core/types.js';
import { didYouMean } from '../core/suggest.js';
import { ruleById, unknownRule } from '../rules/index.js';
import { optionsProblem } from '../rules/kit/rule.js';
import { defaultSettings, PRESETS, withPreset, type PresetName, type RuleSetting, type Settings } from './settings.js';

export const CONFIG_FILES = ['.review-post.json', '.review-postrc', 'package.json'] as const;

const KEYS = new Set(['extends', 'rules', 'vocabulary', 'links', 'preferredUrls', 'posts', 'permalink', 'subjectPrefix', 'failLevel']);

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
  if (!isRuleLevel(level)) {
    throw new ConfigError(file, key, 'must be "off", "info", "warning", "error" or [severity, options]');
  }
  if (Array.isArray(value) && (value.length !== 2 || !isRecord(options))) {
    throw new ConfigError(file, key, 'must be [severity, {options}]');
  }
  if (options === undefined) return { level };
  const rule = ruleById(id);
  const problem = rule === undefined ? undefined : optionsProblem(rule.meta, options);
  if (problem !== undefined) throw new ConfigError(file, key, problem);
  return { level, options: options as Record<string, unknown> };
}

/** Check a parsed config object and lay it over `base`. */
export function applyConfig(base: Settings, raw: unknown, file: string): Settings {
  if (!isRecord(raw)) throw new ConfigError(file, '', 'must hold an object');
  for (const key of Object.keys(raw)) {
    if (!KEYS.has(key)) throw new ConfigError(file, key, `is not a setting${didYouMean(key, [...KEYS])} (known: ${[...KEYS].join(', ')})`);
  }
  let settings: Settings = { ...base, source: file, rules: new Map(base.rules) };
  if (raw.extends !== undefined) {
    // Own keys only: `in` would take "__proto__" and "toString" for presets.
    if (typeof raw.extends !== 'string' || !Object.hasOwn(PRESETS, raw.extends)) {
      throw new ConfigError(file, 'extends', `must be one of ${Object.keys(PRESETS).join(', ')}`);
    }
    settings = withPreset(settings, raw.extends as PresetName);
  }
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) throw new ConfigError(file, 'rules', 'must be an object of rule ids');
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!settings.rules.has(id)) throw new ConfigError(file, `rules.${id}`, unknownRule(id));
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
    if (key === 'posts') settings.postsGiven = true;
  }
  if (raw.permalink !== undefined) {
    if (typeof raw.permalink !== 'string' || !/^(?:\/|:|date$|pretty$|ordinal$|none$)/.test(raw.permalink)) {
      throw new ConfigError(file, 'permalink', 'must be a URL scheme such as "/:year/:month/:day/:title/" (or a Jekyll style: date, pretty, ordinal, none)');
    }
    settings.permalink = raw.permalink;
  }
  if (raw.failLevel !== undefined) {
    if (!isFailLevel(raw.failLevel)) {
      throw new ConfigError(file, 'failLevel', 'must be "error", "warning", "info" or "none"');
    }
    settings.failLevel = raw.failLevel;
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
