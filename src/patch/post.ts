// One post out of its file's diff: the hunks as they must be quoted back,
// the new version's text (blank outside the hunks, so line numbers stay
// true) and the lines the patch adds. parse-diff reads the hunks; the walk
// in diff-scan.ts has checked their counts.

import parseDiff from 'parse-diff';
import type { DiffLine, Hunk, Post, Skip } from '../core/types.js';
import type { FileSpan } from './diff-scan.js';
import { errorText, quote } from './lines.js';

const NO_NEWLINE = '\\ No newline at end of file';

export function buildPost(lines: string[], span: FileSpan, path: string): Post | Skip {
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
