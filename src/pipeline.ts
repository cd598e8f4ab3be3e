// The spine: from one input to its reviewed posts, stage by stage, each stage
// a folder of src/ that imports only the ones below it:
//
//   mail/     read the input, split an mbox, decode each message
//   patch/    read the patch: commit message, diff, files, the posts it adds
//   lint/     lint each post with the rules (rules/, their kit in rules/kit/)
//   here      keep the findings on lines the patch adds
//   quote.ts  decide what the inline review quotes (plain data)
//   render/   print it in the format asked for
//   cli/      the command around it all; config/ gives each input its settings
//
// core/ holds what every stage shares: the types, the severity ranking, the
// limits on input, safe text for the terminal.

import { defaultSettings, type Settings } from './config/settings.js';
import { capFindings, cutLongMarkdown, degradeMarkdown, MAX_FINDINGS_PER_RULE, MAX_MESSAGE_BYTES, markdownTooComplex, sizeText } from './core/limits.js';
import { SkipList } from './core/skip-list.js';
import { InputError, type Finding, type Patch, type Post, type ReviewedInput, type ReviewedPatch, type Skip } from './core/types.js';
import { lintPost, processorFor } from './lint/processor.js';
import { trailerIgnores } from './lint/suppress.js';
import { decodeMail } from './mail/decode.js';
import { kindOf, type Source } from './mail/input.js';
import { isOversized } from './mail/mbox.js';
import { messagesOf, type ProgressListener } from './mail/messages.js';
import { cannotCarryPatch } from './mail/prefilter.js';
import { markdownPatch } from './patch/markdown.js';
import { readDiff, readPatch } from './patch/read.js';
import type { SiteModel } from './rules/kit/context.js';

export interface ReviewOptions {
  /** The site's settings (rules, vocabulary, posts glob ...); the defaults when absent. */
  settings?: Settings;
  /** The website's checkout, for rules that check links and images against it. */
  siteDir?: string;
  /** What was learned of the site from its checkout. */
  site?: SiteModel;
  /** Told how far a streamed mbox has been read. */
  onProgress?: ProgressListener;
}

/**
 * A finding on lines the patch did not write is not the author's to fix here;
 * one on the commit message always is.
 */
function onAddedLines(finding: Finding, post: Post): boolean {
  if (finding.onCommitMessage) return true;
  for (let line = finding.line; line <= finding.endLine; line++) if (post.addedLines.has(line)) return true;
  return false;
}

/** One patch's posts linted, in the series it came in (the follow-up and the fixer review single patches). */
export async function reviewPosts(patch: Patch, series: Patch[], options: ReviewOptions): Promise<ReviewedPatch> {
  const settings = options.settings ?? defaultSettings();
  // `Review-post-ignore: rule-id` in the commit message silences a rule for this patch.
  const ignored = trailerIgnores(patch.trailers);
  const posts = [];
  const skipped: Skip[] = [];
  for (const post of patch.posts) {
    // A post longer than a review covers is reviewed up to a paragraph's end, not refused.
    const cut = cutLongMarkdown(post.content);
    // Checked before remark sees it: some shapes overflow its stack or cost
    // it time beyond bound whatever is left out, and a stranger's mail may hold them.
    const tooComplex = cut.refused ?? markdownTooComplex(cut.text);
    if (tooComplex) {
      skipped.push({ reason: `${post.path} was not reviewed: ${tooComplex}`, damaged: true });
      continue;
    }
    if (cut.note !== undefined) skipped.push({ reason: `in ${post.path} ${cut.note}` });
    // A paragraph that would cost the parser quadratic time is left out,
    // not the post: the rest is reviewed at its own lines, and a note says so.
    const degraded = degradeMarkdown(cut.text);
    if (degraded.note !== undefined) skipped.push({ reason: `in ${post.path} ${degraded.note}` });
    const context = {
      post,
      patch,
      series,
      settings,
      ...(options.siteDir ? { siteDir: options.siteDir } : {}),
      ...(options.site ? { site: options.site } : {}),
      ...(cut.cutAt !== undefined ? { reviewedUpTo: cut.cutAt - 1 } : {}),
    };
    // Rules build the findings the review keeps and count the rest.
    const budget = { most: MAX_FINDINGS_PER_RULE, addedLines: post.addedLines };
    const found = await lintPost(degraded.text, post.path, processorFor(settings), context, budget);
    const findings = capFindings(
      found.findings.filter((f) => onAddedLines(f, post) && !ignored.has(f.rule)),
      MAX_FINDINGS_PER_RULE,
      found.elided,
    );
    posts.push({ post, findings });
  }
  if (skipped.length === 0) return { patch, posts };
  return { patch: { ...patch, posts: posts.map((p) => p.post), skipped: [...patch.skipped, ...skipped] }, posts };
}

export async function reviewSource(source: Source, options: ReviewOptions = {}): Promise<ReviewedInput> {
  const kind = kindOf(source);
  const posts = { posts: (options.settings ?? defaultSettings()).posts };
  if (kind === 'markdown') {
    const patch = markdownPatch(source.name, source.data);
    return { source: source.name, patches: [await reviewPosts(patch, [patch], options)], skipped: [] };
  }
  if (kind === 'diff') {
    const patch = readDiff(source.data.toString('utf8'), posts);
    return { source: source.name, patches: [await reviewPosts(patch, [patch], options)], skipped: [] };
  }
  const series: Patch[] = [];
  const skips = new SkipList();
  let firstError: InputError | undefined;
  let unreadable = 0;
  let messages = 0;
  for await (const raw of messagesOf(source, options.onProgress)) {
    messages++;
    if (isOversized(raw)) {
      // Maybe a patch, maybe not: the user must hear of it, so it is reported as damaged.
      const error = new InputError(`message ${raw.index}: more than ${sizeText(MAX_MESSAGE_BYTES)}, too large to review`);
      unreadable++;
      firstError ??= error;
      skips.add({ reason: error.message, damaged: true });
      continue;
    }
    // Once no more reasons are kept, decoding a message that cannot carry a
    // patch would only count it: it is counted without.
    if (skips.full && cannotCarryPatch(raw.raw)) {
      skips.countUnlisted();
      continue;
    }
    let mail;
    try {
      mail = await decodeMail(raw);
    } catch (error) {
      // One unreadable message must not cost the review of the others.
      if (!(error instanceof InputError)) throw error;
      unreadable++;
      firstError ??= error;
      skips.add({ reason: error.message });
      continue;
    }
    const patch = readPatch(mail, posts);
    // Messages without a diff are noted for the input, not listed as patches.
    if (patch.hasDiff || patch.skipped.some((s) => s.damaged)) series.push(patch);
    else for (const s of patch.skipped) skips.add({ ...s, reason: `message ${raw.index} (${patch.subject || 'no subject'}): ${s.reason}` });
  }
  if (firstError && unreadable === messages) throw firstError;
  // The whole series is read before any post is linted: an image one patch
  // uses may come in another.
  const patches: ReviewedPatch[] = [];
  for (const patch of series) patches.push(await reviewPosts(patch, series, options));
  return { source: source.name, patches, skipped: skips.kept, ...(skips.unlisted > 0 ? { unlistedSkips: skips.unlisted } : {}) };
}
