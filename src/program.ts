// The command line: options in, review out, and an exit status CI can use.
// Importing it has no effect: src/cli.ts (or the startup snapshot) runs it.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import { Command, Option } from 'commander';
import { editDraft } from './editor.js';
import { formatPatchRange, gitConfig } from './git.js';
import { installHook } from './hook.js';
import { applyRuleFlags, loadSettings, type Settings } from './config.js';
import { kindOf, readSource, type Source } from './input.js';
import { findSite } from './site.js';
import { writeAtomic } from './output.js';
import { DEFAULT_POSTS_GLOB } from './patch.js';
import { reviewSource } from './pipeline.js';
import { terminalProgress } from './progress.js';
import { renderB4Check } from './render/b4-check.js';
import { renderCodeQuality } from './render/codequality.js';
import { renderGithub } from './render/github.js';
import { renderJson } from './render/json.js';
import { renderRdjsonl } from './render/rdjsonl.js';
import { renderSarif } from './render/sarif.js';
import { renderTerse } from './render/terse.js';
import { composeReply, type Reviewer } from './render/mail.js';
import { commentedPatches, renderText, wrap as wrapLines } from './render/text.js';
import { ruleFilePath, ruleInfos } from './render/rule-info.js';
import { readRuleDoc } from './rule-docs.js';
import { safeLine } from './safe-text.js';
import { InputError, type ReviewedInput, type Severity } from './types.js';

type FailLevel = Severity | 'none';
const RANK: Record<FailLevel, number> = { info: 1, warning: 2, error: 3, none: Infinity };
const FORMATS = ['text', 'json', 'mail', 'sarif', 'codequality', 'github', 'rdjsonl', 'terse', 'b4-check'] as const;
type Format = (typeof FORMATS)[number];

interface CliOptions {
  format: Format;
  posts?: string;
  config?: string | false;
  rule: string[];
  site?: string;
  failLevel?: FailLevel;
  color: boolean;
  reply?: string;
  from?: string;
  edit?: boolean;
  hook?: string;
  range?: string;
  listRules?: boolean;
  explain?: string;
  output?: string;
}

const EXAMPLES = `
Examples:
  $ review-post fixtures/osv-virtio-fs-v1.mbox       review a mailed patch
  $ review-post v2-*.patch                             several files in one call
  $ git format-patch -1 --stdout | review-post -       a patch on stdin
  $ review-post _posts/2020-11-04-osv-virtio-fs.md     a post on disk, reviewed whole
  $ review-post --format json patch.mbox               findings for other tools
  $ review-post --format mail patch.mbox               the reply mail, on stdout
  $ review-post --reply review.eml patch.mbox          the reply mail, ready for git send-email
  $ review-post --reply review.eml --edit patch.mbox   the same, edited in $VISUAL/$EDITOR first
  $ review-post --reply r.eml --from 'A <a@b.org>' p.mbox   another reviewer than git config's
  $ review-post --range origin/master..HEAD            the commits of a merge request
  $ review-post --output report.json --format json -   a report written atomically
  $ review-post --posts 'content/**/*.md' patch.mbox   a site that keeps posts elsewhere
  $ review-post --site ~/qemu-web patch.mbox           check links and images against a checkout
  $ review-post --config ci/review.json patch.mbox     this config file, not the nearest one
  $ review-post --no-config patch.mbox                 the built-in defaults only
  $ review-post --rule usage-pointer=off patch.mbox    tune one rule (repeatable)
  $ review-post --fail-level error patch.mbox          exit 1 only for errors
  $ review-post --hook .git/0001-new-post.patch        what the sendemail-validate hook runs
  $ review-post install-hook                           install that hook in this repository
  $ review-post --format sarif --output r.sarif -      SARIF 2.1.0 for code scanning
  $ review-post --format codequality --range A..B     GitLab Code Quality report
  $ review-post --format github --range A..B          GitHub workflow annotations
  $ review-post --format rdjsonl patch.mbox           reviewdog's rdjsonl
  $ review-post --format terse -                      path:line: LEVEL:rule: message (b4)
  $ review-post --format b4-check -                   b4's review check JSON
  $ review-post --list-rules                           the rules and their severities
  $ review-post --explain no-rhetorical-question       one rule's documentation
  $ review-post --no-color patch.mbox                  no colours, even in a terminal
  $ NO_COLOR=1 review-post patch.mbox                  the same (and none when piped)

Exit status: 0 no findings at or above the fail level, 1 findings, 2 bad usage
or input that cannot be read as mail or Markdown.`;

