// `--rule id=level` flags, laid over the settings a config file gave.

import { isRuleLevel } from '../core/severity.js';
import { InputError } from '../core/types.js';
import { unknownRule } from '../rules/index.js';
import type { Settings } from './settings.js';

/** `--rule id=severity`, applied over the config. */
export function applyRuleFlags(settings: Settings, flags: string[]): Settings {
  const rules = new Map(settings.rules);
  for (const flag of flags) {
    const [id = '', level = ''] = flag.split('=');
    if (!rules.has(id)) throw new InputError(`--rule ${flag}: "${id}" ${unknownRule(id)}`);
    if (!isRuleLevel(level)) throw new InputError(`--rule ${flag}: the level must be off, info, warning or error`);
    rules.set(id, { ...rules.get(id), level });
  }
  return { ...settings, rules };
}
