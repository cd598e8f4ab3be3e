#!/usr/bin/env node
// The command line: options in, review out, and an exit status CI can use.

import chalk, { Chalk, type ChalkInstance } from 'chalk';
import { Command, Option } from 'commander';
import { readSource } from './input.js';
import { DEFAULT_POSTS_GLOB } from './patch.js';
import { reviewSource } from './pipeline.js';
import { renderJson } from './render/json.js';
import { renderText } from './render/text.js';
import { safeLine } from './safe-text.js';
import { InputError, type ReviewedInput, type Severity } from './types.js';

type FailLevel = Severity | 'none';
const RANK: Record<FailLevel, number> = { info: 1, warning: 2, error: 3, none: Infinity };

interface CliOptions {
  format: 'text' | 'json';
  posts: string;
  failLevel: FailLevel;
  color: boolean;
}

const EXAMPLES = `
Examples:
  $ review-post fixtures/osv-virtio-fs-v1.mbox       review a mailed patch
  $ review-post v2-*.patch                             several files in one call
  $ git format-patch -1 --stdout | review-post -       a patch on stdin
  $ review-post _posts/2020-11-04-osv-virtio-fs.md     a post on disk, reviewed whole
  $ review-post --format json patch.mbox               findings for other tools
  $ review-post --posts 'content/**/*.md' patch.mbox   a site that keeps posts elsewhere
  $ review-post --fail-level error patch.mbox          exit 1 only for errors
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

/** Say on stderr what was not reviewed: one line for the quiet skips, one per damaged message. */
function reportSkips(input: ReviewedInput): boolean {
  const all = [
    ...input.skipped,
    ...input.patches.flatMap((p) => p.patch.skipped.map((s) => ({ ...s, reason: `"${p.patch.subject || 'no subject'}": ${s.reason}` }))),
  ];
  const quiet = all.filter((s) => !s.damaged).map((s) => s.reason);
  if (quiet.length > 0) note(`${input.source}: skipped ${quiet.join('; ')}`);
  const damaged = all.filter((s) => s.damaged);
  for (const skip of damaged) note(`${input.source}: ${skip.reason}`);
  return damaged.length > 0;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('review-post')
    .description('Review blog posts mailed as patches, the way a list maintainer answers them: an inline review.')
    .argument('<files...>', 'mbox, .eml or .patch files, Markdown posts, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--posts <glob>', 'which files of a patch are posts', DEFAULT_POSTS_GLOB)
    .addOption(
      new Option('--fail-level <level>', 'exit 1 when a finding is at or above this severity')
        .choices(['error', 'warning', 'info', 'none'])
        .default('warning'),
    )
    .option('--no-color', 'no colours, whatever the terminal')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `review-post: ${s}` : s) });

  try {
    program.parse(argv);
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const options = program.opts<CliOptions>();
  const inputs: ReviewedInput[] = [];
  for (const name of program.args) inputs.push(await reviewSource(await readSource(name), { posts: options.posts }));
  if (inputs.every((i) => i.patches.length === 0)) {
    throw new InputError(`no patch in ${inputs.map((i) => i.source).join(', ')}`);
  }
  let damaged = false;
  for (const input of inputs) damaged = reportSkips(input) || damaged;
  process.stdout.write(options.format === 'json' ? renderJson(inputs) : renderText(inputs, colours(options.color)));
  if (damaged) return 2;
  return worst(inputs) >= RANK[options.failLevel] ? 1 : 0;
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

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = fail(error);
  },
);
