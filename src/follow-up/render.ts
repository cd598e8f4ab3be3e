// The follow-up printed: as a maintainer answers a resend (the attribution,
// then each comment on the earlier version with a short quote and whether it
// was addressed, is still open or needs a look, then the new findings on what
// the later version added, quoted inline), or as JSON for other tools.

import type { ChalkInstance } from 'chalk';
import { attribution } from '../quote.js';
import { safeJson, safeLine } from '../core/safe-text.js';
import { renderPatchReview, wrap } from '../render/text.js';
import type { CommentStatus, FollowUpReport } from './engine.js';

/** Lines of a comment quoted, at most; the rest is cut with `[...]`. */
const QUOTED_LINES = 3;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function count(comments: CommentStatus[]): Record<'addressed' | 'open' | 'unclear', number> {
  return {
    addressed: comments.filter((c) => c.status === 'addressed').length,
    open: comments.filter((c) => c.status === 'open').length,
    unclear: comments.filter((c) => c.status === 'unclear').length,
  };
}

/** In the order the author meets them: the commit message first, then down each post, reviewers before review-post. */
function inOrder(comments: CommentStatus[]): CommentStatus[] {
  const rank = (c: CommentStatus): number => (c.part === 'commit-message' ? 0 : 1);
  return [...comments].sort(
    (a, b) => rank(a) - rank(b) || (a.path ?? '').localeCompare(b.path ?? '') || (a.oldEndLine ?? 0) - (b.oldEndLine ?? 0) || (a.source === 'review' ? 0 : 1) - (b.source === 'review' ? 0 : 1),
  );
}

/** How the two versions are named: v1 and v2, or by their files when nothing numbers them apart (two Markdown files). */
function labels(report: FollowUpReport): { old: string; new: string } {
  const { old, new: next } = report;
  if (old.version !== next.version || old.source === next.source) return { old: `v${old.version}`, new: `v${next.version}` };
  const name = (source: string): string => source.split('/').pop() ?? source;
  return { old: name(old.source), new: name(next.source) };
}

function where(c: CommentStatus, version: string): string {
  if (c.oldLine === null) return '';
  const lines = c.oldEndLine !== null && c.oldEndLine !== c.oldLine ? `lines ${c.oldLine}-${c.oldEndLine}` : `line ${c.oldLine}`;
  return c.part === 'commit-message' ? ` on ${version}'s commit message` : ` on ${version} ${lines}`;
}

const STATUS_WORD = { addressed: 'gone', open: 'still there', unclear: 'to check' } as const;

/** A finding of review-post's on lines a reviewer's comment is about: told in one line under it. */
function covers(c: CommentStatus, f: CommentStatus): boolean {
  return c.part === f.part && c.path === f.path && c.oldLine !== null && f.oldLine !== null && f.oldLine >= c.oldLine && f.oldLine <= (c.oldEndLine ?? c.oldLine);
}

function nameOf(mailbox: string): string {
  return mailbox.replace(/\s*<[^>]*>$/, '') || mailbox;
}

/** A stranger's text as a short quote: a few wrapped lines, `[...]` for the rest. */
function quoted(text: string, color: ChalkInstance): string[] {
  const lines = wrap(safeLine(text.replace(/\s+/g, ' ')), 70);
  const shown = lines.slice(0, QUOTED_LINES).map((l) => color.dim('> ') + l);
  if (lines.length > QUOTED_LINES) shown.push(color.dim('> [...]'));
  return shown;
}

