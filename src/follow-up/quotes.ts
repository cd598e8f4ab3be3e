// Which lines of the earlier patch a reply quotes. Quoted lines are found in
// order, as a reviewer quotes them; a mail client that re-wrapped a long
// line sends its rest as the next quoted line (without the `+`), one that
// joined lines sends two in one, a reviewer who cut (`[...]`) skipped some
// and one who split a line to comment on its first half quotes the rest
// after the comment. Each of those still lands on the line it came from.

import type { Patch, Post } from '../core/types.js';
import { isCut, type QuotedLine } from './reply.js';

/** One line of the earlier patch, as a reply may quote it. */
export interface PatchLine {
  /** The line compared: diff marker dropped, white space collapsed. */
  text: string;
  /** The commit message (its trailers included), a post, or the rest (diff headers, deleted lines). */
  part: 'commit-message' | 'post' | 'other';
  /** 1-based line in its part: of the commit message, or of the post's new version. */
  line: number;
  /** The post's path, for a post line. */
  path?: string;
}

/** Quoted lines shorter than this are only matched right where the quote stands. */
const SHORT = 8;
/** Lines a short quoted line may skip forward. */
const NEAR = 3;
/**
 * Lines a wrapped or partial quote is looked for ahead of where the quotes
 * stand (a cut may skip that many): bounded, so that a reply of thousands of
 * lines that quote nothing costs linear time.
 */
const AHEAD = 1000;

export function normalized(line: string): string {
  return line.replace(/^[+\- ]/, '').replace(/\s+/g, ' ').trim();
}

/** The commit message as the follow-up compares it: the text, a blank line, the trailers. */
export function commitMessageLines(patch: Patch): string[] {
  return patch.trailers.length > 0 ? [...patch.commitMessage, '', ...patch.trailers] : [...patch.commitMessage];
}

function postLines(post: Post): PatchLine[] {
  const out: PatchLine[] = post.header.map((text) => ({ text: normalized(text), part: 'other' as const, line: 0 }));
  for (const hunk of post.hunks) {
    out.push({ text: normalized(hunk.header), part: 'other', line: 0 });
    for (const l of hunk.lines) {
      if (l.newLine === undefined) out.push({ text: normalized(l.text), part: 'other', line: 0 });
      else out.push({ text: normalized(l.text), part: 'post', line: l.newLine, path: post.path });
    }
  }
  return out;
}

/** The lines of a patch in the order its mail shows them. */
export function patchLines(patch: Patch): PatchLine[] {
  const message = commitMessageLines(patch).map((text, i) => ({ text: normalized(text), part: 'commit-message' as const, line: i + 1 }));
  return [...message, ...patch.posts.flatMap(postLines)];
}

/** A walk over a reply's quotes against the earlier patch's lines. */
export class QuoteMatcher {
  private next = 0;
  /** The last line matched and how much of it the quotes covered, while they covered only its start. */
  private partial: { index: number; covered: number } | undefined;

  /** Where each line's text stands, for quotes of whole lines. */
  private readonly byText = new Map<string, number[]>();

  constructor(private readonly lines: PatchLine[]) {
    lines.forEach((l, i) => {
      const at = this.byText.get(l.text);
      if (at) at.push(i);
      else this.byText.set(l.text, [i]);
    });
  }

  /** Indices of the patch lines that one run of quoted lines quotes, in order. */
  match(quoted: QuotedLine[]): number[] {
    const found: number[] = [];
    // Short lines not found where the quote stood: they belong just above the next line found.
    let pending: string[] = [];
    for (const q of quoted) {
      const text = normalized(q.text);
      if (text === '' || isCut(text)) continue;
      const lines = this.matchLine(text);
      if (lines.length === 0) {
        if (text.length < SHORT) pending.push(text);
        else pending = [];
        continue;
      }
      const above: number[] = [];
      for (let k = pending.length - 1, at = lines[0]! - 1; k >= 0 && at >= 0 && this.lines[at]!.text === pending[k]; k--, at--) above.unshift(at);
      pending = [];
      found.push(...above, ...lines);
    }
    return found;
  }

  private matchLine(text: string): number[] {
    const partial = this.partial;
    if (partial) {
      // The rest of a line that the client wrapped, or that the reviewer split to comment on its start.
      const line = this.lines[partial.index]!.text;
      const rest = line.slice(partial.covered).trimStart();
      if (rest.startsWith(text)) {
        const covered = line.length - rest.length + text.length;
        this.partial = covered < line.length ? { index: partial.index, covered } : undefined;
        return [partial.index];
      }
    }
    const exact = this.exact(text);
    if (exact >= 0) return this.take(exact, undefined);
    if (text.length < SHORT) return [];
    const prefix = this.find((l) => l.startsWith(text));
    if (prefix >= 0) return this.take(prefix, text.length);
    // Two lines a client joined into one.
    const joined = this.find((l) => l.length >= SHORT && text.startsWith(`${l} `));
    if (joined >= 0) {
      const out = this.take(joined, undefined);
      return [...out, ...this.matchLine(text.slice(this.lines[joined]!.text.length + 1))];
    }
    // A piece from the middle of a line.
    const inside = this.find((l) => l.includes(text));
    if (inside >= 0) return this.take(inside, this.lines[inside]!.text.indexOf(text) + text.length);
    return [];
  }

  private take(index: number, covered: number | undefined): number[] {
    this.next = index + 1;
    const length = this.lines[index]!.text.length;
    this.partial = covered !== undefined && covered < length ? { index, covered } : undefined;
    return [index];
  }

  /** The first line with this very text from where the quotes stand (a short one only close by); else the first above (quoted out of order). */
  private exact(text: string): number {
    const at = this.byText.get(text);
    if (!at) return -1;
    const ahead = at.find((i) => i >= this.next);
    if (text.length < SHORT) return ahead !== undefined && ahead < this.next + NEAR ? ahead : -1;
    return ahead ?? at[0]!;
  }

  /** The first line ahead of where the quotes stand (within AHEAD) that fits. */
  private find(fits: (line: string) => boolean): number {
    const end = Math.min(this.lines.length, this.next + AHEAD);
    for (let i = this.next; i < end; i++) if (fits(this.lines[i]!.text)) return i;
    return -1;
  }
}
