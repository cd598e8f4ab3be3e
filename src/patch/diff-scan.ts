// The walk over the diff text: where each file's diff starts and ends, what
// its git header lines say, and every hunk read by its counts as git apply
// does. parse-diff trusts the counts blindly: a count that is too large
// swallows the next file's header (or the mail signature) as hunk lines, one
// too small silently drops lines, so a hunk whose counts do not fit is
// reported here as corrupt.

import { fileName, gitLinePaths, stripPrefix } from './paths.js';
import { isSignature, quote } from './lines.js';

/** Far beyond any blog post; keeps a bogus hunk header from allocating gigabytes. */
const MAX_LINE_NUMBER = 1_000_000;
// Unambiguous digit groups: no backtracking on long or hostile lines.
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export interface HunkSpan {
  /** Index of the `@@` line. */
  at: number;
  /** Index after its last line (trailing `\` lines included). */
  end: number;
  /** Body lines that are lines of the old or new version (not `\`). */
  bodyLines: number;
}

export interface FileSpan {
  /** Index of the `diff` line, or of `---` in a plain unified diff. */
  start: number;
  /** Index after the last line that belongs to this file. */
  end: number;
  gitLine?: string;
  minus?: string;
  plus?: string;
  plusAt?: number;
  renameFrom?: string;
  renameTo?: string;
  isCopy?: boolean;
  isNew: boolean;
  isDeleted: boolean;
  isBinary: boolean;
  /** `Binary files a and b differ`: the content was left out. */
  binaryStub?: boolean;
  /** The first `literal N` or `delta N` after `GIT binary patch`: the new content. */
  binaryHunk?: { kind: 'literal' | 'delta'; size: number };
  hunks: HunkSpan[];
}

export interface Scan {
  files: FileSpan[];
  /** Index of the signature line, or the number of lines. */
  end: number;
  /** Why the hunk counts cannot be trusted. */
  corrupt?: string;
}

export function scanDiff(lines: string[], start: number): Scan {
  const files: FileSpan[] = [];
  let cur: FileSpan | undefined;
  const open = (at: number): FileSpan => {
    const span: FileSpan = { start: at, end: at + 1, isNew: false, isDeleted: false, isBinary: false, hunks: [] };
    files.push(span);
    return span;
  };
  let i = start;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (isSignature(line)) return { files, end: i };
    if (line.startsWith('diff ')) {
      cur = open(i);
      if (line.startsWith('diff --git ')) cur.gitLine = line;
      i++;
      continue;
    }
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      if (cur === undefined || cur.hunks.length > 0 || cur.plusAt !== undefined) cur = open(i);
      cur.minus = fileName(line.slice(4));
      cur.plus = fileName((lines[i + 1] ?? '').slice(4));
      cur.plusAt = i + 1;
      if (cur.minus === '/dev/null') cur.isNew = true;
      if (cur.plus === '/dev/null') cur.isDeleted = true;
      cur.end = i + 2;
      i += 2;
      continue;
    }
    if (line.startsWith('@@ ') && cur !== undefined) {
      const read = readHunk(lines, i, start, spanLabel(cur));
      if (typeof read === 'string') return { files, end: lines.length, corrupt: read };
      cur.hunks.push(read);
      cur.end = read.end;
      i = read.end;
      continue;
    }
    if (cur !== undefined && cur.hunks.length === 0 && readHeaderLine(cur, line)) cur.end = i + 1;
    i++;
  }
  return { files, end: lines.length };
}

/** Notes what a git header line says; false for lines that are not one. */
function readHeaderLine(span: FileSpan, line: string): boolean {
  if (span.isBinary && (line.startsWith('literal ') || line.startsWith('delta '))) {
    // The first of the two is the forward (new) content; base85 data lines
    // never hold a space, so these cannot be confused with them.
    const m = /^(literal|delta) (\d{1,12})$/.exec(line);
    if (m !== null && span.binaryHunk === undefined) span.binaryHunk = { kind: m[1] as 'literal' | 'delta', size: Number(m[2]) };
    return false;
  }
  if (line.startsWith('new file mode ')) {
    span.isNew = true;
  } else if (line.startsWith('deleted file mode ')) {
    span.isDeleted = true;
  } else if (line.startsWith('rename from ') || line.startsWith('copy from ')) {
    span.renameFrom = fileName(afterWord(line, 2));
    span.isCopy = line.startsWith('copy');
  } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
    span.renameTo = fileName(afterWord(line, 2));
  } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
    span.isBinary = true;
    if (line.startsWith('Binary files ')) span.binaryStub = true;
  } else {
    return ['index ', 'old mode ', 'new mode ', 'similarity index ', 'dissimilarity index '].some((p) => line.startsWith(p));
  }
  return true;
}

