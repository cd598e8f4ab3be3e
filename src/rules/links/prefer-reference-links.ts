/**
 * review-post:prefer-reference-links
 *
 * Flags a URL written out in full three times or more (after normalising
 * case, http/https and a trailing slash). Repeated URLs make the source hard
 * to read and drift apart when one copy is fixed; declared once as a
 * reference definition at the end of the file, the URL is written one time
 * and each link names it. The comment sits at the second occurrence and shows
 * the definition to add and the links that would use it.
 *
 * Why three: a URL written twice is common in reviewed, published posts (one
 * in six of the 821 in the false-alarm corpus) and reviewers let it pass; at
 * three the advice is worth a comment. The option `{"minimum": 2}` makes the
 * rule stricter.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   [Virtio-fs][virtio-fs] shares files, and [virtio-fs][] is fast.
 *
 *   See [the home page](https://virtio-fs.gitlab.io/) or [its
 *   site](https://virtio-fs.gitlab.io/).
 *
 *   [virtio-fs]: https://virtio-fs.gitlab.io/
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   [Virtio-fs](https://virtio-fs.gitlab.io/) shares files.
 *
 *   It is [fast](https://virtio-fs.gitlab.io).
 *
 *   Try [virtio-fs](https://virtio-fs.gitlab.io/).
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   3:7-3:42: The URL https://virtio-fs.gitlab.io is already written out on line 1 (and again on line 5). I'd declare it once at the end of the file, `[virtio-fs]: https://virtio-fs.gitlab.io/`, and write `[Virtio-fs][]` and `[fast][virtio-fs]` and `[virtio-fs][]` instead.
 *
 * @example
 *   {"name": "not-ok-minimum.md", "label": "input", "config": {"minimum": 2}}
 *
 *   It is [fast](https://virtio-fs.gitlab.io/) and [easy](https://virtio-fs.gitlab.io/).
 * @example
 *   {"name": "not-ok-minimum.md", "label": "output"}
 *
 *   1:48-1:84: The URL https://virtio-fs.gitlab.io/ is already written out on line 1. I'd declare it once at the end of the file, `[fast]: https://virtio-fs.gitlab.io/`, and write `[fast][]` and `[easy][fast]` instead.
 */

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { TextEdit } from '../../core/types.js';
import { attachFix } from '../kit/context.js';
import { sourceEdit } from '../kit/text.js';
import { definitions, normalizeUrl, referenceLabel, writtenLinks, type WrittenLink } from '../kit/links.js';
import { defineRule } from '../kit/rule.js';

function referenceForm(link: WrittenLink, label: string): string {
  const bang = link.node.type === 'image' ? '!' : '';
  return link.text.trim().toLowerCase() === label ? `${bang}[${link.text}][]` : `${bang}[${link.text}][${label}]`;
}

export interface Options {
  /** How many times a URL may be written before the rule speaks up. */
  minimum?: number;
}

const DEFAULT_MINIMUM = 3;

// A URL written a hundred times makes a message of a hundred lines: name a few.
const LISTED = 5;

function listed(items: string[], separator = ', '): string {
  if (items.length <= LISTED) return items.join(separator);
  return `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more`;
}

const DEFINITION_LINE = /^\[[^\]]+\]:\s/;

/**
 * The edits that write every link to the URL as a reference and declare it
 * once at the end of the file, when nothing can go wrong: each link is
 * `[text](url)` with this exact URL and no title, and the label is free (or
 * already names this URL).
 */
function referenceFix(tree: Root, file: VFile, links: WrittenLink[], label: string, url: string): TextEdit[] | undefined {
  const doc = String(file.value);
  const known = definitions(tree).get(label);
  if ((known && known.url !== url) || /[[\]]/.test(label)) return undefined;
  const edits: TextEdit[] = [];
  for (const link of links) {
    const start = link.node.position?.start.offset;
    const end = link.node.position?.end.offset;
    if (!link.inline || link.url !== url || link.node.title || start === undefined || end === undefined) return undefined;
    const source = doc.slice(start, end);
    const at = source.lastIndexOf('](');
    if (at < 0 || source.slice(at) !== `](${url})`) return undefined;
    // `[Text][]` only when the written text is the label itself; emphasis inside would not match it.
    const written = source.slice(source.startsWith('!') ? 2 : 1, at);
    edits.push(sourceEdit(doc, start + at, end, written.toLowerCase().replace(/\s+/g, ' ').trim() === label ? '][]' : `][${label}]`));
  }
  if (!known) {
    const lines = doc.trimEnd().split('\n');
    const after = DEFINITION_LINE.test(lines[lines.length - 1] ?? '') ? '' : '\n';
    const definition = `[${label}]: ${url}`;
    edits.push(sourceEdit(doc, doc.length, doc.length, doc.endsWith('\n') ? `${after}${definition}\n` : `\n${after}${definition}`));
  }
  return edits;
}

const preferReferenceLinks = defineRule<Options>({ id: 'prefer-reference-links', severity: 'warning', docs: import.meta.url, options: { minimum: 'number' } }, (tree, file, options) => {
  const minimum = Math.max(2, options?.minimum ?? DEFAULT_MINIMUM);
  const byUrl = new Map<string, WrittenLink[]>();
  for (const link of writtenLinks(tree, file)) {
    // Only a URL typed out in full is worth declaring once; fragment-only and
    // relative links are short.
    if (!/^https?:\/\//i.test(link.url)) continue;
    const key = normalizeUrl(link.url);
    const same = byUrl.get(key);
    if (same) same.push(link);
    else byUrl.set(key, [link]);
  }
  for (const links of byUrl.values()) {
    if (links.length < minimum) continue;
    const [first, second] = links as [WrittenLink, WrittenLink, ...WrittenLink[]];
    const label = referenceLabel(first.text, first.url);
    const others = links.slice(2).map((l) => l.node.position?.start.line);
    const more = others.length > 0 ? ` (and again on line${others.length > 1 ? 's' : ''} ${listed(others.map(String))})` : '';
    // The forms to write differ only by link text: one of each is enough.
    const rewrites = [...new Set(links.filter((l) => l.inline).map((l) => `\`${referenceForm(l, label)}\``))];
    const definition = `[${label}]: ${first.url}`;
    const instead = rewrites.length > 0 ? `, and write ${listed(rewrites, ' and ')} instead` : '';
    const message = file.message(
      `The URL ${second.url} is already written out on line ${first.node.position?.start.line}${more}. ` +
        `I'd declare it once at the end of the file, \`${definition}\`${instead}.`,
      { place: second.node.position },
    );
    message.expected = [definition];
    const fix = referenceFix(tree, file, links, label, first.url);
    if (fix) attachFix(message, fix);
  }
});

export default preferReferenceLinks;