function colours(enabled: boolean): ChalkInstance {
  // chalk honours FORCE_COLOR and a terminal on stdout; NO_COLOR is ours to honour.
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '' && process.env.FORCE_COLOR === undefined;
  return new Chalk({ level: enabled && !noColor ? chalk.level : 0 });
}

function worst(inputs: ReviewedInput[]): number {
  let rank = 0;
  for (const input of inputs)
    for (const patch of input.patches)
      for (const post of patch.posts) for (const f of post.findings) rank = Math.max(rank, RANK[f.severity]);
  return rank;
}

function note(line: string): void {
  process.stderr.write(`review-post: ${safeLine(line)}\n`);
}

// An archive may skip 100,000 messages: name a few, count the rest.
const SKIPS_SHOWN = 5;

/** The first `shown` reasons; `unlisted` more were only counted. */
function atMost(reasons: string[], shown: number, unlisted = 0): string[] {
  if (reasons.length <= shown && unlisted === 0) return reasons;
  const more = Math.max(0, reasons.length - shown) + unlisted;
  return [...reasons.slice(0, shown), `and ${more.toLocaleString('en-US')} more`];
}

/** Say on stderr what was not reviewed: one line for the quiet skips, one per damaged message. */
function reportSkips(input: ReviewedInput): boolean {
  const all = [
    ...input.skipped,
    ...input.patches.flatMap((p) => p.patch.skipped.map((s) => ({ ...s, reason: `"${p.patch.subject || 'no subject'}": ${s.reason}` }))),
  ];
  const quiet = all.filter((s) => !s.damaged).map((s) => s.reason);
  if (quiet.length > 0) note(`${input.source}: skipped ${atMost(quiet, SKIPS_SHOWN, input.unlistedSkips).join('; ')}`);
  const damaged = all.filter((s) => s.damaged).map((s) => s.reason);
  for (const reason of atMost(damaged, SKIPS_SHOWN)) note(`${input.source}: ${reason}`);
  return damaged.length > 0;
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

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function report(inputs: ReviewedInput[], format: Format, failLevel: FailLevel, mails: string[], color: boolean): string {
  switch (format) {
    case 'text':
      return renderText(inputs, colours(color));
    case 'json':
      return renderJson(inputs);
    case 'mail':
      return mails.join('\n');
    case 'sarif':
      return renderSarif(inputs, ruleInfos(), { toolVersion: version() });
    case 'codequality':
      return renderCodeQuality(inputs);
    case 'github':
      return renderGithub(inputs);
    case 'rdjsonl':
      return renderRdjsonl(inputs);
    case 'terse':
      return renderTerse(inputs);
    case 'b4-check':
      return renderB4Check(inputs, failLevel);
  }
}

function listRules(): string {
  const infos = ruleInfos();
  const width = Math.max(...infos.map((r) => r.id.length));
  return infos.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.shortDescription}`).join('\n') + '\n';
}

function explain(id: string): string {
  const info = ruleInfos().find((r) => r.id === id.replace(/^review-post:/, ''));
  if (!info) throw new InputError(`--explain ${id}: not a rule (see review-post --list-rules)`);
  const doc = readRuleDoc(ruleFilePath(info.id));
  const examples = doc.examples.map((e) => {
    const title = e.label === 'output' ? `${e.name}, what review-post says (line:column-line:column):` : `${e.name}:`;
    return `${title}\n\n${e.body.replace(/^(?=.)/gm, '    ')}`;
  });
  return `${info.id} (default: ${info.severity})\n\n${wrap(info.fullDescription)}\n\n${examples.join('\n')}`;
}

function wrap(text: string): string {
  return text
    .split('\n\n')
    .map((p) => wrapLines(p).join('\n'))
    .join('\n\n');
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

async function run(files: string[], options: CliOptions, program: Command): Promise<number> {
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
  const progress = terminalProgress();
  let failLevel: FailLevel = options.failLevel ?? 'warning';
  for (const source of sources) {
    const settings = settingsFor(source, options);
    failLevel = options.failLevel ?? settings.failLevel ?? failLevel;
    const siteDir = options.site ?? findSite(process.cwd(), settings);
    const onProgress = progress?.listener(source.name);
    inputs.push(await reviewSource(source, { settings, ...(siteDir ? { siteDir } : {}), ...(onProgress ? { onProgress } : {}) }));
    progress?.clear();
  }
  const failing = worst(inputs) >= RANK[failLevel];

  if (options.hook) {
    // Cover letters and mails without a post pass silently: git runs the hook on each.
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
      writeAtomic(path, mail, named);
      note(`wrote ${path}`);
    });
  }
  const out = report(inputs, options.format, failLevel, mails, options.color && !options.output);
  if (options.output) writeAtomic(options.output, out, named);
  else if (!options.reply || options.format !== 'text') process.stdout.write(out);
  if (damaged) return 2;
  return failing ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = new Command()
    .name('review-post')
    .description('Review blog posts mailed as patches, the way a list maintainer answers them: an inline review.')
    .argument('[files...]', 'mbox, .eml or .patch files, Markdown posts, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--reply <file>', 'write the review as a reply mail, ready for git send-email')
    .option('--from <mailbox>', 'the reviewer for --reply and --format mail (default: git config user.name/user.email)')
    .option('--edit', 'open the reply in $VISUAL or $EDITOR before writing it')
    .option('--range <A..B>', 'review the commits of this range of the current repository')
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--posts <glob>', `which files of a patch are posts (default from the config's preset: ${DEFAULT_POSTS_GLOB})`)
    .option('--site <dir>', "the website's checkout, to check links and images against (default: found from here)")
    .option('--config <file>', 'use this config file instead of looking for one')
    .option('--no-config', 'ignore config files: the built-in defaults only')
    .option('--rule <id=level>', 'set a rule to off, info, warning or error (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .addOption(
      new Option('--fail-level <level>', 'exit 1 when a finding is at or above this severity (default: warning)').choices([
        'error',
        'warning',
        'info',
        'none',
      ]),
    )
    .option('--hook <file>', 'sendemail-validate mode: findings on stderr, exit 1 to stop git send-email')
    .option('--no-color', 'no colours, whatever the terminal')
    .option('--list-rules', 'list the rules: id, default severity, what each flags')
    .option('--explain <rule>', "print a rule's documentation, with its examples")
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `review-post: ${s}` : s) })
    .action(async (files: string[], options: CliOptions) => {
      status = await run(files, options, program);
    });
  program
    .command('install-hook')
    .description('install a sendemail-validate hook that runs review-post before git send-email')
    .option('--force', 'replace a hook that review-post did not write')
    .action((options: { force?: boolean }) => {
      const { path, replaced } = installHook(options);
      process.stdout.write(
        `${replaced ? 'Replaced' : 'Installed'} ${path}\n` +
          'git send-email now reviews each post before sending; a finding stops the send.\n' +
          `Bypass once: git send-email --no-validate ...   Remove: rm ${path}\n`,
      );
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as { exitCode?: number }).exitCode;
    if (code === undefined) throw error;
    return code === 0 ? 0 : 2;
  }
  return status;
}

function fail(error: unknown): number {
  if (error instanceof InputError) {
    note(error.message);
  } else {
    // A bug of ours: still one line, with the stack only on request.
    note(`internal error: ${(error as Error)?.message ?? String(error)}`);
    if (process.env.REVIEW_POST_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
  }
  return 2;
}

/** Run the command on `argv` in this process: its exit status, pipe errors handled. */
export function runCommand(argv: string[]): void {
  // `review-post ... | head` closes the pipe early: that is not an error to report.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = fail(error);
    },
  );
}
