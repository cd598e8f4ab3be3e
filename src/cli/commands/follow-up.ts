// `review-post follow-up OLD NEW [REVIEW ...]`: the earlier version, the later
// one and the replies to the earlier one in, the comments ticked off out (as
// text, or JSON for other tools); exit 1 while a comment is open or needs a
// look, or the later version has new findings at the fail level.

import { Command, Option } from 'commander';
import { fails, FAIL_LEVELS, type FailLevel } from '../../core/severity.js';
import { followUp, type FollowUpReport } from '../../follow-up/engine.js';
import { renderFollowUpJson, renderFollowUpText } from '../../follow-up/render.js';
import { readSource } from '../../mail/input.js';
import { writeAtomic } from '../output.js';
import { colours, reviewSetup } from '../run.js';

interface FollowUpOptions {
  format: 'text' | 'json';
  output?: string;
  config?: string | false;
  rule: string[];
  posts?: string;
  site?: string;
  failLevel?: FailLevel;
  color: boolean;
}

const EXAMPLES = `
Examples:
  $ review-post follow-up v1.mbox v2.mbox review.eml        the review's comments, ticked off on v2
  $ review-post follow-up thread.mbox                       v1, the replies and v2 in one mbox (b4 mbox)
  $ review-post follow-up v1.mbox v2.mbox                   review-post's own findings on v1, checked on v2
  $ review-post follow-up --format json v1.eml v2.eml r.eml for other tools

Exit status: 0 every comment addressed and no new finding, 1 comments open or
to check (or new findings at the fail level), 2 bad usage or input.`;

function failing(report: FollowUpReport, level: FailLevel): boolean {
  return report.comments.some((c) => c.status !== 'addressed') || report.newFindings.some((f) => fails(f.severity, level));
}

/** The subcommand, its action setting `status`; the main command adds it. */
export function followUpCommand(setStatus: (status: number) => void): Command {
  return new Command('follow-up')
    .description('check a new version of a post patch against the review of the earlier one')
    .argument('<old>', 'the earlier version (mbox, .eml, .patch, Markdown), or a thread mbox holding both versions and the replies')
    .argument('[new]', 'the later version')
    .argument('[reviews...]', 'replies to the earlier version (.eml or mbox; a whole thread works too)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--posts <glob>', 'which files of a patch are posts (default from the config)')
    .option('--site <dir>', "the website's checkout, to check links and images against")
    .option('--config <file>', 'use this config file instead of looking for one')
    .option('--no-config', 'ignore config files: the built-in defaults only')
    .option('--rule <id=level>', 'set a rule to off, info, warning or error (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .addOption(new Option('--fail-level <level>', 'exit 1 for new findings at or above this severity').choices(FAIL_LEVELS))
    .option('--no-color', 'no colours, whatever the terminal')
    .addHelpText('after', EXAMPLES)
    .action(async (old: string, next: string | undefined, reviews: string[], options: FollowUpOptions) => {
      const oldSource = await readSource(old);
      const newSource = next === undefined ? undefined : await readSource(next);
      const reviewSources = [];
      for (const name of reviews) reviewSources.push(await readSource(name));
      const { settings, review } = reviewSetup(newSource ?? oldSource, options);
      const report = await followUp({ old: oldSource, ...(newSource ? { new: newSource } : {}), reviews: reviewSources }, review);
      const out = options.format === 'json' ? renderFollowUpJson(report) : renderFollowUpText(report, colours(options.color && !options.output));
      if (options.output) writeAtomic(options.output, out, [old, ...(next ? [next] : []), ...reviews]);
      else process.stdout.write(out);
      setStatus(failing(report, options.failLevel ?? settings.failLevel ?? 'warning') ? 1 : 0);
    });
}
