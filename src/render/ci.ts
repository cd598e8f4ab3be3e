// What the CI formats share: every finding with the post it is in and the
// path a CI knows that post by, a fingerprint that survives a rerun, and the
// text a finding flags.

import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { safeLine } from '../core/safe-text.js';
import type { Finding, Post, ReviewedInput, ReviewedPatch } from '../core/types.js';

export interface FormatOptions {
  /**
   * The repository's root, for a Markdown file given directly: its path is
   * made relative to it (default: the current directory). Paths of posts in
   * a patch are repository-relative already.
   */
  root?: string;
}

export interface Located {
  patch: ReviewedPatch;
  post: Post;
  finding: Finding;
  /** Repository-relative, with `/` separators. */
  path: string;
}

/** The path a CI knows a post by. */
export function reportPath(post: Post, source: string, root?: string): string {
  let path = post.path;
  // A Markdown file given directly is named as the user typed it; a post of
  // a patch carries the path from the diff, relative to the repository.
  if (post.path === source && source !== '<stdin>') {
    const base = resolve(root ?? process.cwd());
    const absolute = isAbsolute(path) ? path : resolve(path);
    path = relative(base, absolute) || path;
  }
  return path.split(sep).join('/').replace(/^(?:\.\/)+/, '');
}

/** Every finding, in report order: input, patch, post, line. */
export function locate(inputs: ReviewedInput[], options: FormatOptions = {}): Located[] {
  const out: Located[] = [];
  for (const input of inputs)
    for (const patch of input.patches)
      for (const { post, findings } of patch.posts) {
        const path = reportPath(post, input.source, options.root);
        for (const finding of findings) out.push({ patch, post, finding, path });
      }
  return out;
}

// Split once per post: a report of many findings asks for lines again and again.
const linesOf = new WeakMap<Post, string[]>();

function postLines(post: Post): string[] {
  let lines = linesOf.get(post);
  if (!lines) {
    lines = post.content.split('\n');
    linesOf.set(post, lines);
  }
  return lines;
}

/** The text between a finding's start and end (columns are UTF-16, end exclusive, as unist has them). */
export function flaggedText(post: Post, finding: Finding): string {
  const lines = postLines(post).slice(finding.line - 1, finding.endLine);
  if (lines.length === 0) return '';
  const last = lines.length - 1;
  // The end first: on a one-line finding, the start's slice would shift it.
  lines[last] = (lines[last] ?? '').slice(0, finding.endColumn - 1);
  lines[0] = (lines[0] ?? '').slice(finding.column - 1);
  return lines.join('\n');
}

/**
 * The suggestion, when it can replace the flagged range as it stands.
 * `suggestion` is "wording to write instead", not always of exactly the
 * range: "What is that?" is flagged, the suggestion rewrites the sentence
 * after it too. Only a single flagged word on one line is taken as the text
 * to replace (a typo and its correction).
 */
export function replacement(post: Post, finding: Finding): string | undefined {
  if (finding.suggestion === undefined || finding.suggestion.includes('\n')) return undefined;
  if (finding.line !== finding.endLine) return undefined;
  const flagged = flaggedText(post, finding);
  return flagged !== '' && !/\s/.test(flagged) ? finding.suggestion : undefined;
}

/**
 * A fingerprint per finding, stable across runs and unique in the report:
 * sha256 of the path, the rule, what the finding is about and how many
 * identical keys came before it. "What it is about" is the flagged text when
 * the finding sits on one line (a word, a question), so that text added
 * above it keeps its fingerprint; a finding over several lines flags a whole
 * paragraph, whose wording any edit changes, so its message names it
 * instead. Line numbers are left out on purpose: they move with every edit
 * above the finding.
 */
export function fingerprints(located: Located[]): string[] {
  const seen = new Map<string, number>();
  return located.map(({ path, post, finding }) => {
    const flagged = finding.line === finding.endLine ? flaggedText(post, finding).replace(/\s+/g, ' ').trim() : '';
    const key = [path, finding.rule, flagged || finding.message].join('\0');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\0${n}`).digest('hex');
  });
}

/**
 * UTF-8 byte column for a UTF-16 column of a post line (reviewdog counts
 * bytes). Past the known text, the column is kept as it is.
 */
export function byteColumn(post: Post, line: number, column: number): number {
  const text = postLines(post)[line - 1];
  if (text === undefined || column - 1 > text.length) return column;
  return Buffer.byteLength(text.slice(0, column - 1), 'utf8') + 1;
}

/** One line of stranger's text for a line format: controls shown escaped, tabs as spaces. */
export function oneLine(text: string): string {
  return safeLine(text).replace(/\t/g, ' ');
}

export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}
