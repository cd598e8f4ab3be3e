// One run of the main command: read the inputs, find each one's settings and
// site, review, then write the report, the replies or the hook's lines, and
// answer with the exit status CI can use.

import { dirname, resolve } from 'node:path';
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Command } from 'commander';
import { applyRuleFlags } from '../config/flags.js';
import { loadSettings } from '../config/load.js';
import type { Settings } from '../config/settings.js';
import { findSite, withSitePosts, type FoundSite } from '../config/site.js';
import { fails, type FailLevel } from '../core/severity.js';
import { safeLine } from '../core/safe-text.js';
import { InputError, type ReviewedInput } from '../core/types.js';
import { kindOf, readSource, STDIN, type Source } from '../mail/input.js';
import { reviewSource, type ReviewOptions } from '../pipeline.js';
import { FORMATS } from '../render/index.js';
import { composeReply, threadingProblem, type Reviewer } from '../render/mail.js';
import { commentedPatches } from '../render/text.js';
import { renderTerse } from '../render/terse.js';
import { editDraft } from './editor.js';
import { formatPatchRange, gitConfig } from './git.js';
import { expandInputs } from './inputs.js';
import { note, reportSkips } from './notes.js';
import { cacheDir, packageVersion, type CliOptions } from './options.js';
import { writeAtomic } from './output.js';
import { terminalProgress } from './progress.js';
import { explain, listRules } from './rules-help.js';

/**
 * Colours on stdout, by the conventions in this order: `--no-color` (the
 * command line beats the environment, says no-color.org); FORCE_COLOR set and
 * not empty forces them, over NO_COLOR (force-color.org), except `0` and
 * `false`, which Node and chalk read as none; NO_COLOR set and not empty
 * turns them off; else they show when stdout is a terminal (chalk's level).
 */
export function colourLevel(flag: boolean, env: NodeJS.ProcessEnv, detected: ChalkInstance['level'], terminal: boolean): ChalkInstance['level'] {
  const force = env.FORCE_COLOR ?? '';
  if (!flag || force === '0' || force === 'false') return 0;
  if (force !== '') return detected || 1;
  if ((env.NO_COLOR ?? '') !== '') return 0;
  // chalk counts an empty FORCE_COLOR as forcing; both conventions count it as unset.
  return terminal ? detected : 0;
}

export function colours(enabled: boolean): ChalkInstance {
  return new Chalk({ level: colourLevel(enabled, process.env, chalk.level, process.stdout.isTTY === true) });
}

/**
 * The run fails on a finding at or above the fail level; with
 * `--max-warnings N`, as ESLint's, warnings fail it only when there are more
 * than N (and then whatever the fail level).
 */
