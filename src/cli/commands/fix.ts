// `--fix`: the certain fixes made. A Markdown post is rewritten in place
// (atomically, its mode and line ends kept; `--output` writes elsewhere), a
// patch mail becomes its next version (`--output v2.patch`, else stdout);
// `--dry-run` prints the unified diff and writes nothing. What is not
// certain stays a finding: exit 1 when findings at the fail level remain.

import { safeLine } from '../../core/safe-text.js';
import { fails, type FailLevel } from '../../core/severity.js';
import { InputError, type Finding } from '../../core/types.js';
import { fixPost, type FixResult } from '../../fix/fix-post.js';
import { withLineEnds } from '../../fix/line-ends.js';
import { nextSeries } from '../../fix/series.js';
import { unifiedDiff } from '../../fix/unified.js';
import { isPostPatch, readThread } from '../../follow-up/thread.js';
import { kindOf, readSource, type Source } from '../../mail/input.js';
import { markdownPatch } from '../../patch/markdown.js';
import type { ReviewOptions } from '../../pipeline.js';
import { formatPatchRange } from '../git.js';
import { expandInputs } from '../inputs.js';
import { note } from '../notes.js';
import { packageVersion, type CliOptions } from '../options.js';
import { rewriteFile, writeAtomic } from '../output.js';
import { reviewSetup } from '../run.js';

function fixedLines(result: FixResult): string[] {
  return result.applied.map((a) => `${result.path}:${a.line}: fixed ${a.rule}: "${a.before}" -> "${a.after}"`);
}

function summary(results: FixResult[]): string {
  const fixed = results.reduce((n, r) => n + r.applied.length, 0);
  const left = results.reduce((n, r) => n + r.remaining.length, 0);
  return `${fixed} fix${fixed === 1 ? '' : 'es'} made; ${left} finding${left === 1 ? '' : 's'} left for the author`;
}

/** Fix a Markdown file; its text, fixed, with its own line ends. */
async function fixMarkdown(source: Source, review: ReviewOptions): Promise<{ result: FixResult; text: string }> {
  const patch = markdownPatch(source.name, source.data);
  const result = await fixPost(patch, patch.posts[0]!, [patch], review);
  return { result, text: withLineEnds(source.data.toString('utf8'), result.fixed) };
}

function failing(findings: Finding[], level: FailLevel): boolean {
  return findings.some((f) => fails(f.severity, level));
}

export async function runFix(files: string[], options: CliOptions): Promise<number> {
  if (options.reply || options.hook || options.format !== 'text') {
    throw new InputError('--fix writes the fixed post or the next patch; it does not go with --reply, --hook or --format');
  }
  const sources: Source[] = [];
  if (options.range) sources.push({ name: options.range, data: formatPatchRange(options.range) });
  // Folders, globs and the ignore file as for a review.
  for (const name of expandInputs(files).paths) sources.push(await readSource(name));
  if (sources.length === 0) throw new InputError('--fix: name the post or the patch mail to fix');
  if (options.output && sources.length > 1) throw new InputError('--fix --output takes one input');

  let failLevel: FailLevel = options.failLevel ?? 'warning';
  const all: FixResult[] = [];
  const report: string[] = [];
  let toStdout = false;
  for (const source of sources) {
    const { settings, review } = reviewSetup(source, options);
    failLevel = options.failLevel ?? settings.failLevel ?? failLevel;
    const { siteDir } = review;
    if (kindOf(source) === 'markdown') {
      const { result, text } = await fixMarkdown(source, review);
      all.push(result);
      if (options.dryRun) {
        process.stdout.write(unifiedDiff(result.original, result.fixed, `a/${source.name.replace(/^\/+/, '')}`, `b/${source.name.replace(/^\/+/, '')}`));
        continue;
      }
      report.push(...fixedLines(result));
      if (options.output) writeAtomic(options.output, text, [source.name]);
      else if (source.name === '<stdin>') {
        process.stdout.write(text);
        toStdout = true;
      } else if (result.applied.length > 0) rewriteFile(source.name, text);
      continue;
    }
    const messages = await readThread(source, settings.posts);
    if (!messages.some(isPostPatch)) throw new InputError(`${source.name}: no patch that adds or changes a post`);
    const { results, mails, notes } = await nextSeries(messages, review, { toolVersion: packageVersion(), ...(siteDir ? { siteDir } : {}) });
    all.push(...results);
    for (const n of notes) note(n);
    if (options.dryRun) {
      for (const r of results) process.stdout.write(unifiedDiff(r.original, r.fixed, `a/${r.path}`, `b/${r.path}`));
      continue;
    }
    report.push(...results.flatMap(fixedLines));
    if (results.every((r) => r.applied.length === 0)) {
      note(`${source.name}: nothing to fix with certainty; no next version written`);
      continue;
    }
    if (options.output) {
      writeAtomic(options.output, mails.join('\n'), [source.name]);
      report.push(`wrote ${options.output}`);
    } else {
      process.stdout.write(mails.join('\n'));
      toStdout = true;
    }
  }
  if (!options.dryRun) {
    // The fixed text on stdout keeps it clean: what changed goes to stderr then.
    const lines = [...report, summary(all)].map(safeLine);
    if (toStdout) for (const l of lines) note(l);
    else process.stdout.write(`${lines.join('\n')}\n`);
  }
  return failing(all.flatMap((r) => r.remaining), failLevel) ? 1 : 0;
}
