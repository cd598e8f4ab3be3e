// Which of the rules' certain edits may be made together, and making them.
// An edit is refused inside code, HTML, block quotes and quotation marks
// (someone's words), inside a URL (an edit may replace a link's whole
// destination, never part of it), in front matter unless the front-matter
// rule (which reads the site model) made it, and on lines the patch did not
// write; of edits that overlap, the first in the post wins and the others
// wait for the next pass, as ESLint's --fix does.

import type { Nodes, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import type { Finding, TextEdit } from '../core/types.js';
import { markdownProcessor } from '../lint/processor.js';

/** An edit as offsets into the text, end exclusive. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** A finding whose edits were chosen, as offsets. */
export interface ChosenFix {
  finding: Finding;
  edits: OffsetEdit[];
}

interface Span {
  start: number;
  end: number;
  /** May be replaced whole (a link's destination), never in part. */
  whole?: true;
  /** The one rule allowed inside. */
  rule?: string;
}

const parser = markdownProcessor([]);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A line and column (1-based) as an offset; undefined when it is not in the text. */
function offsetOf(starts: number[], text: string, line: number, column: number): number | undefined {
  const lineStart = starts[line - 1];
  if (lineStart === undefined || column < 1) return undefined;
  const lineEnd = line < starts.length ? starts[line]! - 1 : text.length;
  const offset = lineStart + column - 1;
  return offset <= lineEnd ? offset : undefined;
}

export function toOffsets(text: string, edits: TextEdit[]): OffsetEdit[] | undefined {
  const starts = lineStarts(text);
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    const start = offsetOf(starts, text, e.line, e.column);
    const end = offsetOf(starts, text, e.endLine, e.endColumn);
    if (start === undefined || end === undefined || end < start) return undefined;
    out.push({ start, end, text: e.text });
  }
  return out;
}

/** The parts of a post that no edit may touch, or only as a whole. */
function protectedSpans(text: string): Span[] {
  const tree = parser.parse(text) as Root;
  const spans: Span[] = [];
  visitParents(tree, (node: Nodes) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // remark-frontmatter adds `toml` nodes, which mdast's types do not list.
    if ((node.type as string) === 'toml') {
      spans.push({ start, end, rule: 'front-matter' });
      return;
    }
    switch (node.type) {
      case 'code':
      case 'inlineCode':
      case 'html':
      case 'blockquote':
      case 'definition':
      case 'footnoteDefinition':
        spans.push({ start, end });
        return;
      case 'yaml':
        spans.push({ start, end, rule: 'front-matter' });
        return;
      case 'link':
      case 'image': {
        const source = text.slice(start, end);
        const at = source.startsWith('[') || source.startsWith('![') ? source.lastIndexOf('](') : -1;
        // An autolink or a bare URL is all URL; `[text](url)` only from `](`.
        spans.push({ start: at >= 0 ? start + at : start, end, whole: true });
        return;
      }
      case 'paragraph':
      case 'heading':
        for (const m of text.slice(start, end).matchAll(/"[^"\n]{1,300}"|“[^”]{1,300}”/g)) spans.push({ start: start + m.index, end: start + m.index + m[0].length });
        return;
      default:
        return;
    }
  });
  return spans;
}

function allowed(edit: OffsetEdit, rule: string, spans: Span[]): boolean {
  return spans.every((span) => {
    if (span.rule === rule) return true;
    if (edit.start === edit.end) return edit.start <= span.start || edit.start >= span.end;
    const apart = edit.end <= span.start || edit.start >= span.end;
    if (apart) return true;
    return span.whole === true && edit.start <= span.start && edit.end >= span.end;
  });
}

function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  const aInserts = a.start === a.end;
  const bInserts = b.start === b.end;
  if (aInserts && bInserts) return a.start === b.start;
  if (aInserts) return a.start > b.start && a.start < b.end;
  if (bInserts) return b.start > a.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

export interface ChooseOptions {
  /** Whether an edit of these offsets lies on lines the patch wrote (a changed post's other lines are not the author's). */
  writable: (edit: OffsetEdit) => boolean;
  /** Fixes refused before (they did not make their finding go): not tried again. */
  refused: Set<string>;
}

/** A fix's identity independent of where it stands: rule, message and what it changes into what. */
export function fixKey(text: string, fix: ChosenFix): string {
  return [fix.finding.rule, fix.finding.message, ...fix.edits.map((e) => `${text.slice(e.start, e.end)}\u0000${e.text}`)].join('\u0001');
}

/** The findings' fixes that can be made together in one pass, in the order of the post. */
export function chooseFixes(text: string, findings: Finding[], options: ChooseOptions): ChosenFix[] {
  const spans = protectedSpans(text);
  const candidates: ChosenFix[] = [];
  for (const finding of findings) {
    if (!finding.fix || finding.fix.length === 0) continue;
    const edits = toOffsets(text, finding.fix);
    if (!edits) continue;
    const fix = { finding, edits };
    if (options.refused.has(fixKey(text, fix))) continue;
    if (edits.every((e) => options.writable(e) && allowed(e, finding.rule, spans))) candidates.push(fix);
  }
  candidates.sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)));
  const chosen: ChosenFix[] = [];
  const taken: OffsetEdit[] = [];
  for (const fix of candidates) {
    const own = fix.edits.some((e, i) => fix.edits.some((f, j) => i < j && overlaps(e, f)));
    if (own || fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

/** The text with the edits made (they must not overlap). */
export function applyEdits(text: string, edits: OffsetEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Where an offset of the text stands once the edits are made. */
export function shifted(offset: number, edits: OffsetEdit[]): number {
  let delta = 0;
  for (const e of edits) if (e.end <= offset) delta += e.text.length - (e.end - e.start);
  return offset + delta;
}
