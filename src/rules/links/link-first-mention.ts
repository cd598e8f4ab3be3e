/**
 * review-post:link-first-mention
 *
 * Flags a paragraph that mentions a project, tool or specification before
 * the paragraph that links it. A reader meets the name first where it is not
 * linked, so the link belongs there. Only names (mixed case, all capitals, a
 * hyphen or a digit: "OSv", "FUSE", "virtio-fs") linked to their own site or
 * repository count; a link to one page deep inside a site is a pointer to a
 * detail, not an introduction. One comment per paragraph names all its terms;
 * when the existing link is written inline, it also suggests declaring the URL
 * once as a reference definition, so that linking twice does not write it twice.
 *
 * A site may also name the homes of terms it knows (`links` in the config,
 * e.g. `{"virtio-fs": "https://virtio-fs.gitlab.io/"}`): a post that mentions
 * such a term and never links it is asked to link it at its first mention.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   This post is about [OSv](https://github.com/cloudius-systems/osv).
 *
 *   OSv is a unikernel that runs on [QEMU][].
 *
 *   QEMU can run it, see the [QEMU docs](https://www.qemu.org/docs/master/).
 *
 *   [QEMU]: https://www.qemu.org/
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   An overview of virtio-fs and OSv, and how they fit together.
 *
 *   [Virtio-fs](https://virtio-fs.gitlab.io/) is a shared file system.
 *
 *   [OSv](https://github.com/cloudius-systems/osv) is a unikernel.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:16-1:61: I'd add the links to virtio-fs and OSv in this paragraph already, since they are mentioned here for the first time. For links that you want to use more than once, you can declare them at the end of the file, so that you only write the URL once: `[virtio-fs]: https://virtio-fs.gitlab.io/` and `[osv]: https://github.com/cloudius-systems/osv`, then write `[virtio-fs][]` wherever you need the link.
 */

import type { Nodes, Parents, Root } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import { contextOf } from '../kit/context.js';
import { definitions, isHomeOf, normalizeUrl, referenceLabel, writtenLinks } from '../kit/links.js';
import { defineRule } from '../kit/rule.js';

interface Term {
  text: string;
  url: string;
  /** Offset where the term is first linked; Infinity when the post never links it. */
  linkedAt: number;
  inline: boolean;
}

interface Mention {
  term: Term;
  spelling: string;
  start: Point;
  paragraph: Nodes;
}

const MAX_TERM_WORDS = 3;

/** A name rather than a common word: the only terms worth a link at first sight. */
function looksLikeName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length === 0 || words.length > MAX_TERM_WORDS || text.length < 2 || text.length > 40) return false;
  return /[-\d]/.test(text) || /.[A-Z]/.test(text) || /^[A-Z]{2,}$/.test(text);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a term is introduced by a link to its home, first occurrence only. */
function linkedTerms(tree: Root, file: VFile): Term[] {
  const terms = new Map<string, Term>();
  const add = (text: string, url: string, offset: number | undefined, inline: boolean): void => {
    const key = text.trim().toLowerCase();
    if (offset === undefined || terms.has(key) || !looksLikeName(text) || !isHomeOf(text, url)) return;
    terms.set(key, { text: text.trim(), url, linkedAt: offset, inline });
  };
  for (const link of writtenLinks(tree, file)) {
    if (link.node.type === 'link' && !link.inHeading) {
      add(link.text, link.url, link.node.position?.start.offset, link.inline);
    }
  }
  const defs = definitions(tree);
  visitParents(tree, 'linkReference', (node, ancestors: Parents[]) => {
    const def = defs.get(node.identifier.toLowerCase());
    if (!def || ancestors.some((a) => a.type === 'heading')) return;
    const text = node.children.map((c) => ('value' in c ? c.value : '')).join('');
    add(text, def.url, node.position?.start.offset, false);
  });
  return [...terms.values()];
}

/**
 * Terms the site's settings know a home for (`links` in the config) that the
 * post never links to: they should be linked where they first appear.
 */
function knownTerms(file: VFile, linked: Term[], urls: Set<string>): Term[] {
  const known = contextOf(file).settings?.links ?? {};
  const taken = new Set(linked.map((t) => t.text.toLowerCase()));
  return Object.entries(known)
    .filter(([text, url]) => !taken.has(text.toLowerCase()) && !urls.has(normalizeUrl(url)))
    .map(([text, url]) => ({ text, url, linkedAt: Infinity, inline: false }));
}