function verdict(inputs: ReviewedInput[], failLevel: FailLevel, maxWarnings?: number): boolean {
  const findings = inputs.flatMap((input) => input.patches.flatMap((patch) => patch.posts.flatMap((post) => post.findings)));
  const counted = maxWarnings !== undefined;
  if (findings.some((f) => fails(f.severity, failLevel) && !(counted && f.severity === 'warning'))) return true;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (!counted || warnings <= maxWarnings) return false;
  note(`${warnings} warnings, more than --max-warnings ${maxWarnings}`);
  return true;
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
    const problem = threadingProblem(reviewed.patch);
    if (problem && !options.quiet) note(problem);
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
 * Where an input's config and site are looked for: a Markdown file's own
 * folder; for mail, the current directory (the site's checkout).
 */
function startFor(source: Source): string {
  return source.name !== STDIN && kindOf(source) === 'markdown' ? dirname(resolve(source.name)) : process.cwd();
}

export function settingsFor(source: Source, options: Pick<CliOptions, 'config' | 'rule' | 'posts'>): Settings {
  const loaded = loadSettings({ ...(options.config ? { file: options.config } : {}), none: options.config === false, from: startFor(source) });
  const settings = applyRuleFlags(loaded, options.rule);
  return options.posts ? { ...settings, posts: options.posts, postsGiven: true } : settings;
}

function withCache(options: Pick<CliOptions, 'cache' | 'cacheLocation'>): { cacheDir?: string } {
  const dir = cacheDir(options);
  return dir === undefined ? {} : { cacheDir: dir };
}

type SiteOptions = Pick<CliOptions, 'config' | 'rule' | 'posts' | 'site' | 'cache' | 'cacheLocation'>;

/** One input's settings and site, as every command reviews it: the site found from the input, its posts folder. */
export function reviewSetup(source: Source, options: SiteOptions): { settings: Settings; found: FoundSite | undefined; review: ReviewOptions } {
  const found = findSite({ ...(options.site !== undefined ? { dir: options.site } : {}), from: startFor(source), ...withCache(options) });
  const settings = withSitePosts(settingsFor(source, options), found?.model);
  const review: ReviewOptions = { settings, ...(found === undefined ? {} : { siteDir: found.root, site: found.model }) };
  return { settings, found, review };
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
  if (damaged) for (const input of inputs) reportSkips(input);
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
  const { stdinFilename } = options;
  // --stdin-filename alone reads stdin, as Prettier's --stdin-filepath does.
  const names = files.length === 0 && stdinFilename !== undefined && !options.range && !options.hook ? ['-'] : files;
  const expanded = expandInputs(names, stdinFilename !== undefined ? { stdinName: stdinFilename } : {});
  if (!options.quiet) for (const path of expanded.ignored) note(`${path}: not reviewed, ${expanded.ignoreFile} leaves it out`);
  const named = [...expanded.paths, ...(options.hook ? [options.hook] : [])];
  if (named.length === 0 && !options.range) {
    if (expanded.ignored.length > 0) return 0;
    program.error('error: no input: name files or folders, - for stdin, or --range A..B', { exitCode: 2 });
  }

  const inputs: ReviewedInput[] = [];
  // Config files were read too: --output and --reply must not replace them.
  const read = [...named];
  const progress = terminalProgress();
  let failLevel: FailLevel = options.failLevel ?? 'warning';
  const told = new Set<string>();
  const review = async (source: Source): Promise<void> => {
    const { settings, found, review: site } = reviewSetup(source, options);
    if (settings.source) read.push(settings.source);
    failLevel = options.failLevel ?? settings.failLevel ?? failLevel;
    // What could not be learned is said once per site; the review goes on with what holds everywhere.
    if (found !== undefined && !told.has(found.root)) {
      told.add(found.root);
      for (const line of found.model.unlearned ?? []) note(`${safeLine(found.root)}: ${safeLine(line)}`);
    }
    const onProgress = progress?.listener(source.name);
    inputs.push(await reviewSource(source, { ...site, ...(onProgress ? { onProgress } : {}) }));
    progress?.clear();
  };
  if (options.range) await review({ name: options.range, data: formatPatchRange(options.range) });
  // Each input is read as its turn comes: a folder of mboxes holds one open at a time.
  for (const name of named) await review(await readSource(name, stdinFilename));
  const failing = verdict(inputs, failLevel, options.maxWarnings);
  if (options.hook) return answerHook(inputs, failing);

  if (inputs.every((i) => i.patches.length === 0)) {
    throw new InputError(`no patch in ${inputs.map((i) => i.source).join(', ')}`);
  }
  let damaged = false;
  for (const input of inputs) damaged = reportSkips(input, options.quiet) || damaged;

  const mailing = options.reply !== undefined || options.format === 'mail';
  const mails = mailing ? replies(inputs, options) : [];
  if (options.reply) {
    if (mails.length === 0 && !options.quiet) note('no comments, so no reply was written');
    mails.forEach((mail, i) => {
      const path = numbered(options.reply!, i, mails.length);
      writeAtomic(path, mail, read);
      if (!options.quiet) note(`wrote ${path}`);
    });
  }
  const color = colours(options.color && !options.output);
  const out = FORMATS[options.format](inputs, { color, failLevel, mails, toolVersion: packageVersion() });
  if (options.output) writeAtomic(options.output, out, read);
  else if (!options.reply || options.format !== 'text') process.stdout.write(out);
  if (damaged) return 2;
  // A reply is what was asked for: 0 when there is one to send, so that
  // `review-post --reply r.eml p.mbox && git send-email r.eml` sends it, and
  // 1 when the patch needs none (no comments, nothing written).
  if (mailing) return mails.length > 0 ? 0 : 1;
  return failing ? 1 : 0;
}
