// Which lines of the earlier version became which lines of the later one, the
// way `git range-diff` matches the commits of two versions of a series rather
// than their positions: paragraphs are the units, paired by what they hold
// (assign.ts), so a paragraph that moved is found where it went and one that
// was re-wrapped is the same paragraph; within a pair, a word diff (Myers)
// tells which words were kept, dropped or added.

import { commonPairs } from '../core/diff.js';
import { assign, CREATION_FACTOR } from './assign.js';

interface Token {
  text: string;
  /** 1-based line in its document. */
  line: number;
  /** Columns in that line, end exclusive. */
  start: number;
  end: number;
}

interface Paragraph {
  /** 1-based first and last line. */
  first: number;
  last: number;
  tokens: Token[];
}

/** What became of some lines of the earlier version. */
export interface LinesChange {
  /** The lines hold words at all (not only blank lines). */
  found: boolean;
  /** A word of them was dropped or replaced, or words were added among or right after them. */
  changed: boolean;
  /** Every word of them is gone. */
  gone: boolean;
  /** Their paragraph stands elsewhere in the later version. */
  moved: boolean;
  /** Lines of the later version that hold the kept words, or the added text when none is kept. */
  newLines: number[];
  /** Words added among or right after them (paragraphs inserted after theirs included). */
  added: string;
  /** Words added anywhere in their paragraph, or in the paragraphs that took its place or follow it. */
  addedNearby: string;
  /** Their words dropped. */
  removed: string;
  /** The lines themselves, and their whole paragraph, as they were. */
  oldText: string;
  oldParagraph: string;
  /** What stands in their place in the later version. */
  newText: string;
}

