// What the fuzz harness checks on each input: the pipeline answers with a
// review or an InputError (one line), and every format prints it without a
// raw control character. Anything else is thrown: a bug to fix.

import { Chalk } from 'chalk';
import { defaultSettings } from '../src/config/settings.js';
import type { Source } from '../src/mail/input.js';
import { reviewSource } from '../src/pipeline.js';
import { renderB4Check } from '../src/render/b4-check.js';
import { renderCodeQuality } from '../src/render/codequality.js';
import { renderGithub } from '../src/render/github.js';
import { renderJson } from '../src/render/json.js';
import { composeReply } from '../src/render/mail.js';
import { renderRdjsonl } from '../src/render/rdjsonl.js';
import { ruleInfos } from '../src/rules/info.js';
import { renderSarif } from '../src/render/sarif.js';
import { renderTerse } from '../src/render/terse.js';
import { commentedPatches, renderText } from '../src/render/text.js';
import { InputError } from '../src/core/types.js';

/** Raw controls a terminal acts on: C0 but tab and newline, DEL, C1, bidi controls. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Our own colours, the only escapes a coloured report may hold. */
const SGR = /\u001b\[[0-9;]*m/g;

export class FuzzFailure extends Error {
  override name = 'FuzzFailure';
}

function clean(format: string, text: string): void {
  const at = RAW_CONTROL.exec(text);
  if (at) {
    const around = JSON.stringify(text.slice(Math.max(0, at.index - 30), at.index + 30));
    throw new FuzzFailure(`--format ${format} printed a raw U+${at[0].codePointAt(0)!.toString(16).padStart(4, '0')}: ${around}`);
  }
}

function json(format: string, text: string): void {
  clean(format, text);
  for (const line of format === 'rdjsonl' ? text.split('\n').filter(Boolean) : [text]) {
    try {
      JSON.parse(line);
    } catch (error) {
      throw new FuzzFailure(`--format ${format} printed JSON that does not parse: ${(error as Error).message}`);
    }
  }
}

const settings = defaultSettings();
const plain = new Chalk({ level: 0 });
const coloured = new Chalk({ level: 3 });

export type Outcome = 'reviewed' | 'refused';

/** Review one input and render it every way; throws on a bug. */
export async function exercise(source: Source): Promise<Outcome> {
  let reviewed;
  try {
    reviewed = await reviewSource(source, { settings });
  } catch (error) {
    if (error instanceof InputError) {
      if (error.message.includes('\n')) throw new FuzzFailure(`InputError of several lines: ${JSON.stringify(error.message.slice(0, 200))}`);
      return 'refused';
    }
    throw error;
  }
  const inputs = [reviewed];
  clean('text', renderText(inputs, plain));
  clean('text (coloured)', renderText(inputs, coloured).replace(SGR, ''));
  json('json', renderJson(inputs));
  json('sarif', renderSarif(inputs, ruleInfos()));
  json('codequality', renderCodeQuality(inputs));
  json('rdjsonl', renderRdjsonl(inputs));
  json('b4-check', renderB4Check(inputs, 'warning'));
  clean('github', renderGithub(inputs));
  clean('terse', renderTerse(inputs));
  const now = new Date(Date.UTC(2020, 10, 5));
  for (const patch of commentedPatches(inputs)) clean('mail', composeReply(patch, { reviewer: { name: 'R', address: 'r@example.org' }, now }));
  return 'reviewed';
}
