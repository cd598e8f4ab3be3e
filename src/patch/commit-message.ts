// The part of a patch mail before the diff: whether it is a cover letter,
// where a format-patch file's own headers end, the commit message and its
// trailers, and where the diff starts.

import { isSignature } from './lines.js';

const TRAILER = /^[A-Za-z0-9][A-Za-z0-9-]*:(?:\s|$)/;
const MAIL_HEADER = /^[A-Za-z][A-Za-z0-9-]*:/;

export function isCoverLetter(subject: string): boolean {
  // `[PATCH 0/2]`, `[qemu-web PATCH v2 00/12]`, `[RFC 0/3]`
  let from = 0;
  for (;;) {
    const open = subject.indexOf('[', from);
    if (open < 0) return false;
    const close = subject.indexOf(']', open + 1);
    if (close < 0) return false;
    for (const token of subject.slice(open + 1, close).split(/\s+/)) {
      if (/^0+\/\d+$/.test(token)) return true;
    }
    from = close + 1;
  }
}

/** Index of the first line after the mail headers a format-patch file (or a
 *  body with in-body `From:`/`Subject:` lines) starts with; 0 when none. */
export function messageStart(lines: string[]): number {
  let i = 0;
  // The `From <sha> Mon Sep 17 00:00:00 2001` line of a format-patch file.
  if ((lines[0] ?? '').startsWith('From ')) i = 1;
  let named = false;
  const first = i;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') return named ? i + 1 : 0;
    if (MAIL_HEADER.test(line)) {
      if (/^(?:from|subject|date):/i.test(line)) named = true;
    } else if (!(i > first && (line[0] === ' ' || line[0] === '\t'))) {
      return 0;
    }
  }
  return 0;
}

export function findDiffStart(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('diff --git ')) return i;
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) return i;
  }
  return -1;
}

/** The lines before the `---` that precedes the diffstat, trimmed of blank lines. */
export function commitMessageOf(lines: string[], from: number, to: number): string[] {
  let end = to;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (line.trimEnd() === '---' || isSignature(line)) {
      end = i;
      break;
    }
  }
  let start = from;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

/**
 * Git's trailer block: the last paragraph, when it is all `Token: value`
 * lines. Like git, also a trailing run of such lines that includes a
 * `Signed-off-by:` when no blank line sets it apart ("Fix typo.\nSigned-off-by: ...").
 */
export function splitTrailers(message: string[]): { text: string[]; trailers: string[] } {
  let start = message.length;
  while (start > 0 && (message[start - 1] ?? '').trim() !== '') start--;
  let from = message.length;
  let signed = false;
  for (let i = message.length - 1; i >= start; i--) {
    const line = message[i] ?? '';
    if (TRAILER.test(line)) {
      from = i;
      if (/^signed-off-by:/i.test(line)) signed = true;
    } else if ((line[0] === ' ' || line[0] === '\t') && i > start) {
      continue; // a folded value, kept if a trailer line comes before it
    } else if (line.startsWith('(cherry picked from commit ') || (line.startsWith('[') && line.endsWith(']'))) {
      continue;
    } else {
      if (!signed) return { text: message, trailers: [] };
      break;
    }
  }
  if (from === message.length) return { text: message, trailers: [] };
  let end = from;
  while (end > 0 && (message[end - 1] ?? '').trim() === '') end--;
  return { text: message.slice(0, end), trailers: message.slice(from) };
}