// A URL, a word (with inner apostrophes), or any other visible character.
const TOKEN = /https?:\/\/[^\s)>\]]+|[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*|\S/gu;

function paragraphsOf(lines: readonly string[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  lines.forEach((text, i) => {
    if (text.trim() === '') {
      current = undefined;
      return;
    }
    if (!current) {
      current = { first: i + 1, last: i + 1, tokens: [] };
      paragraphs.push(current);
    }
    current.last = i + 1;
    for (const m of text.matchAll(TOKEN)) current.tokens.push({ text: m[0], line: i + 1, start: m.index, end: m.index + m[0].length });
  });
  return paragraphs;
}

/** The size of the difference between two bags of words: what one has that the other lacks. */
function bagDistance(a: Token[], b: Token[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
  let distance = 0;
  for (const t of b) {
    const n = counts.get(t.text) ?? 0;
    if (n > 0) counts.set(t.text, n - 1);
    else distance++;
  }
  for (const n of counts.values()) distance += n;
  return distance;
}

/** Tokens as text: a space where the source had white space or a line break between them. */
function joined(tokens: Token[]): string {
  let out = '';
  let previous: Token | undefined;
  for (const t of tokens) {
    if (previous) out += previous.line === t.line && previous.end === t.start ? '' : ' ';
    out += t.text;
    previous = t;
  }
  return out;
}

function keyOf(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

/** Above this many pairs the heaviest run gives way to the longest (quadratic against n log n). */
const MAX_WEIGHED = 3000;

/**
 * Indices of the increasing run of `values` that keeps the most weight in
 * place: of two sections that swapped, the smaller one is the one that moved
 * (as git's --color-moved and range-diff show it).
 */
function increasing(values: number[], weights: number[]): Set<number> {
  const n = values.length;
  const previous = new Array<number>(n).fill(-1);
  let end = -1;
  if (n <= MAX_WEIGHED) {
    const best = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      best[i] = weights[i]!;
      for (let k = 0; k < i; k++) {
        if (values[k]! < values[i]! && best[k]! + weights[i]! > best[i]!) {
          best[i] = best[k]! + weights[i]!;
          previous[i] = k;
        }
      }
      if (end < 0 || best[i]! > best[end]!) end = i;
    }
  } else {
    const tails: number[] = [];
    values.forEach((value, i) => {
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (values[tails[mid]!]! < value) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) previous[i] = tails[lo - 1]!;
      tails[lo] = i;
    });
    end = tails[tails.length - 1] ?? -1;
  }
  const kept = new Set<number>();
  for (let i = end; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

interface PairDiff {
  /** Per old token: its new token's index, or -1. */
  oldToNew: number[];
  /** Per new token: the index of the old token kept just before it (-1: none), for added ones; the old index for kept ones. */
  newAnchor: number[];
  newKept: boolean[];
}

export class Alignment {
  readonly oldParagraphs: Paragraph[];
  readonly newParagraphs: Paragraph[];
  /** Per old paragraph: its new partner, or -1. */
  readonly partner: number[];
  private readonly moved = new Set<number>();
  private readonly diffs = new Map<number, PairDiff>();
  private readonly paragraphOfLine = new Map<number, number>();

  constructor(oldLines: readonly string[], newLines: readonly string[]) {
    this.oldParagraphs = paragraphsOf(oldLines);
    this.newParagraphs = paragraphsOf(newLines);
    this.oldParagraphs.forEach((p, i) => {
      for (let line = p.first; line <= p.last; line++) this.paragraphOfLine.set(line, i);
    });
    this.partner = this.pair();
    const paired = this.partner.flatMap((j, i) => (j >= 0 ? [i] : []));
    const inOrder = increasing(
      paired.map((i) => this.partner[i]!),
      paired.map((i) => this.oldParagraphs[i]!.tokens.length),
    );
    paired.forEach((i, k) => {
      if (!inOrder.has(k)) this.moved.add(i);
    });
  }

  /** Equal paragraphs first (in order, then moved ones), the rest by least cost. */
  private pair(): number[] {
    const keysOld = this.oldParagraphs.map((p) => keyOf(p.tokens));
    const keysNew = this.newParagraphs.map((p) => keyOf(p.tokens));
    const partner = new Array<number>(keysOld.length).fill(-1);
    const takenNew = new Set<number>();
    for (const [i, j] of commonPairs(keysOld, keysNew)) {
      partner[i] = j;
      takenNew.add(j);
    }
    const freeNew = new Map<string, number[]>();
    keysNew.forEach((key, j) => {
      if (takenNew.has(j)) return;
      const list = freeNew.get(key);
      if (list) list.push(j);
      else freeNew.set(key, [j]);
    });
    keysOld.forEach((key, i) => {
      if (partner[i] !== -1) return;
      const j = freeNew.get(key)?.shift();
      if (j !== undefined) {
        partner[i] = j;
        takenNew.add(j);
      }
    });
    const restOld = partner.flatMap((j, i) => (j === -1 ? [i] : []));
    const restNew = keysNew.flatMap((_, j) => (takenNew.has(j) ? [] : [j]));
    const chosen = assign(
      restOld.length,
      restNew.length,
      (a, b) => bagDistance(this.oldParagraphs[restOld[a]!]!.tokens, this.newParagraphs[restNew[b]!]!.tokens),
      (index, side) => CREATION_FACTOR * (side === 'left' ? this.oldParagraphs[restOld[index]!]! : this.newParagraphs[restNew[index]!]!).tokens.length,
    );
    chosen.forEach((b, a) => {
      if (b >= 0) partner[restOld[a]!] = restNew[b]!;
    });
    return partner;
  }

  private diffOf(i: number): PairDiff {
    const known = this.diffs.get(i);
    if (known) return known;
    const a = this.oldParagraphs[i]!.tokens.map((t) => t.text);
    const b = this.newParagraphs[this.partner[i]!]!.tokens.map((t) => t.text);
    const oldToNew = new Array<number>(a.length).fill(-1);
    const newAnchor = new Array<number>(b.length).fill(-1);
    const newKept = new Array<boolean>(b.length).fill(false);
    for (const [x, y] of commonPairs(a, b)) {
      oldToNew[x] = y;
      newKept[y] = true;
    }
    let last = -1;
    for (let y = 0, x = 0; y < b.length; y++) {
      if (newKept[y]) {
        while (oldToNew[x] !== y) x++;
        last = x;
      }
      newAnchor[y] = last;
    }
    const diff = { oldToNew, newAnchor, newKept };
    this.diffs.set(i, diff);
    return diff;
  }

  /** New paragraphs that nothing old became, standing right after new paragraph `j` (or first, for -1). */
  private insertedAfter(j: number): Paragraph[] {
    const pairedNew = new Set(this.partner.filter((p) => p >= 0));
    const out: Paragraph[] = [];
    for (let k = j + 1; k < this.newParagraphs.length && !pairedNew.has(k); k++) out.push(this.newParagraphs[k]!);
    return out;
  }

  /** The new paragraph an unpaired old one's neighbours point to: where its replacement would stand. */
  private neighbourBefore(i: number): number {
    for (let k = i - 1; k >= 0; k--) if (this.partner[k]! >= 0) return this.partner[k]!;
    return -1;
  }

  /** What became of old lines `lines` (1-based); lines of several paragraphs are taken together. */
  changeOf(lines: readonly number[]): LinesChange {
    const byParagraph = new Map<number, Set<number>>();
    for (const line of lines) {
      const p = this.paragraphOfLine.get(line);
      if (p === undefined) continue;
      const set = byParagraph.get(p);
      if (set) set.add(line);
      else byParagraph.set(p, new Set([line]));
    }
    const result: LinesChange = { found: false, changed: false, gone: true, moved: false, newLines: [], added: '', addedNearby: '', removed: '', oldText: '', oldParagraph: '', newText: '' };
    const added: Token[][] = [];
    const nearby: Token[][] = [];
    const removed: string[] = [];
    const oldText: string[] = [];
    const oldParagraph: string[] = [];
    const newText: string[] = [];
    const newLines = new Set<number>();
    for (const [i, set] of [...byParagraph].sort((x, y) => x[0] - y[0])) {
      const paragraph = this.oldParagraphs[i]!;
      const indices = paragraph.tokens.flatMap((t, k) => (set.has(t.line) ? [k] : []));
      if (indices.length === 0) continue;
      result.found = true;
      const first = indices[0]!;
      const last = indices[indices.length - 1]!;
      oldText.push(joined(indices.map((k) => paragraph.tokens[k]!)));
      const keep = (run: Token[], inside: boolean): void => {
        nearby.push(run);
        if (inside) added.push(run);
      };
      oldParagraph.push(joined(paragraph.tokens));
      const endsParagraph = last === paragraph.tokens.length - 1;
      const j = this.partner[i]!;
      if (j < 0) {
        // The whole paragraph is gone: what stands between its neighbours took its place.
        result.changed = true;
        removed.push(joined(indices.map((k) => paragraph.tokens[k]!)));
        const instead = this.insertedAfter(this.neighbourBefore(i));
        for (const p of instead) {
          keep(p.tokens, true);
          newText.push(joined(p.tokens));
          for (let line = p.first; line <= p.last; line++) newLines.add(line);
        }
        continue;
      }
      if (this.moved.has(i)) result.moved = true;
      const diff = this.diffOf(i);
      const target = this.newParagraphs[j]!;
      newText.push(joined(target.tokens));
      for (const k of indices) {
        const y = diff.oldToNew[k]!;
        if (y < 0) removed.push(paragraph.tokens[k]!.text);
        else {
          result.gone = false;
          newLines.add(target.tokens[y]!.line);
        }
      }
      // Added words in runs: a run stands after one kept old word (its anchor).
      let run: Token[] = [];
      const flush = (anchor: number): void => {
        if (run.length === 0) return;
        const inside = (anchor >= first && anchor <= last) || (anchor === -1 && first === 0) || (endsParagraph && anchor >= last);
        keep(run, inside);
        if (inside && result.gone) for (const t of run) newLines.add(t.line);
        run = [];
      };
      target.tokens.forEach((t, y) => {
        if (diff.newKept[y]) flush(diff.newAnchor[y - 1] ?? -1);
        else run.push(t);
      });
      flush(diff.newAnchor[target.tokens.length - 1] ?? -1);
      for (const p of this.insertedAfter(j)) {
        keep(p.tokens, endsParagraph);
        if (!endsParagraph) continue;
        newText.push(joined(p.tokens));
        if (result.gone) for (let line = p.first; line <= p.last; line++) newLines.add(line);
      }
    }
    if (!result.found) result.gone = false;
    result.changed = result.changed || removed.length > 0 || added.length > 0;
    result.added = added.map(joined).join(' ');
    result.addedNearby = nearby.map(joined).join(' ');
    result.removed = removed.join(' ');
    result.oldText = oldText.join(' ');
    result.oldParagraph = oldParagraph.join(' ');
    result.newText = newText.join(' ');
    result.newLines = [...newLines].sort((a, b) => a - b);
    return result;
  }

  /** Lines of the later version that hold words the earlier one did not have there. */
  changedNewLines(): Set<number> {
    const changed = new Set<number>();
    const pairedNew = new Map<number, number>();
    this.partner.forEach((j, i) => {
      if (j >= 0) pairedNew.set(j, i);
    });
    this.newParagraphs.forEach((p, j) => {
      const i = pairedNew.get(j);
      if (i === undefined) {
        for (let line = p.first; line <= p.last; line++) changed.add(line);
        return;
      }
      const diff = this.diffOf(i);
      p.tokens.forEach((t, y) => {
        if (!diff.newKept[y]) changed.add(t.line);
      });
    });
    return changed;
  }

  /** The line of the later version that old line `line` became, when any of its words is kept. */
  newLineOf(line: number): number | undefined {
    return this.changeOf([line]).newLines[0];
  }
}
