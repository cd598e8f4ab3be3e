// The command line: options in, review out, and an exit status CI can use.
// Importing it has no effect: src/cli.ts (or the bundle, src/bin.cts) runs it.

import { safeLine } from '../core/safe-text.js';
import { InputError } from '../core/types.js';
import { runFix } from './commands/fix.js';
import { followUpCommand } from './commands/follow-up.js';
import { installHook } from './hook.js';
import { note } from './notes.js';
import { reviewCommand, type CliOptions } from './options.js';
import { run } from './run.js';
import { addSiteCommand } from './commands/site.js';

export async function main(argv: string[]): Promise<number> {
  let status = 0;
  const program = reviewCommand()
    // Options after a subcommand's name are its own (follow-up has its own --format).
    .enablePositionalOptions()
    .action(async (files: string[], options: CliOptions) => {
      if (options.dryRun && !options.fix) program.error('error: --dry-run goes with --fix', { exitCode: 2 });
      status = options.fix ? await runFix(files, options) : await run(files, options, program);
    });
  program
    .command('install-hook')
    .description('install a sendemail-validate hook that runs review-post before git send-email')
    .option('--force', 'replace a hook that review-post did not write')
    .action((options: { force?: boolean }) => {
      const { replaced, ...installed } = installHook(options);
      // The path is the repository's: a folder name may hold control characters.
      const path = safeLine(installed.path);
      process.stdout.write(
        `${replaced ? 'Replaced' : 'Installed'} ${path}\n` +
          'git send-email now reviews each post before sending; a finding stops the send.\n' +
          `Bypass once: git send-email --no-validate ...   Remove: rm ${path}\n`,
      );
    });

  program.addCommand(
    followUpCommand((code) => {
      status = code;
    }).copyInheritedSettings(program),
  );
  addSiteCommand(program, (code) => {
    status = code;
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
  // `review-post ... | head` closes the pipe early: that is not an error to
  // report. Any other write error (a full disk: ENOSPC) is one line, exit 2.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (stream === process.stdout) {
        try {
          note(`the output cannot be written: ${error.message.split('\n')[0]}`);
        } catch {
          // stderr is gone too: the exit status says it.
        }
      }
      process.exit(2);
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
