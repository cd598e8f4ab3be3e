// From a decoded mail (or a bare diff) to the posts it adds or changes.
//
// The diff text is walked here first, to find where it starts and ends, to
// check every hunk's line counts and to keep the header lines; parse-diff then
// reads each file that is a post. parse-diff trusts the counts blindly: a
// count that is too large swallows the next file's header (or the mail
// signature) as hunk lines, one too small silently drops lines. Reviewing
// such a patch would quote lines that are not in it, so it is refused.

import parseDiff from 'parse-diff';
import picomatch from 'picomatch';
import { emptySender, InputError, senderOf } from './types.js';
import type { DiffLine, Hunk, Mail, Patch, PatchFile, Post, Skip } from './types.js';

export interface PatchOptions {
  /** Which new paths are blog posts (picomatch glob). */
  posts: string;
}

export const DEFAULT_POSTS_GLOB = '_posts/**/*.{md,markdown}';

/** Far beyond any blog post; keeps a bogus hunk header from allocating gigabytes. */
const MAX_LINE_NUMBER = 1_000_000;
const NO_NEWLINE = '\\ No newline at end of file';
// Unambiguous digit groups: no backtracking on long or hostile lines.
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const TRAILER = /^[A-Za-z0-9][A-Za-z0-9-]*:(?:\s|$)/;
const MAIL_HEADER = /^[A-Za-z][A-Za-z0-9-]*:/;
const REPLY = /^\s*(?:re|aw|sv|antw)\s*:/i;

export function readPatch(mail: Mail, options: Partial<PatchOptions> = {}): Patch {
  return read(mail, options, false);
}

/** A bare diff (or a whole `git format-patch` file), e.g. on stdin: no mail around it. */
export function readDiff(diffText: string, options: Partial<PatchOptions> = {}): Patch {
  const mail: Mail = {
    ...emptySender(),
    index: 0,
    inReplyTo: '',
    body: diffText,
    patchParts: [],
    flowed: false,
    patchPartsFlowed: false,
  };
  return read(mail, options, true);
}

function read(mail: Mail, options: Partial<PatchOptions>, bare: boolean): Patch {
  const patch: Patch = {
    ...senderOf(mail),
    commitMessage: [],
    hasDiff: false,
    trailers: [],
    posts: [],
    skipped: [],
  };
  const isPost = postMatcher(options);
  // One odd message must not stop the review of a whole mbox.
  try {
    fillPatch(patch, mail, isPost, bare);
  } catch (error) {
    patch.posts = [];
    patch.skipped = [{ reason: `could not read the patch: ${errorText(error)}`, damaged: true }];
  }
  return patch;
}

// Compiling a glob costs more than reading a short message: an mbox of a
// whole list archive reads one per message, so each glob is compiled once.
const matchers = new Map<string, (path: string) => boolean>();

