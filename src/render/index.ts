// Every output format by name: the command line looks a format up here, so a
// new format is one entry in this table and one module beside it.

import type { ChalkInstance } from 'chalk';
import type { FailLevel } from '../core/severity.js';
import type { ReviewedInput } from '../core/types.js';
import { ruleInfos } from '../rules/info.js';
import { renderB4Check } from './b4-check.js';
import { renderCodeQuality } from './codequality.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderRdjsonl } from './rdjsonl.js';
import { renderSarif } from './sarif.js';
import { renderTerse } from './terse.js';
import { renderText } from './text.js';

/** What a format may need beyond the reviewed inputs. */
export interface RenderContext {
  color: ChalkInstance;
  failLevel: FailLevel;
  /** The reply mails, already composed (`--format mail`). */
  mails: string[];
  toolVersion: string;
}

export type Renderer = (inputs: ReviewedInput[], context: RenderContext) => string;

export const FORMATS = {
  text: (inputs, { color }) => renderText(inputs, color),
  json: (inputs) => renderJson(inputs),
  mail: (_inputs, { mails }) => mails.join('\n'),
  sarif: (inputs, { toolVersion }) => renderSarif(inputs, ruleInfos(), { toolVersion }),
  codequality: (inputs) => renderCodeQuality(inputs),
  github: (inputs) => renderGithub(inputs),
  rdjsonl: (inputs) => renderRdjsonl(inputs),
  terse: (inputs) => renderTerse(inputs),
  'b4-check': (inputs, { failLevel }) => renderB4Check(inputs, failLevel),
} as const satisfies Record<string, Renderer>;

export type Format = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];
