// One run of the main command: read the inputs, find each one's settings and
// site, review, then write the report, the replies or the hook's lines, and
// answer with the exit status CI can use.

import { dirname, resolve } from 'node:path';
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Command } from 'commander';
import { applyRuleFlags } from '../config/flags.js';
import { loadSettings } from '../config/load.js';
import type { Settings } from '../config/settings.js';
import { findSite } from '../config/site.js';
import { fails, type FailLevel } from '../core/severity.js';
import { safeLine } from '../core/safe-text.js';
import { InputError, type ReviewedInput } from '../core/types.js';
import { kindOf, readSource, type Source } from '../mail/input.js';
import { reviewSource } from '../pipeline.js';
import { FORMATS } from '../render/index.js';
import { composeReply, type Reviewer } from '../render/mail.js';
import { commentedPatches } from '../render/text.js';
import { renderTerse } from '../render/terse.js';
import { editDraft } from './editor.js';
import { formatPatchRange, gitConfig } from './git.js';
import { note, reportSkips } from './notes.js';
import { packageVersion, type CliOptions } from './options.js';
import { writeAtomic } from './output.js';
import { terminalProgress } from './progress.js';
import { explain, listRules } from './rules-help.js';

function colours(enabled: boolean): ChalkInstance {
  // chalk honours FORCE_COLOR and a terminal on stdout; NO_COLOR is ours to honour.
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '' && process.env.FORCE_COLOR === undefined;
  return new Chalk({ level: enabled && !noColor ? chalk.level : 0 });
}

function anyFails(inputs: ReviewedInput[], failLevel: FailLevel): boolean {
  return inputs.some((input) => input.patches.some((patch) => patch.posts.some((post) => post.findings.some((f) => fails(f.severity, failLevel)))));
}

/** The reviewer: --from, else git config user.name and user.email. */
function reviewer(from: string | undefined): Reviewer {
  if (from) {
    const m = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
    if (m) return { name: m[1]!.replace(/^"|"$/g, ''), address: m[2]! };
    if (/^[^<>\s]+@[^<>\s]+$/.test(from.trim())) return { name: '', address: from.trim() };
    throw new InputError(`--from ${from}: not a mailbox like "Name <name@example.org>"`);
  }
  const address = gitConfig('user.email');
  if (!address) throw new InputError('who is the reviewer? set git config user.email (and user.name) or use --from');
  return { name: gitConfig('user.name'), address };
}

/** The replies, one per commented patch; several patches make several files. */
function replies(inputs: ReviewedInput[], options: CliOptions): string[] {
  const me = reviewer(options.from);
  return commentedPatches(inputs).map((reviewed) => {
    const draft = composeReply(reviewed, { reviewer: me });
    return options.edit ? editDraft(draft) : draft;
  });
}

function numbered(path: string, index: number, count: number): string {
  if (count === 1) return path;
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? `${path.slice(0, dot)}-${index + 1}${path.slice(dot)}` : `${path}-${index + 1}`;
}

/**
 * The settings for one input: a Markdown file's own folder is where its site's
 * config lives; for mail, the current directory (the site's checkout).
 */
function settingsFor(source: Source, options: CliOptions): Settings {
  const from = source.name !== '<stdin>' && kindOf(source) === 'markdown' ? dirname(resolve(source.name)) : process.cwd();
  const loaded = loadSettings({ ...(options.config ? { file: options.config } : {}), none: options.config === false, from });
  const settings = applyRuleFlags(loaded, options.rule);
  return options.posts ? { ...settings, posts: options.posts } : settings;
}

/** `--hook`: findings on stderr for git send-email; cover letters and mails without a post pass silently. */
function answerHook(inputs: ReviewedInput[], failing: boolean): number {
  const findings = renderTerse(inputs);
  if (findings) {
    const subjects = inputs.flatMap((i) => i.patches.filter((p) => p.posts.some((x) => x.findings.length > 0)).map((p) => p.patch.subject));
    process.stderr.write(`review-post: ${safeLine(subjects.join(', '))}\n${findings}`);
    if (failing) note('fix these, or send anyway with: git send-email --no-validate');
  }
  const damaged = inputs.some((i) => i.patches.some((p) => p.patch.skipped.some((s) => s.damaged)));
  if (damaged) inputs.forEach(reportSkips);
  return damaged ? 2 : failing ? 1 : 0;
}

export async function run(files: string[], options: CliOptions, program: Command): Promise<number> {
  if (options.listRules) {
    process.stdout.write(listRules());
    return 0;
  }
  if (options.explain) {
    process.stdout.write(explain(options.explain));
    return 0;
  }
  const named = [...files, ...(options.hook ? [options.hook] : [])];
  const sources: Source[] = [];
  if (options.range) sources.push({ name: options.range, data: formatPatchRange(options.range) });
  for (const name of named) sources.push(await readSource(name));
  if (sources.length === 0) program.error('error: no input: name files, - for stdin, or --range A..B', { exitCode: 2 });

  const inputs: ReviewedInput[] = [];
  // Config files were read too: --output and --reply must not replace them.
  const read = [...named];
  const progress = terminalProgress();
  let failLevel: FailLevel = options.failLevel ?? 'warning';
  for (const source of sources) {
    const settings = settingsFor(source, options);
    if (settings.source) read.push(settings.source);
    failLevel = options.failLevel ?? settings.failLevel ?? failLevel;
    const siteDir = options.site ?? findSite(process.cwd(), settings);
    const onProgress = progress?.listener(source.name);
    inputs.push(await reviewSource(source, { settings, ...(siteDir ? { siteDir } : {}), ...(onProgress ? { onProgress } : {}) }));
    progress?.clear();
  }
  const failing = anyFails(inputs, failLevel);
  if (options.hook) return answerHook(inputs, failing);

  if (inputs.every((i) => i.patches.length === 0)) {
    throw new InputError(`no patch in ${inputs.map((i) => i.source).join(', ')}`);
  }
  let damaged = false;
  for (const input of inputs) damaged = reportSkips(input) || damaged;

  const mails = options.reply || options.format === 'mail' ? replies(inputs, options) : [];
  if (options.reply) {
    if (mails.length === 0) note('no comments, so no reply was written');
    mails.forEach((mail, i) => {
      const path = numbered(options.reply!, i, mails.length);
      writeAtomic(path, mail, read);
      note(`wrote ${path}`);
    });
  }
  const color = colours(options.color && !options.output);
  const out = FORMATS[options.format](inputs, { color, failLevel, mails, toolVersion: packageVersion() });
  if (options.output) writeAtomic(options.output, out, read);
  else if (!options.reply || options.format !== 'text') process.stdout.write(out);
  if (damaged) return 2;
  return failing ? 1 : 0;
}
