// Deciding what an inline review quotes and where each comment goes, the way
// a maintainer trims a reply: the commit message, the diff header, each
// commented hunk's `@@` line, a few lines above each comment, `[...]` for the
// cuts, and nothing after the last comment. Plain data; rendering is separate.

import type { DiffLine, Finding, ReviewedPatch, ReviewedPost } from './core/types.js';

export type Block =
  /** Lines quoted from the mail, without the `> ` the renderer adds. */
  | { kind: 'quote'; lines: string[]; diff: boolean }
  /** A stretch left out. */
  | { kind: 'cut' }
  | { kind: 'comment'; findings: Finding[] };

export interface PatchReview {
  /** `On 2020-11-04 02:42 +0200, Fotis Xenakis wrote:`, or `In _posts/x.md:` for a file. */
  attribution: string;
  blocks: Block[];
  comments: number;
}

/** Lines quoted above a comment, at most, when its finding starts earlier. */
const MAX_CONTEXT = 6;
/** Lines quoted above a comment, at least. */
const MIN_CONTEXT = 2;
/** A gap this short is quoted rather than cut: `[...]` would save nothing. */
const MAX_BRIDGE = 2;
/** A longer commit message is cut after this many lines. */
const MAX_MESSAGE_LINES = 12;

/** `On <date> <time>, <name> wrote:` from the Date header as the sender wrote it. */
export function attribution(name: string, dateHeader: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const m = /(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::\d{2})?(?:\s+([+-]\d{4}))?/.exec(dateHeader);
  const month = m ? months.indexOf(m[2]!.slice(0, 1).toUpperCase() + m[2]!.slice(1, 3).toLowerCase()) : -1;
  const who = name || 'you';
  if (!m || month < 0) return `${who} wrote:`;
  const day = m[1]!.padStart(2, '0');
  const hour = m[4]!.padStart(2, '0');
  const zone = m[6] ? ` ${m[6]}` : '';
  return `On ${m[3]}-${String(month + 1).padStart(2, '0')}-${day} ${hour}:${m[5]}${zone}, ${who} wrote:`;
}

/** Index of the hunk line a finding's comment goes under: its last line, or the nearest before. */
function anchorIndex(lines: DiffLine[], line: number): number {
  let best = -1;
  lines.forEach((l, i) => {
    if (l.newLine !== undefined && l.newLine <= line) best = i;
  });
  return best;
}

function isBlank(line: DiffLine): boolean {
  return line.text.slice(1).trim() === '';
}

function hunkBlocks(lines: DiffLine[], findings: Finding[]): Block[] {
  const comments = new Map<number, Finding[]>();
  const starts = new Map<number, number>();
  for (const finding of findings) {
    const anchor = anchorIndex(lines, finding.endLine);
    if (anchor < 0) continue;
    const here = comments.get(anchor);
    if (here) here.push(finding);
    else comments.set(anchor, [finding]);
    const first = Math.max(0, anchorIndex(lines, finding.line));
    let start = Math.max(0, Math.min(Math.max(first, anchor - MAX_CONTEXT), anchor - MIN_CONTEXT));
    // A quote opens on text, not on the blank line between two paragraphs.
    while (start < anchor && isBlank(lines[start]!)) start++;
    starts.set(anchor, Math.min(starts.get(anchor) ?? Infinity, start));
  }
  const quoted = new Set<number>();
  for (const [anchor, start] of starts) for (let i = start; i <= anchor; i++) quoted.add(i);
  const last = Math.max(...comments.keys());
  // Short gaps are bridged: a cut of one or two lines only hides context.
  let gapStart = -1;
  for (let i = 0; i <= last; i++) {
    if (!quoted.has(i)) {
      if (gapStart < 0) gapStart = i;
    } else if (gapStart >= 0) {
      if (i - gapStart <= MAX_BRIDGE) for (let j = gapStart; j < i; j++) quoted.add(j);
      gapStart = -1;
    }
  }
  const blocks: Block[] = [];
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) blocks.push({ kind: 'quote', lines: pending, diff: true });
    pending = [];
  };
  for (let i = 0; i <= last; i++) {
    if (!quoted.has(i)) {
      if (quoted.has(i - 1) || i === 0) {
        flush();
        blocks.push({ kind: 'cut' });
      }
      continue;
    }
    pending.push(lines[i]!.text);
    const here = comments.get(i);
    if (here) {
      flush();
      blocks.push({ kind: 'comment', findings: here });
    }
  }
  return blocks;
}