function postMatcher(options: Partial<PatchOptions>): (path: string) => boolean {
  const glob = options.posts || DEFAULT_POSTS_GLOB;
  const known = matchers.get(glob);
  if (known !== undefined) return known;
  try {
    const matcher = picomatch(glob);
    if (matchers.size < 100) matchers.set(glob, matcher);
    return matcher;
  } catch (error) {
    // The glob comes from the command line, not from a message.
    throw new InputError(`invalid posts glob ${JSON.stringify(glob)}: ${errorText(error)}`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------

interface Source {
  lines: string[];
  fromBody: boolean;
}

interface FoundDiff {
  source: Source;
  scan: Scan;
}

const FLOWED =
  "the patch is damaged: the sender's mail client re-flowed it (format=flowed joins lines that end in a space), " +
  'so it can be neither reviewed nor applied; please send it again with git send-email';

function fillPatch(patch: Patch, mail: Mail, isPost: (path: string) => boolean, bare: boolean): void {
  const reply = !bare && REPLY.test(mail.subject);
  if (!bare && !reply && isCoverLetter(mail.subject)) {
    // A cover letter may carry an interdiff or range-diff: not a post to review.
    patch.skipped.push({ reason: 'cover letter' });
    return;
  }

  const body: Source = { lines: toLines(mail.body), fromBody: true };
  const sources = [body, ...mail.patchParts.map((part) => ({ lines: toLines(part), fromBody: false }))];
  const found: { source: Source; start: number }[] = [];
  for (const source of sources) {
    const start = findDiffStart(source.lines, messageStart(source.lines));
    if (start >= 0) found.push({ source, start });
  }
  const first = found[0];
  if (first === undefined) {
    const reason = bare ? 'no diff in this input' : reply ? 'reply without a patch' : 'no patch in this message';
    patch.skipped.push({ reason });
    return;
  }
  patch.hasDiff = true;

  // The commit message: the text before the diff; for an attachment, its own
  // message when it is a whole format-patch file, else what the mail body says.
  const firstHeaders = messageStart(first.source.lines);
  const message =
    first.source.fromBody || firstHeaders > 0
      ? commitMessageOf(first.source.lines, firstHeaders, first.start)
      : commitMessageOf(body.lines, messageStart(body.lines), body.lines.length);
  const { text, trailers } = splitTrailers(message);
  patch.commitMessage = text;
  patch.trailers = trailers;

  const diffs: FoundDiff[] = [];
  const seen = new Set<string>();
  for (const { source, start } of found) {
    if (source.fromBody ? mail.flowed : mail.patchPartsFlowed) {
      patch.skipped = [{ reason: FLOWED, damaged: true }];
      return;
    }
    const scan = scanDiff(source.lines, start);
    if (scan.corrupt !== undefined) {
      patch.skipped = [{ reason: `the patch is corrupt: ${scan.corrupt}`, damaged: true }];
      return;
    }
    // Some mailers send the same patch inline and attached.
    const key = source.lines.slice(start, scan.end).join('\n').trimEnd();
    if (seen.has(key)) continue;
    seen.add(key);
    diffs.push({ source, scan });
  }
  // The diffstat sits between the `---` and the first diff of the same text.
  patch.files = listFiles(diffs, readDiffstat(first.source.lines, firstHeaders, first.start));

  const others: string[] = [];
  let sawPostPath = false;
  const reviewed = new Set<string>();
  for (const diff of diffs) {
    for (const span of diff.scan.files) {
      const { oldPath, newPath } = spanPaths(span);
      const postPath = newPath !== undefined && isPost(newPath) ? newPath : undefined;
      if (span.isDeleted || newPath === undefined) {
        if (oldPath !== undefined && isPost(oldPath)) {
          sawPostPath = true;
          patch.skipped.push({ reason: `deleted post: ${oldPath}` });
        } else {
          others.push(oldPath ?? '(a file without a name)');
        }
        continue;
      }
      if (postPath === undefined) {
        others.push(newPath);
        continue;
      }
      sawPostPath = true;
      if (span.isBinary) {
        patch.skipped.push({ reason: `binary file: ${postPath}` });
      } else if (span.hunks.length === 0) {
        const renamed = oldPath !== undefined && oldPath !== postPath;
        patch.skipped.push({
          reason: renamed
            ? `${span.isCopy === true ? 'copied' : 'renamed'} without changes: ${oldPath} -> ${postPath}`
            : `no text changes: ${postPath}`,
        });
      } else if (reviewed.has(postPath)) {
        patch.skipped.push({ reason: `a second diff of ${postPath} in the same message: reviewed once` });
      } else {
        const post = buildPost(diff.source.lines, span, postPath);
        if ('reason' in post) {
          patch.skipped.push(post);
        } else {
          reviewed.add(postPath);
          patch.posts.push(post);
        }
      }
    }
  }
  if (others.length > 0) {
    const label = sawPostPath ? 'not a post' : 'touches no post';
    patch.skipped.push({ reason: `${label}: ${listPaths(others)}` });
  }
}

// ---------------------------------------------------------------------------
// Text helpers

function toLines(text: string): string[] {
  // parse-diff keeps `\r` on every line and then misses `new file mode` and
  // `\ No newline` (its patterns end in `$`), so fold CRLF before anything.
  const lines = text.replace(/\r\n/g, '\n').replace(/\r$/, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function isSignature(line: string): boolean {
  // Some mailers strip the trailing space of `-- `.
  return line === '-- ' || line === '--';
}

function isCoverLetter(subject: string): boolean {
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
function messageStart(lines: string[]): number {
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

function findDiffStart(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('diff --git ')) return i;
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) return i;
  }
  return -1;
}

/** The lines before the `---` that precedes the diffstat, trimmed of blank lines. */
function commitMessageOf(lines: string[], from: number, to: number): string[] {
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
function splitTrailers(message: string[]): { text: string[]; trailers: string[] } {
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

function listPaths(paths: string[]): string {
  const shown = 4;
  if (paths.length <= shown + 1) return paths.join(', ');
  return `${paths.slice(0, shown).join(', ')} and ${paths.length - shown} more`;
}

function quote(line: string): string {
  const max = 60;
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}

// ---------------------------------------------------------------------------
// The walk over the diff text

interface HunkSpan {
  /** Index of the `@@` line. */
  at: number;
  /** Index after its last line (trailing `\` lines included). */
  end: number;
  /** Body lines that are lines of the old or new version (not `\`). */
  bodyLines: number;
}

interface FileSpan {
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

interface Scan {
  files: FileSpan[];
  /** Index of the signature line, or the number of lines. */
  end: number;
  /** Why the hunk counts cannot be trusted. */
  corrupt?: string;
}

function scanDiff(lines: string[], start: number): Scan {
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

// ---------------------------------------------------------------------------
// Paths

function spanPaths(span: FileSpan): { oldPath?: string; newPath?: string } {
  const git = span.gitLine === undefined ? undefined : gitLinePaths(span.gitLine);
  const pick = (...names: (string | undefined)[]): string | undefined => {
    for (const name of names) if (name !== undefined && name !== '/dev/null' && name !== '') return stripPrefix(name);
    return undefined;
  };
  const oldPath = span.isNew ? undefined : pick(span.minus, span.renameFrom, git?.[0]);
  const newPath = span.isDeleted ? undefined : pick(span.plus, span.renameTo, git?.[1]);
  return { oldPath, newPath };
}

function spanLabel(span: FileSpan): string {
  const { oldPath, newPath } = spanPaths(span);
  return newPath ?? oldPath ?? 'a file without a name';
}

function stripPrefix(name: string): string {
  return name.startsWith('a/') || name.startsWith('b/') ? name.slice(2) : name;
}

/** The name in a `---`/`+++`/`rename` line: C-quoted by git, or cut at a tab (plain diff timestamps). */
function fileName(text: string): string {
  if (text.startsWith('"')) {
    const q = unquote(text);
    if (q !== undefined) return q.value;
  }
  const tab = text.indexOf('\t');
  return tab < 0 ? text : text.slice(0, tab);
}

function gitLinePaths(line: string): [string, string] | undefined {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const a = unquote(rest);
    if (a === undefined || !a.rest.startsWith(' ')) return undefined;
    const b = a.rest.slice(1);
    return [a.value, b.startsWith('"') ? (unquote(b)?.value ?? b) : b];
  }
  // Usually both sides name the same file: `a/P b/P`, which settles spaces in P.
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (rest[half] === ' ' && a.slice(2) === b.slice(2)) return [a, b];
  }
  const quoted = rest.indexOf(' "');
  if (quoted >= 0) return [rest.slice(0, quoted), unquote(rest.slice(quoted + 1))?.value ?? rest.slice(quoted + 1)];
  const split = rest.lastIndexOf(' b/');
  if (split >= 0) return [rest.slice(0, split), rest.slice(split + 1)];
  const space = rest.indexOf(' ');
  return space < 0 ? undefined : [rest.slice(0, space), rest.slice(space + 1)];
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting of names with unusual bytes (octal escapes are UTF-8 bytes). */
function unquote(text: string): { value: string; rest: string } | undefined {
  const bytes: number[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"') return { value: Buffer.from(bytes).toString('utf8'), rest: text.slice(i + 1) };
    if (c === '\\') {
      const octal = /^[0-3][0-7]{2}/.exec(text.slice(i + 1, i + 4));
      if (octal !== null) {
        bytes.push(parseInt(octal[0], 8));
        i += 4;
        continue;
      }
      const code = ESCAPES[text[i + 1] ?? ''];
      if (code === undefined) return undefined;
      bytes.push(code);
      i += 2;
      continue;
    }
    const point = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(point);
    bytes.push(...Buffer.from(char, 'utf8'));
    i += char.length;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Every file of the patch

interface StatEntry {
  path: string;
  status?: PatchFile['status'];
  oldPath?: string;
  binary?: boolean;
  size?: number;
  /** A ` .../name | 3 +` line: git cut the start of the path. */
  truncated?: boolean;
}

function listFiles(diffs: FoundDiff[], stat: StatEntry[]): PatchFile[] {
  const files: PatchFile[] = [];
  const byPath = new Map<string, PatchFile>();
  for (const diff of diffs) {
    for (const span of diff.scan.files) {
      const { oldPath, newPath } = spanPaths(span);
      const path = newPath ?? oldPath;
      if (path === undefined || byPath.has(path)) continue;
      const renamed = span.renameFrom !== undefined && span.renameTo !== undefined && span.renameFrom !== span.renameTo;
      const status: PatchFile['status'] =
        span.isDeleted || newPath === undefined ? 'deleted'
        : span.isNew || (renamed && span.isCopy === true) ? 'added'
        : renamed ? 'renamed'
        : 'modified';
      const file: PatchFile = { path, status, binary: span.isBinary, binaryStub: span.binaryStub === true };
      if (renamed && oldPath !== undefined) file.oldPath = oldPath;
      if (span.binaryHunk?.kind === 'literal') file.size = span.binaryHunk.size;
      files.push(file);
      byPath.set(path, file);
    }
  }
  for (const entry of mergeStat(stat)) {
    const known = byPath.get(entry.path);
    if (known !== undefined) {
      // A stub has no size of its own; the diffstat's `Bin 0 -> N bytes` does.
      if (known.size === undefined && entry.size !== undefined && known.binary) known.size = entry.size;
      continue;
    }
    if (entry.truncated) continue;
    const file: PatchFile = {
      path: entry.path,
      status: entry.status ?? 'modified',
      binary: entry.binary === true,
      binaryStub: false,
      diffstatOnly: true,
    };
    if (entry.oldPath !== undefined) file.oldPath = entry.oldPath;
    if (entry.size !== undefined) file.size = entry.size;
    files.push(file);
    byPath.set(file.path, file);
  }
  return files;
}

/** One entry per path: the summary lines (full paths, status) joined with the stat lines (binary, size). */
function mergeStat(stat: StatEntry[]): StatEntry[] {
  const merged: StatEntry[] = [];
  const byPath = new Map<string, StatEntry>();
  // Only a cut path (` .../name`) needs a scan; git cuts few.
  const find = (entry: StatEntry): StatEntry | undefined =>
    entry.truncated ? merged.find((m) => m.path.endsWith(entry.path)) : byPath.get(entry.path);
  // Summary lines (create/delete/rename) first: they carry whole paths.
  const ordered = [...stat.filter((e) => e.status !== undefined), ...stat.filter((e) => e.status === undefined)];
  for (const entry of ordered) {
    const same = find(entry);
    if (same === undefined) {
      const copy = { ...entry };
      merged.push(copy);
      if (!copy.truncated) byPath.set(copy.path, copy);
      continue;
    }
    if (entry.binary) same.binary = true;
    if (entry.size !== undefined) same.size = entry.size;
  }
  return merged;
}

const STAT_SUMMARY = /^ (create|delete) mode \d{6} (.+)$/;
const STAT_RENAME = /^ (rename|copy) (.+) \(\d{1,3}%\)$/;
const STAT_BIN = /^Bin (\d{1,12}) -> (\d{1,12}) bytes$/;

/** The diffstat git format-patch writes after `---`: ` path | 3 +`, ` create mode 100644 path`. */
function readDiffstat(lines: string[], from: number, to: number): StatEntry[] {
  let i = from;
  while (i < to && (lines[i] ?? '').trimEnd() !== '---') i++;
  const entries: StatEntry[] = [];
  for (i++; i < to; i++) {
    const line = lines[i] ?? '';
    if (!line.startsWith(' ')) continue;
    const summary = STAT_SUMMARY.exec(line);
    if (summary !== null) {
      entries.push({ path: statPath(summary[2] ?? ''), status: summary[1] === 'create' ? 'added' : 'deleted' });
      continue;
    }
    const rename = STAT_RENAME.exec(line);
    if (rename !== null) {
      const paths = renamePaths(rename[2] ?? '');
      if (paths !== undefined) {
        entries.push({ path: paths.to, oldPath: paths.from, status: rename[1] === 'copy' ? 'added' : 'renamed' });
      }
      continue;
    }
    const bar = line.lastIndexOf('|');
    if (bar < 0) continue;
    const name = line.slice(1, bar).trim();
    const what = line.slice(bar + 1).trim();
    const bin = STAT_BIN.exec(what);
    if (name === '' || (bin === null && !/^\d{1,12}(?: [-+]*)?$/.test(what))) continue;
    const paths = name.includes(' => ') ? renamePaths(name) : undefined;
    const path = paths?.to ?? statPath(name);
    const entry: StatEntry = path.startsWith('.../') ? { path: path.slice(3), truncated: true } : { path };
    if (bin !== null) {
      entry.binary = true;
      entry.size = Number(bin[2]);
    }
    entries.push(entry);
  }
  return entries;
}

function statPath(text: string): string {
  const name = text.trim();
  return name.startsWith('"') ? (unquote(name)?.value ?? name) : name;
}

/** `a => b` or `dir/{old => new}/file`, as git's diffstat writes a rename. */
function renamePaths(text: string): { from: string; to: string } | undefined {
  const open = text.indexOf('{');
  const close = text.indexOf('}', open + 1);
  if (open >= 0 && close > open) {
    const inner = text.slice(open + 1, close);
    const arrow = inner.indexOf(' => ');
    if (arrow < 0) return undefined;
    const join = (middle: string): string => `${text.slice(0, open)}${middle}${text.slice(close + 1)}`.replace(/\/\/+/g, '/');
    return { from: join(inner.slice(0, arrow)), to: join(inner.slice(arrow + 4)) };
  }
  const arrow = text.indexOf(' => ');
  if (arrow < 0) return undefined;
  return { from: statPath(text.slice(0, arrow)), to: statPath(text.slice(arrow + 4)) };
}

// ---------------------------------------------------------------------------
// One post

function buildPost(lines: string[], span: FileSpan, path: string): Post | Skip {
  const damaged = (why: string): Skip => ({ reason: `could not read the diff of ${path}: ${why}`, damaged: true });
  const first = span.hunks[0];
  if (first === undefined) return damaged('it has no hunks');
  const headerEnd = span.plusAt !== undefined ? span.plusAt + 1 : first.at;
  const header = lines.slice(span.start, headerEnd);

  // The `diff --git` line stays out: parse-diff's file-name pattern is
  // quadratic on long lines, and the names come from our own walk anyway.
  const from = (lines[span.start] ?? '').startsWith('diff ') ? span.start + 1 : span.start;
  // parse-diff knows `\` lines only in English; git apply accepts any text.
  const text = lines
    .slice(from, span.end)
    .map((line) => (line.startsWith('\\') ? NO_NEWLINE : line))
    .join('\n');
  let files: parseDiff.File[];
  try {
    files = parseDiff(text);
  } catch (error) {
    return damaged(errorText(error));
  }
  const file = files[0];
  if (files.length !== 1 || file === undefined) return damaged(`parse-diff found ${files.length} files in it`);
  if (file.chunks.length !== span.hunks.length) {
    return damaged(`parse-diff found ${file.chunks.length} hunks, not ${span.hunks.length}`);
  }

  const hunks: Hunk[] = [];
  const addedLines = new Set<number>();
  const content: string[] = [];
  let endsWithoutNewline = false;
  for (let h = 0; h < file.chunks.length; h++) {
    const chunk = file.chunks[h];
    const spanHunk = span.hunks[h];
    if (chunk === undefined || spanHunk === undefined) return damaged('hunks out of step');
    const out: DiffLine[] = [];
    let previous: parseDiff.Change | undefined;
    for (const change of chunk.changes) {
      // parse-diff turns `\ No newline at end of file` into a copy of the
      // previous change (an "add" with the same line number after a `+`).
      if (change.content.startsWith('\\')) {
        if (previous !== undefined && previous.type !== 'del') endsWithoutNewline = true;
        continue;
      }
      previous = change;
      if (change.type === 'add') {
        out.push({ text: change.content, kind: 'add', newLine: change.ln });
        addedLines.add(change.ln);
        content[change.ln - 1] = change.content.slice(1);
      } else if (change.type === 'normal') {
        out.push({ text: change.content, kind: 'context', newLine: change.ln2 });
        content[change.ln2 - 1] = change.content.slice(1);
      } else {
        out.push({ text: change.content, kind: 'del' });
      }
    }
    if (out.length !== spanHunk.bodyLines) {
      return damaged(`parse-diff read ${out.length} lines in the hunk at ${quote(chunk.content)}, not ${spanHunk.bodyLines}`);
    }
    hunks.push({ header: chunk.content, lines: out });
  }

  // Lines outside the hunks stay blank so that line numbers stay true.
  const full = Array.from(content, (line) => line ?? '');
  const status = file.new === true || file.from === '/dev/null' || span.isNew ? 'added' : 'modified';
  return {
    path,
    status,
    header,
    hunks,
    content: full.join('\n') + (endsWithoutNewline || full.length === 0 ? '' : '\n'),
    addedLines,
  };
}
