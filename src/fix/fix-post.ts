// `--fix` on one post: review it, make the certain edits that can go together
// (edits.ts), review the result, and again, until nothing is left to fix
// (at most ten passes, as ESLint does). A fix whose finding is still there
// after it is taken back and not tried again, so the fixed post, reviewed
// again, has none of the fixed findings left.

import type { Finding, Patch, Post } from '../core/types.js';
import { reviewPosts, type ReviewOptions } from '../pipeline.js';
import { applyEdits, chooseFixes, fixKey, shifted, type ChosenFix, type OffsetEdit } from './edits.js';

const MAX_PASSES = 10;

export interface AppliedFix {
  rule: string;
  message: string;
  /** 1-based line of the finding in the post as it was then (the first pass: the original). */
  line: number;
  /** The text replaced and what replaced it, as one line each (for the changelog). */
  before: string;
  after: string;
}

export interface FixResult {
  path: string;
  original: string;
  fixed: string;
  applied: AppliedFix[];
  /** The findings of the fixed post. */
  remaining: Finding[];
}

/** The post with new content: an added post is added whole again; a changed post keeps its lines (its edits keep them). */
export function withContent(post: Post, content: string): Post {
  if (post.status !== 'added') return { ...post, content };
  const lines = content.split('\n');
  if (content.endsWith('\n')) lines.pop();
  return {
    ...post,
    content,
    hunks: [{ header: `@@ -0,0 +1,${lines.length} @@`, lines: lines.map((text, i) => ({ text: `+${text}`, kind: 'add' as const, newLine: i + 1 })) }],
    addedLines: new Set(lines.map((_, i) => i + 1)),
  };
}

function offsetLine(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Edits closer than this (in characters) are told as one change. */
const NEAR_EDITS = 40;
/** A change told longer than this is cut. */
const TOLD = 80;

function told(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > TOLD ? `${one.slice(0, TOLD - 1).trimEnd()}…` : one;
}

/**
 * What a fix changes, on one line each side, widened to whole words (and the
 * word after a deletion) so that "based of off" -> "based on" and "the the"
 * -> "the" read as changes; edits far apart (a link rewritten in three
 * places) are told by the first, with how many more there are.
 */
function described(text: string, edits: OffsetEdit[]): { before: string; after: string } {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const group = [sorted[0]!];
  for (const e of sorted.slice(1)) if (e.start - group[group.length - 1]!.end <= NEAR_EDITS) group.push(e);
  let from = group[0]!.start;
  let to = group[group.length - 1]!.end;
  while (from > 0 && /\S/.test(text[from - 1]!)) from--;
  while (to < text.length && /\S/.test(text[to]!)) to++;
  if (group.every((e) => e.text === '')) {
    while (to < text.length && /\s/.test(text[to]!)) to++;
    while (to < text.length && /\S/.test(text[to]!)) to++;
  }
  const slice = text.slice(from, to);
  const after = applyEdits(slice, group.map((e) => ({ ...e, start: e.start - from, end: e.end - from })));
  const more = sorted.length - group.length;
  return { before: told(slice), after: `${told(after)}${more > 0 ? ` (and ${more} more edit${more === 1 ? '' : 's'})` : ''}` };
}

/**
 * Whether an edit lies on lines the patch writes: any for a post added whole,
 * for a changed post only within its added lines and keeping the line breaks
 * (its other lines are not in the mail, so its hunks must keep their shape).
 */
function writableIn(post: Post, text: string): (edit: OffsetEdit) => boolean {
  if (post.status === 'added') return () => true;
  return (edit) => {
    if (edit.text.includes('\n') || text.slice(edit.start, edit.end).includes('\n')) return false;
    return post.addedLines.has(offsetLine(text, edit.start));
  };
}

/** Fix one post of a patch (a Markdown file given directly is a pseudo-patch). */
export async function fixPost(patch: Patch, post: Post, series: Patch[], options: ReviewOptions): Promise<FixResult> {
  const refused = new Set<string>();
  const applied: AppliedFix[] = [];
  let current = post;
  const review = async (p: Post): Promise<Finding[]> => {
    const reviewed = await reviewPosts({ ...patch, posts: [p] }, series.map((s) => (s === patch ? { ...patch, posts: [p] } : s)), options);
    return reviewed.posts[0]?.findings ?? [];
  };
  let findings = await review(current);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const text = current.content;
    let chosen = chooseFixes(text, findings, { writable: writableIn(current, text), refused });
    if (chosen.length === 0) break;
    let next: Post | undefined;
    let after: Finding[] = [];
    // A fix whose finding is still there where it was is taken back.
    while (chosen.length > 0) {
      const edits = chosen.flatMap((c) => c.edits);
      next = withContent(current, applyEdits(text, edits));
      after = await review(next);
      const stayed = chosen.filter((c) => stillThere(c, text, edits, after, next!.content));
      if (stayed.length === 0) break;
      for (const c of stayed) refused.add(fixKey(text, c));
      chosen = chosen.filter((c) => !stayed.includes(c));
      next = undefined;
    }
    if (!next || chosen.length === 0) break;
    for (const c of chosen) applied.push({ rule: c.finding.rule, message: c.finding.message, line: c.finding.line, ...described(text, c.edits) });
    current = next;
    findings = after;
  }
  return { path: post.path, original: post.content, fixed: current.content, applied, remaining: findings };
}

/** The same finding (rule and message) at the place the fix's first edit moved to. */
function stillThere(fix: ChosenFix, text: string, edits: OffsetEdit[], after: Finding[], fixed: string): boolean {
  const first = Math.min(...fix.edits.map((e) => e.start));
  const line = offsetLine(fixed, shifted(first, edits));
  const was = offsetLine(text, first);
  const near = (f: Finding): boolean => Math.abs(f.line - line) <= Math.max(1, Math.abs(fix.finding.line - was));
  return after.some((f) => f.rule === fix.finding.rule && f.message === fix.finding.message && near(f));
}
