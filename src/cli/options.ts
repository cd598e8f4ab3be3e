// The main command's options and the help text around them, as commander
// reads them: what a user can ask for, in one place.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { safeLine } from '../core/safe-text.js';
import { FAIL_LEVELS, type FailLevel } from '../core/severity.js';
import { FORMAT_NAMES, type Format } from '../render/index.js';

/** The options as commander gives them to the action. */
export interface CliOptions {
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
  stdinFilename?: string;
  quiet?: boolean;
  maxWarnings?: number;
  fix?: boolean;
  dryRun?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

const EXAMPLES = `
Examples:
  $ review-post fixtures/osv-virtio-fs-v1.mbox       review a mailed patch
  $ review-post v2-*.patch                             several files in one call
  $ review-post _posts/                                every post in a folder
  $ review-post '_posts/2024-*.md'                     a glob, quoted for review-post to expand
  $ git format-patch -1 --stdout | review-post -       a patch on stdin
  $ review-post _posts/2020-11-04-osv-virtio-fs.md     a post on disk, reviewed whole
  $ review-post --stdin-filename _posts/new.md - < draft.md   a post on stdin, by its name (editors)
  $ review-post --format json patch.mbox               findings for other tools
  $ review-post --format mail patch.mbox               the reply mail, on stdout
  $ review-post --reply review.eml patch.mbox          the reply mail, ready for git send-email
  $ review-post --reply review.eml --edit patch.mbox   the same, edited in $VISUAL/$EDITOR first
  $ review-post --reply r.eml --from 'A <a@b.org>' p.mbox   another reviewer than git config's
  $ review-post --range origin/master..HEAD            the commits of a merge request
  $ review-post --output report.json --format json -   a report written atomically
  $ review-post --posts 'content/**/*.md' patch.mbox   a site that keeps posts elsewhere
  $ review-post --site ~/qemu-web patch.mbox           judge by that checkout's habits
  $ review-post --cache --range origin/main..HEAD      learn the site once, reuse it next time
  $ review-post --cache-location .cache patch.mbox     the same, kept in .cache/
  $ review-post site                                   what review-post learned of this site
  $ review-post --config ci/review.json patch.mbox     this config file, not the nearest one
  $ review-post --no-config patch.mbox                 the built-in defaults only
  $ review-post --rule usage-pointer=off patch.mbox    tune one rule (repeatable)
  $ review-post --fail-level error patch.mbox          exit 1 only for errors
  $ review-post --max-warnings 5 _posts/               exit 1 for an error, or more than 5 warnings
  $ review-post --quiet archive.mbox                   no notes on what was skipped
  $ review-post --hook .git/0001-new-post.patch        what the sendemail-validate hook runs
  $ review-post install-hook                           install that hook in this repository
  $ review-post --format sarif --output r.sarif -      SARIF 2.1.0 for code scanning
  $ review-post --format codequality --range A..B     GitLab Code Quality report
  $ review-post --format github --range A..B          GitHub workflow annotations
  $ review-post --format rdjsonl patch.mbox           reviewdog's rdjsonl
  $ review-post --format terse -                      path:line: LEVEL:rule: message (b4)
  $ review-post --format b4-check -                   b4's review check JSON
  $ review-post --fix _posts/2020-11-04-osv.md         make the certain fixes in place
  $ review-post --fix --dry-run post.md                the fixes as a unified diff, nothing written
  $ review-post --fix --output v2.patch v1.mbox        the next version of the patch, fixed
  $ review-post follow-up v1.mbox v2.mbox review.eml   the review's comments, ticked off on v2
  $ review-post --list-rules                           the rules and their severities
  $ review-post --explain no-rhetorical-question       one rule's documentation
  $ review-post --no-color patch.mbox                  no colours, even in a terminal
  $ NO_COLOR=1 review-post patch.mbox                  the same (and none when piped)
  $ review-post --version                              the version (also -V)

Files and folders that .review-postignore (gitignore syntax, the nearest from
here upwards) names are not reviewed.

Exit status: 0 no findings at or above the fail level, 1 findings, 2 bad usage
or input that cannot be read as mail or Markdown. With --reply or --format
mail: 0 a reply was written, 1 none was needed (no comments), 2 as above.`;

/** Commander's messages quote what was typed (`-f $'\e]0;x\a'`): safe line by line. */
function safeLines(text: string): string {
  return text.split('\n').map(safeLine).join('\n');
}

/** The main command with its options; the caller adds the action. */
export function reviewCommand(): Command {
  return new Command()
    .name('review-post')
    .description('Review blog posts mailed as patches, the way a list maintainer answers them: an inline review.')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .argument('[files...]', 'mbox, .eml or .patch files, Markdown posts, folders of them, quoted globs, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
    .option('--reply <file>', 'write the review as a reply mail, ready for git send-email')
    .option('--from <mailbox>', 'the reviewer for --reply and --format mail (default: git config user.name/user.email)')
    .option('--edit', 'open the reply in $VISUAL or $EDITOR before writing it')
    .option('--range <A..B>', 'review the commits of this range of the current repository')
    .option('--output <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--posts <glob>', "which files of a patch are posts (default: the site's posts folder, else the config's preset)")
    .option('--site <dir>', "the website's checkout, to learn its habits and check links and images against (default: found from here)")
    .option('--cache', 'keep what is learned of the site between runs, keyed on its posts')
    .option('--cache-location <dir>', 'where --cache keeps it (default: $XDG_CACHE_HOME/review-post or ~/.cache/review-post)')
    .option('--config <file>', 'use this config file instead of looking for one')
    .option('--no-config', 'ignore config files: the built-in defaults only')
    .option('--rule <id=level>', 'set a rule to off, info, warning or error (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .addOption(
      new Option('--fail-level <level>', 'exit 1 when a finding is at or above this severity (default: warning)').choices(FAIL_LEVELS),
    )
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings (errors fail the run in any case)', wholeNumber)
    .option('--stdin-filename <path>', 'the file stdin holds (its name decides its kind, config and post path)')
    .option('-q, --quiet', 'no notes on stderr about what was skipped or written; errors still show')
    .option('--fix', "make the certain fixes: a Markdown post in place, a patch mail's next version (--output v2.patch)")
    .option('--dry-run', 'with --fix: print the fixes as a unified diff, write nothing')
    .option('--hook <file>', 'sendemail-validate mode: findings on stderr, exit 1 to stop git send-email')
    .option('--no-color', 'no colours, whatever the terminal')
    .option('--list-rules', 'list the rules: id, default severity, what each flags')
    .option('--explain <rule>', "print a rule's documentation, with its examples")
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(safeLines(s.startsWith('error:') ? `review-post: ${s}` : s)) });
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('not a whole number of warnings (0 or more).');
  return Number(value);
}

/** The folder `--cache` keeps the site model in, or undefined without `--cache`. */
export function cacheDir(options: { cache?: boolean; cacheLocation?: string }): string | undefined {
  if (options.cache !== true && options.cacheLocation === undefined) return undefined;
  if (options.cacheLocation !== undefined) return options.cacheLocation;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'review-post');
}

/** This package's version, from its package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