/** Each term's first unlinked mention in prose before it is linked. */
function firstMentions(tree: Root, terms: Term[]): Mention[] {
  const patterns = terms.map((term) => ({
    term,
    // A hyphen continuing the word makes another name ("OSv-specific").
    regex: new RegExp(`(?<![\\w-])${escapeRegExp(term.text)}(?![\\w]|-\\w)`, 'gi'),
  }));
  const mentions = new Map<Term, Mention>();
  visitParents(tree, 'text', (node, ancestors: Parents[]) => {
    if (ancestors.some((a) => ['heading', 'link', 'linkReference', 'definition'].includes(a.type))) return;
    const paragraph = ancestors.findLast((a) => a.type === 'paragraph');
    const start = node.position?.start;
    if (!paragraph || start?.offset === undefined) return;
    const parent = ancestors[ancestors.length - 1];
    const next = parent && 'children' in parent ? parent.children[parent.children.indexOf(node as never) + 1] : undefined;
    for (const { term, regex } of patterns) {
      if (mentions.has(term) || start.offset >= term.linkedAt) continue;
      regex.lastIndex = 0;
      const match = regex.exec(node.value);
      if (!match) continue;
      // "PuTTY[^putty]": a footnote right after the name links it.
      const atEnd = match.index + match[0].length === node.value.length;
      if (atEnd && next?.type === 'footnoteReference') continue;
      mentions.set(term, { term, spelling: match[0], paragraph, start: pointAt(node.value, start, match.index) });
    }
  });
  return [...mentions.values()];
}

/** The point `index` characters into a text node that starts at `start`. */
function pointAt(value: string, start: Point, index: number): Point {
  const before = value.slice(0, index);
  const lines = before.split('\n');
  const line = start.line + lines.length - 1;
  const column = lines.length === 1 ? start.column + index : lines[lines.length - 1]!.length + 1;
  return { line, column, offset: (start.offset ?? 0) + index };
}

function listing(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** What to say about terms the post links later, and about terms it never links. */
function advice(mentions: Mention[]): string {
  const later = mentions.filter((m) => m.term.linkedAt !== Infinity).map((m) => m.spelling);
  const never = mentions.filter((m) => m.term.linkedAt === Infinity).map((m) => `${m.spelling} (${m.term.url})`);
  const parts: string[] = [];
  if (later.length > 1) parts.push(`I'd add the links to ${listing(later)} in this paragraph already, since they are mentioned here for the first time.`);
  if (later.length === 1) parts.push(`I'd add the link to ${later[0]} in this paragraph already, since it is mentioned here for the first time.`);
  if (never.length > 0) parts.push(`I'd link ${listing(never)} here, where ${never.length > 1 ? 'they are' : 'it is'} first mentioned.`);
  return parts.join(' ');
}

const linkFirstMention = defineRule({ id: 'link-first-mention', severity: 'warning', docs: import.meta.url }, (tree, file) => {
  const linked = linkedTerms(tree, file);
  const urls = new Set(writtenLinks(tree, file).map((l) => normalizeUrl(l.url)));
  for (const def of definitions(tree).values()) urls.add(normalizeUrl(def.url));
  const byParagraph = new Map<Nodes, Mention[]>();
  for (const mention of firstMentions(tree, [...linked, ...knownTerms(file, linked, urls)])) {
    byParagraph.set(mention.paragraph, [...(byParagraph.get(mention.paragraph) ?? []), mention]);
  }
  for (const [paragraph, mentions] of byParagraph) {
    mentions.sort((a, b) => (a.start.offset ?? 0) - (b.start.offset ?? 0));
    let reason = advice(mentions);
    const inline = mentions.filter((m) => m.term.inline);
    const defs = inline.map((m) => `[${referenceLabel(m.spelling, m.term.url)}]: ${m.term.url}`);
    if (inline.length > 0) {
      const first = referenceLabel(inline[0]!.spelling, inline[0]!.term.url);
      reason +=
        ` For links that you want to use more than once, you can declare them at the end of the file,` +
        ` so that you only write the URL once: ${listing(defs.map((d) => `\`${d}\``))},` +
        ` then write \`[${first}][]\` wherever you need the link.`;
    }
    const start = mentions[0]!.start;
    const message = file.message(reason, { place: { start, end: paragraph.position?.end ?? start } });
    message.expected = mentions.map((m) => `[${m.spelling}](${m.term.url})`);
  }
});

export default linkFirstMention;