function afterWord(line: string, words: number): string {
  let at = 0;
  for (let n = 0; n < words; n++) at = line.indexOf(' ', at) + 1;
  return line.slice(at);
}

/**
 * Reads one hunk by its counts, as git apply does. Returns the span, or why
 * the counts cannot be right.
 */
function readHunk(lines: string[], at: number, diffStart: number, file: string): HunkSpan | string {
  const header = lines[at] ?? '';
  const where = (index: number): number => index - diffStart + 1;
  const m = HUNK_HEADER.exec(header);
  if (m === null) return `the hunk header at line ${where(at)} of the diff (${file}) cannot be read: ${quote(header)}`;
  const oldStart = Number(m[1]);
  const oldCount = m[2] === undefined ? 1 : Number(m[2]);
  const newStart = Number(m[3]);
  const newCount = m[4] === undefined ? 1 : Number(m[4]);
  const hunk = `the hunk at line ${where(at)} of the diff (${header.slice(0, header.indexOf(' @@') + 3)} in ${file})`;
  if (oldStart + oldCount > MAX_LINE_NUMBER || newStart + newCount > MAX_LINE_NUMBER) {
    return `${hunk} reaches beyond line ${MAX_LINE_NUMBER}`;
  }
  const says = `says ${oldCount} old and ${newCount} new lines`;

  let oldLeft = oldCount;
  let newLeft = newCount;
  let bodyLines = 0;
  let j = at + 1;
  const has = (): string => `${oldCount - oldLeft} old and ${newCount - newLeft} new`;
  while (oldLeft > 0 || newLeft > 0) {
    if (j >= lines.length) return `${hunk} ${says} but the diff ends after ${has()}`;
    const line = lines[j] ?? '';
    // Mailers strip the space of an empty context line; git apply accepts that.
    const kind = line === '' ? ' ' : line[0];
    const fits =
      kind === ' ' ? oldLeft > 0 && newLeft > 0
      : kind === '-' ? oldLeft > 0
      : kind === '+' ? newLeft > 0
      : kind === '\\' && j > at + 1;
    if (!fits) {
      return `${hunk} ${says} but has ${has()} when line ${where(j)} (${quote(line)}${whatLine(line)}) comes, which cannot be part of it`;
    }
    if (kind !== '+' && kind !== '\\') oldLeft--;
    if (kind !== '-' && kind !== '\\') newLeft--;
    if (kind !== '\\') bodyLines++;
    j++;
  }
  while (j < lines.length && (lines[j] ?? '').startsWith('\\')) j++;

  // Counts reached: more hunk lines right after mean the count is too small.
  let extraOld = 0;
  let extraNew = 0;
  let blanks = 0;
  let firstExtra = -1;
  for (let k = j; k < lines.length; k++) {
    const line = lines[k] ?? '';
    if (line === '') {
      blanks++;
      continue;
    }
    const kind = line[0];
    if ((kind !== ' ' && kind !== '-' && kind !== '+') || isBoundary(lines, k)) break;
    if (firstExtra < 0) firstExtra = k;
    extraOld += blanks + (kind === '+' ? 0 : 1);
    extraNew += blanks + (kind === '-' ? 0 : 1);
    blanks = 0;
  }
  if (firstExtra >= 0) {
    const has = `${oldCount + extraOld} old and ${newCount + extraNew} new`;
    const line = lines[firstExtra] ?? '';
    return `${hunk} ${says} but has ${has}: line ${where(firstExtra)} (${quote(line)}) and what follows would be dropped`;
  }
  return { at, end: j, bodyLines };
}

function whatLine(line: string): string {
  if (isSignature(line)) return ', the mail signature';
  if (line.startsWith('diff ')) return ', the next file';
  if (line.startsWith('@@')) return ', the next hunk';
  return '';
}

/** A line that starts the next file or ends the diff, though it looks like a hunk line. */
function isBoundary(lines: string[], k: number): boolean {
  const line = lines[k] ?? '';
  return isSignature(line) || (line.startsWith('--- ') && (lines[k + 1] ?? '').startsWith('+++ '));
}

export function spanPaths(span: FileSpan): { oldPath?: string; newPath?: string } {
  const git = span.gitLine === undefined ? undefined : gitLinePaths(span.gitLine);
  const pick = (...names: (string | undefined)[]): string | undefined => {
    for (const name of names) if (name !== undefined && name !== '/dev/null' && name !== '') return stripPrefix(name);
    return undefined;
  };
  const oldPath = span.isNew ? undefined : pick(span.minus, span.renameFrom, git?.[0]);
  const newPath = span.isDeleted ? undefined : pick(span.plus, span.renameTo, git?.[1]);
  return { oldPath, newPath };
}

export function spanLabel(span: FileSpan): string {
  const { oldPath, newPath } = spanPaths(span);
  return newPath ?? oldPath ?? 'a file without a name';
}