function commentBlock(c: CommentStatus, report: FollowUpReport, color: ChalkInstance, alongside: CommentStatus[]): string[] {
  const who = c.source === 'review' ? nameOf(c.reviewer) : 'review-post';
  const shown = quoted(c.comment, color);
  const at = c.newLine !== null && c.part === 'post' ? ` (line ${c.newLine})` : '';
  const out = [`${safeLine(who)}${where(c, safeLine(labels(report).old))}:`, ...shown, ''];
  switch (c.status) {
    case 'addressed':
      out.push(`${color.green('Addressed')}: ${safeLine(c.evidence)}${at}.`);
      break;
    case 'open':
      out.push(`${color.red('Still open')}${at}: ${safeLine(c.evidence)}.`, ...c.newText.map((l) => color.dim('> ') + safeLine(l)));
      break;
    case 'unclear':
      out.push(`${color.yellow('Changed, please check')}${at}: ${safeLine(c.evidence)}.`, ...c.newText.map((l) => color.dim('> ') + safeLine(l)));
      break;
  }
  for (const f of alongside) out.push(color.dim(`review-post's ${safeLine(f.rule ?? 'finding')} there: ${STATUS_WORD[f.status]}.`));
  return out;
}

/** The follow-up as a maintainer writes it to the author of the later version. */
export function renderFollowUpText(report: FollowUpReport, color: ChalkInstance): string {
  const { old, new: next } = report;
  const name = { old: safeLine(labels(report).old), new: safeLine(labels(report).new) };
  const out = [safeLine(attribution(nameOf(next.from), next.dateHeader)), color.dim('> ') + safeLine(next.subject), ''];
  const reviewers = [...new Set(report.reviews.map((r) => nameOf(r.reviewer)))];
  const against = reviewers.length > 0 ? ` and the review${reviewers.length > 1 ? 's' : ''} by ${reviewers.join(', ')}` : '';
  out.push(...wrap(`Compared with ${name.old} (${safeLine(old.subject)})${safeLine(against)}:`), '');
  for (const remark of report.remarks) {
    const who = safeLine(nameOf(remark.reviewer));
    if (remark.kind === 'trailer') out.push(`${who} gave ${safeLine(remark.text)}${remark.inNew ? '' : `, not yet in ${name.new}`}.`, '');
    else if (remark.kind === 'top-posting') out.push(`${who} wrote above the quote:`, ...quoted(remark.text, color), '');
  }
  const ordered = inOrder(report.comments);
  // Each finding of review-post's goes under the first reviewer comment about its line, if any.
  const owned = new Map<CommentStatus, CommentStatus[]>();
  const placed = new Set<CommentStatus>();
  for (const f of ordered.filter((c) => c.source === 'review-post')) {
    const owner = ordered.find((c) => c.source === 'review' && covers(c, f));
    if (!owner) continue;
    owned.set(owner, [...(owned.get(owner) ?? []), f]);
    placed.add(f);
  }
  for (const c of ordered) if (!placed.has(c)) out.push(...commentBlock(c, report, color, owned.get(c) ?? []), '');
  const fresh = report.newReview.filter((r) => r.posts.some((p) => p.findings.length > 0));
  if (fresh.length > 0) {
    out.push(`New in ${name.new}:`, '');
    for (const reviewed of fresh) out.push(...renderPatchReview(reviewed, color).slice(1), '');
  }
  const theirs = count(report.comments.filter((c) => c.source === 'review'));
  const ours = count(report.comments.filter((c) => c.source === 'review-post'));
  const reviewed = theirs.addressed + theirs.open + theirs.unclear;
  const found = ours.addressed + ours.open + ours.unclear;
  const parts = [
    reviewed > 0
      ? `${plural(reviewed, 'review comment')}: ${theirs.addressed} addressed, ${theirs.open} still open, ${theirs.unclear} to check`
      : 'no review comments',
    `${plural(found, 'review-post finding')} on ${name.old}: ${ours.addressed} gone, ${ours.open} still there`,
    `${plural(report.newFindings.length, 'new finding')} in ${name.new}`,
  ];
  out.push(color.bold(`${parts.join('; ')}.`));
  return `${out.join('\n')}\n`;
}

/** `--format json`: one object; fields may be added, none changed. */
export function renderFollowUpJson(report: FollowUpReport): string {
  const { newReview: _inline, ...data } = report;
  const theirs = count(report.comments.filter((c) => c.source === 'review'));
  const ours = count(report.comments.filter((c) => c.source === 'review-post'));
  return `${safeJson({ version: 1, ...data, summary: { review: theirs, reviewPost: ours, newFindings: report.newFindings.length } })}\n`;
}
