// The next version of a patch mail, as `git format-patch -v2` would write it
// after the fixes were committed: `[PATCH v2]` in the subject (the list's
// prefix kept), the same author, date and commit message, a changelog of the
// fixes below `---` (before v1's own notes and the diffstat), and the diff
// with each fixed post's hunks and `index` line made anew, so that it applies
// where v1 applied. Files the fixes did not touch keep their diff as sent.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Mail, type Patch, type Post } from '../core/types.js';
import { findDiffStart, messageStart } from '../patch/commit-message.js';
import { scanDiff, spanPaths, type FileSpan } from '../patch/diff-scan.js';
import { toLines } from '../patch/lines.js';
import { nextVersionSubject, parseSubject } from '../patch/subject.js';
import { foldList, formatMailbox, rfc5322Date, unstructured } from '../render/mail.js';
import { gitBlobHash } from './blob.js';
import type { FixResult } from './fix-post.js';
import { diffHunks } from './unified.js';

export interface NextVersionOptions {
  /** For the signature: what wrote the mail. */
  toolVersion: string;
  /** The site's checkout: a changed post's base is read from it, to name the fixed blob. */
  siteDir?: string;
  now?: Date;
}

export interface NextVersion {
  mail: string;
  /** What the user should know (an `index` line that could not be made). */
  notes: string[];
}

const STAT_LINE = /^ (?:\S.*\|\s+(?:\d+|Bin\b)| ?\d+ files? changed)/;
const INDEX_LINE = /^index ([0-9a-f]+)\.\.([0-9a-f]+)(.*)$/;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The lines that hold the diff: the body, else the first patch part that has one. */
function diffSource(mail: Mail): { lines: string[]; start: number } {
  for (const text of [mail.body, ...mail.patchParts]) {
    const lines = toLines(text);
    const start = findDiffStart(lines, messageStart(lines));
    if (start >= 0) return { lines, start };
  }
  throw new InputError(`"${mail.subject}": no diff to write the next version of`);
}

function trimmed(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a]!.trim() === '') a++;
  while (b > a && lines[b - 1]!.trim() === '') b--;
  return lines.slice(a, b);
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The base of a changed post from the checkout, when its blob is the one v1's `index` line names, with v1's hunks applied. */
function v1Content(siteDir: string | undefined, path: string, abbrev: string, hunkLines: string[]): string | undefined {
  if (!siteDir) return undefined;
  const file = join(siteDir, path);
  if (!existsSync(file)) return undefined;
  const base = readFileSync(file);
  if (!gitBlobHash(base).startsWith(abbrev)) return undefined;
  const text = base.toString('utf8');
  const old = toLines(text);
  const out: string[] = [];
  let at = 0;
  // `\ No newline` after a `-` line is about v1's base; after any other, about v1.
  let bare: boolean | undefined;
  hunkLines.forEach((line, k) => {
    const m = HUNK.exec(line);
    if (m) {
      const start = Number(m[1]) - (m[2] === '0' ? 0 : 1);
      while (at < start && at < old.length) out.push(old[at++]!);
    } else if (line.startsWith('\\')) {
      if (hunkLines[k - 1]?.[0] === '-') bare ??= false;
      else bare = true;
    } else if (line[0] === '+') out.push(line.slice(1));
    else if (line[0] === ' ') out.push(old[at++] ?? line.slice(1));
    else if (line[0] === '-') at++;
  });
  while (at < old.length) out.push(old[at++]!);
  return out.join('\n') + ((bare ?? !text.endsWith('\n')) ? '' : '\n');
}

/** A fixed post's diff: header with the new blob's name, hunks made anew (a changed post's keep their shape). */
function fixedDiff(lines: string[], span: FileSpan, post: Post, fix: FixResult, options: NextVersionOptions, notes: string[]): string[] {
  const firstHunk = span.hunks[0]!.at;
  const header = lines.slice(span.start, firstHunk);
  let body: string[];
  let full: string | undefined;
  if (post.status === 'added') {
    body = diffHunks('', fix.fixed);
    full = fix.fixed;
  } else {
    // The fixes keep every line where it was: each `+` line takes its fixed text.
    const fixedLines = fix.fixed.split('\n');
    const hunkLines = span.hunks.flatMap((h) => lines.slice(h.at, h.end));
    body = [];
    let newLine = 0;
    for (const line of hunkLines) {
      const m = HUNK.exec(line);
      if (m) newLine = Number(m[3]);
      else if (line[0] === '+') {
        body.push(`+${fixedLines[newLine - 1] ?? line.slice(1)}`);
        newLine++;
        continue;
      } else if (line[0] === ' ') newLine++;
      body.push(line);
    }
    const index = header.map((l) => INDEX_LINE.exec(l)).find(Boolean);
    const before = index ? v1Content(options.siteDir, spanPaths(span).oldPath ?? post.path, index[1]!, hunkLines) : undefined;
    if (before !== undefined) {
      const all = before.split('\n');
      for (const n of post.addedLines) all[n - 1] = fixedLines[n - 1] ?? all[n - 1]!;
      full = all.join('\n');
    }
  }
  const out: string[] = [];
  for (const line of header) {
    const m = INDEX_LINE.exec(line);
    if (!m) out.push(line);
    else if (full !== undefined) out.push(`index ${m[1]}..${gitBlobHash(full).slice(0, Math.max(7, m[2]!.length))}${m[3]}`);
    else notes.push(`${post.path}: the index line was left out: its base is not in the checkout (--site), so the fixed blob cannot be named`);
  }
  return [...out, ...body];
}