/** A file on disk is quoted as it is: no diff header, no `@@` line, no `+` before each line. */
function fileBlocks(reviewed: ReviewedPost): Block[] {
  const findings = reviewed.findings.filter((f) => !f.onCommitMessage);
  if (findings.length === 0) return [];
  const blocks = reviewed.post.hunks.flatMap((hunk) => hunkBlocks(hunk.lines, findings.filter((f) => inHunk(hunk.lines, f.endLine))));
  return blocks.map((b) => (b.kind === 'quote' ? { kind: 'quote', lines: b.lines.map((l) => l.slice(1)), diff: false } : b));
}

/** The review is of Markdown files given directly, not of a mailed patch. */
export function ofFiles(reviewed: ReviewedPatch): boolean {
  return reviewed.posts.length > 0 && reviewed.posts.every((p) => p.post.onDisk);
}

function postBlocks(reviewed: ReviewedPost): Block[] {
  const { post } = reviewed;
  if (post.onDisk) return fileBlocks(reviewed);
  const findings = reviewed.findings.filter((f) => !f.onCommitMessage);
  if (findings.length === 0) return [];
  const blocks: Block[] = [{ kind: 'quote', lines: [...post.header], diff: true }];
  for (const hunk of post.hunks) {
    const own = findings.filter((f) => inHunk(hunk.lines, f.endLine));
    if (own.length === 0) continue;
    blocks.push({ kind: 'quote', lines: [hunk.header], diff: true }, ...hunkBlocks(hunk.lines, own));
  }
  return mergeQuotes(blocks);
}

function inHunk(lines: DiffLine[], line: number): boolean {
  const numbers = lines.flatMap((l) => (l.newLine === undefined ? [] : [l.newLine]));
  return numbers.length > 0 && line >= Math.min(...numbers) && line <= Math.max(...numbers);
}

/** Adjacent quotes read as one quote. */
function mergeQuotes(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged[merged.length - 1];
    if (block.kind === 'quote' && previous?.kind === 'quote' && previous.diff === block.diff) previous.lines.push(...block.lines);
    else merged.push(block.kind === 'quote' ? { ...block, lines: [...block.lines] } : block);
  }
  return merged;
}

export function reviewPatch(reviewed: ReviewedPatch): PatchReview {
  const { patch } = reviewed;
  const commented = reviewed.posts.filter((p) => p.findings.length > 0);
  // Comments on the commit message (sign-off, subject) go under its quote,
  // which then includes the trailers they are about.
  const onMessage = commented.flatMap((p) => p.findings.filter((f) => f.onCommitMessage));
  const blocks: Block[] = [];
  if (commented.length > 0 && (patch.commitMessage.length > 0 || onMessage.length > 0)) {
    const message = patch.commitMessage.slice(0, MAX_MESSAGE_LINES);
    const cut = patch.commitMessage.length > MAX_MESSAGE_LINES;
    if (onMessage.length === 0) {
      blocks.push({ kind: 'quote', lines: [...message, ''], diff: false });
      if (cut) blocks.push({ kind: 'cut' });
    } else {
      blocks.push({ kind: 'quote', lines: [`Subject: ${patch.subject}`, '', ...message], diff: false });
      if (cut) blocks.push({ kind: 'cut' });
      if (patch.trailers.length > 0) blocks.push({ kind: 'quote', lines: ['', ...patch.trailers], diff: false });
      blocks.push({ kind: 'comment', findings: onMessage });
    }
  }
  const diff = commented.flatMap(postBlocks);
  // The quote goes on into the diff: a blank quoted line keeps them apart.
  if (onMessage.length > 0 && diff.length > 0) blocks.push({ kind: 'quote', lines: [''], diff: false });
  blocks.push(...diff);
  return {
    attribution: ofFiles(reviewed) ? `In ${commented.map((p) => p.post.path).join(', ')}:` : attribution(patch.fromName, patch.dateHeader),
    blocks: mergeQuotes(blocks),
    comments: commented.reduce((n, p) => n + p.findings.length, 0),
  };
}
