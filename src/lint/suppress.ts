// Silencing one finding without losing the rule, in the post itself:
//   <!-- review-post disable rule-id other-id -->  ...  <!-- review-post enable -->
//   <!-- review-post disable-next-line rule-id -->
// and remark's own `<!--lint disable rule-id-->`, `enable` and `ignore`.
// With no rule ids, a comment applies to every rule.

import type { Html, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Finding } from '../core/types.js';

interface Directive {
  verb: 'disable' | 'enable' | 'disable-next-line' | 'ignore';
  rules: string[];
  line: number;
  /** For `disable-next-line` and `ignore`: the last line they cover. */
  until: number;
}

const COMMENT = /^<!--\s*(review-post|lint)\s+(disable-next-line|disable|enable|ignore)\b([^>]*?)\s*-->$/;

/** The line after the comment, or for remark's `ignore` the whole next block. */
function coverage(tree: Root, node: Html, verb: Directive['verb']): number {
  const end = node.position?.end.line ?? 0;
  if (verb === 'disable-next-line') return end + 1;
  if (verb !== 'ignore') return end;
  const next = tree.children.find((n) => (n.position?.start.line ?? 0) > end);
  return next?.position?.end.line ?? end;
}

function directives(tree: Root): Directive[] {
  const found: Directive[] = [];
  visit(tree, 'html', (node: Html) => {
    // A block may hold several comments, one per line.
    for (const text of node.value.split('\n')) {
      const m = COMMENT.exec(text.trim());
      if (!m || !node.position) continue;
      const verb = m[2] as Directive['verb'];
      // Our own rule ids may come with the `review-post:` prefix remark users write.
      const rules = (m[3] ?? '').split(/[\s,]+/).filter(Boolean).map((r) => r.replace(/^review-post:/, ''));
      found.push({ verb, rules, line: node.position.start.line, until: coverage(tree, node, verb) });
    }
  });
  return found.sort((a, b) => a.line - b.line);
}

function applies(d: Directive, rule: string): boolean {
  return d.rules.length === 0 || d.rules.includes(rule);
}

/** Whether the finding sits where a comment silenced its rule. */
function silenced(f: Finding, all: Directive[]): boolean {
  let off = false;
  for (const d of all) {
    if (d.line > f.line) break;
    if (!applies(d, f.rule)) continue;
    if (d.verb === 'disable') off = true;
    else if (d.verb === 'enable') off = false;
    else if (f.line > d.line && f.line <= d.until) return true;
  }
  return off;
}

export function withoutSuppressed(tree: Root, findings: Finding[]): Finding[] {
  const all = directives(tree);
  return all.length === 0 ? findings : findings.filter((f) => !silenced(f, all));
}

/** Rule ids a commit message trailer `Review-post-ignore: a, b` silences for its patch. */
export function trailerIgnores(trailers: string[]): Set<string> {
  const ids = new Set<string>();
  for (const t of trailers) {
    const m = /^review-post-ignore:\s*(.*)$/i.exec(t);
    if (m) for (const id of m[1]!.split(/[\s,]+/).filter(Boolean)) ids.add(id.replace(/^review-post:/, ''));
  }
  return ids;
}