/** The diffstat with a fixed added post's count and graph, and the summary's insertions, made anew. */
function fixedStat(stat: string[], fixes: { path: string; before: number; after: number }[]): string[] {
  let delta = 0;
  const out = stat.map((line) => {
    const fix = fixes.find((f) => line.startsWith(` ${f.path} `) || line.includes(`/${f.path.split('/').pop()} `));
    const m = / \|\s+(\d+) ([+-]*)$/.exec(line);
    if (!fix || !m || fix.before === fix.after) return line;
    delta += fix.after - fix.before;
    const graph = m[2]!.length === fix.before ? fix.after : Math.max(1, Math.round((m[2]!.length * fix.after) / Math.max(1, fix.before)));
    const count = String(fix.after).padStart(m[1]!.length);
    return `${line.slice(0, m.index)} | ${count} ${'+'.repeat(graph)}`;
  });
  return out.map((line) => line.replace(/(\d+) insertions?\(\+\)/, (_, n: string) => {
    const total = Number(n) + delta;
    return `${total} insertion${total === 1 ? '' : 's'}(+)`;
  }));
}

/** The headers of a next version's mail: the author, date and recipients of v1, the subject one version up. */
function nextHeaders(mail: Mail, options: NextVersionOptions): string[] {
  const author = { name: mail.fromName === mail.fromAddress ? '' : mail.fromName, address: mail.fromAddress };
  return [
    'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001',
    `From: ${formatMailbox(author)}`,
    `Date: ${mail.dateHeader || rfc5322Date(options.now ?? new Date())}`,
    `Subject: ${unstructured(nextVersionSubject(mail.subject))}`,
    ...(mail.to.length > 0 ? [foldList('To', mail.to.map(formatMailbox))] : []),
    ...(mail.cc.length > 0 ? [foldList('Cc', mail.cc.map(formatMailbox))] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
  ];
}

/** A series' cover letter for the next version: the subject one version up, the text as it was (the author adds what changed). */
export function nextCoverLetter(mail: Mail, options: NextVersionOptions): string {
  return `${nextHeaders(mail, options).join('\n')}\n\n${mail.body.replace(/\n*$/, '\n')}`;
}

/** The next version of one patch mail with the fixes of its posts. */
export function nextVersion(mail: Mail, patch: Patch, fixes: FixResult[], options: NextVersionOptions): NextVersion {
  const notes: string[] = [];
  const { lines, start } = diffSource(mail);
  const scan = scanDiff(lines, start);
  if (scan.corrupt) throw new InputError(`"${mail.subject}": the patch is corrupt: ${scan.corrupt}`);
  const head = messageStart(lines);
  let dashes = -1;
  for (let i = head; i < start; i++) {
    if (lines[i]!.trimEnd() === '---') {
      dashes = i;
      break;
    }
  }
  const between = dashes >= 0 ? lines.slice(dashes + 1, start) : [];
  const statAt = between.findIndex((l) => STAT_LINE.test(l));
  const oldNotes = trimmed(statAt >= 0 ? between.slice(0, statAt) : between);
  const changed = fixes.filter((f) => f.fixed !== f.original);

  const diff: string[] = [];
  scan.files.forEach((span, i) => {
    const path = spanPaths(span).newPath;
    const fix = changed.find((f) => f.path === path);
    const post = patch.posts.find((p) => p.path === path);
    // A file's diff as sent runs to the next file's (a binary patch's literal lines included).
    if (fix && post && span.hunks.length > 0) diff.push(...fixedDiff(lines, span, post, fix, options, notes));
    else diff.push(...lines.slice(span.start, scan.files[i + 1]?.start ?? scan.end));
  });
  const stat = fixedStat(
    trimmed(statAt >= 0 ? between.slice(statAt) : []),
    changed.map((f) => ({ path: f.path, before: lineCount(f.original), after: lineCount(f.fixed) })).filter((f) => patch.posts.find((p) => p.path === f.path)?.status === 'added'),
  );
  const version = parseSubject(mail.subject).version + 1;
  const changelog = changed.flatMap((f) => f.applied.map((a) => `- ${a.before ? `"${a.before}"` : '(nothing)'} -> ${a.after ? `"${a.after}"` : '(nothing)'} (${a.rule}, ${f.path}:${a.line})`));
  const headers = nextHeaders(mail, options);
  const message = [...patch.commitMessage, ...(patch.trailers.length > 0 ? ['', ...patch.trailers] : [])];
  const below = [
    ...(changelog.length > 0 ? [`Changes in v${version}:`, ...changelog, ''] : []),
    ...(oldNotes.length > 0 ? [...oldNotes, ''] : []),
    ...(stat.length > 0 ? [...stat, ''] : []),
  ];
  const body = [...message, '---', ...below, ...diff, '-- ', `review-post ${options.toolVersion}`, ''];
  return { mail: `${headers.join('\n')}\n\n${body.join('\n')}\n`, notes };
}
