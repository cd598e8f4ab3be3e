// The inline review as a maintainer sends it: quotes with `> `, comments in
// between, one line that counts the comments at the end.

import type { ChalkInstance } from 'chalk';
import { ofFiles, reviewPatch, type Block } from '../quote.js';
import { safeLine } from '../core/safe-text.js';
import type { ReviewedInput, ReviewedPatch } from '../core/types.js';

const WIDTH = 72;

/** Greedy wrap on spaces; a word longer than the width (a URL) stays whole. */
export function wrap(text: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function quoteLine(text: string, diff: boolean, c: ChalkInstance): string {
  const safe = safeLine(text);
  const marker = c.dim(safe === '' ? '>' : '> ');
  if (!diff) return marker + safe;
  if (safe.startsWith('@@')) return marker + c.cyan(safe);
  if (/^(?:diff --git |index |new file mode |deleted file mode |--- |\+\+\+ )/.test(safe)) return marker + c.bold(safe);
  if (safe.startsWith('+')) return marker + c.green(safe);
  if (safe.startsWith('-')) return marker + c.red(safe);
  return marker + safe;
}

function renderBlock(block: Block, c: ChalkInstance): string[] {
  switch (block.kind) {
    case 'quote':
      return block.lines.map((l) => quoteLine(l, block.diff, c));
    case 'cut':
      return [c.dim('> [...]')];
    case 'comment':
      return [
        '',
        ...block.findings.flatMap((f, i) => [...(i > 0 ? [''] : []), ...wrap(safeLine(f.message)).map((l) => c.yellow(l))]),
        '',
      ];
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The review of one patch: attribution, quotes and comments, no blank line at the end. */
export function renderPatchReview(reviewed: ReviewedPatch, c: ChalkInstance): string[] {
  const review = reviewPatch(reviewed);
  const out = [safeLine(review.attribution), ...review.blocks.flatMap((b) => renderBlock(b, c))];
  // The last comment already ends with a blank line.
  while (out[out.length - 1] === '') out.pop();
  return out;
}

export function commentedPatches(inputs: ReviewedInput[]): ReviewedPatch[] {
  return inputs.flatMap((i) => i.patches).filter((p) => p.posts.some((x) => x.findings.length > 0));
}

export function renderText(inputs: ReviewedInput[], c: ChalkInstance): string {
  const out: string[] = [];
  let comments = 0;
  let posts = 0;
  const commented = commentedPatches(inputs);
  for (const reviewed of commented) {
    if (out.length > 0) out.push('');
    // The attribution of a file already names it.
    if (commented.length > 1 && !ofFiles(reviewed)) out.push(c.bold(`Re: ${safeLine(reviewed.patch.subject)}`), '');
    out.push(...renderPatchReview(reviewed, c));
  }
  for (const input of inputs) {
    for (const patch of input.patches) {
      posts += patch.posts.length;
      comments += patch.posts.reduce((n, p) => n + p.findings.length, 0);
    }
  }
  if (out.length > 0) out.push('');
  const counted = comments === 0 ? `No comments on ${plural(posts, 'post')}.` : `${plural(comments, 'comment')} on ${plural(posts, 'post')}.`;
  out.push(c.bold(counted));
  return `${out.join('\n')}\n`;
}
