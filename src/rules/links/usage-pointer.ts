/**
 * review-post:usage-pointer
 *
 * Flags a post that introduces a tool or feature (its title or opening says
 * "using", "introducing", "overview", "how to", "support for" ...) but shows
 * no usage (no code block, no command in inline code) and whose last section
 * gives no link for further reading. A reader who is convinced by the post
 * then has nowhere to go. One comment, on the last paragraph of the post,
 * asks for a short example or a pointer to documentation.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ---
 *   title: Using virtio-fs on a unikernel
 *   ---
 *
 *   Virtio-fs shares the host file system with the guest.
 *
 *   ## Conclusion
 *
 *   See the [documentation](https://virtio-fs.gitlab.io/howto-qemu.html) to try it.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   ---
 *   title: Using virtio-fs on a unikernel
 *   ---
 *
 *   Virtio-fs shares the host file system with the guest.
 *
 *   ## Conclusion
 *
 *   OSv has gained a prominent new feature.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   9:1-9:40: After reading this post I was expecting at least a short example of using virtio-fs on a unikernel (a command line or a configuration snippet). Could you add one, or at least a pointer to further documentation at the end, so that readers know where to look next if they want to try it out?
 */

import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { contextOf } from '../kit/context.js';
import { defineRule } from '../kit/rule.js';

// Wording that announces something the reader may want to try: in the title,
// and (narrower, since "use" is everywhere in prose) in the opening paragraph.
const TITLE_INTRODUCES = /\b(?:using|how to|introduc\w*|overview|getting started|support for|new feature|now supports?|try(?:ing)? out|configuring)\b/i;
const OPENING_INTRODUCES = /\b(?:how to|introduc\w*|overview|getting started|new feature|now supports?)\b/i;
// Inline code that reads as a command rather than a name: words and options.
const COMMAND = /^\$?\s*[\w./-]+\s+(?:-{1,2}\w|[\w./=$-]+\s)/;

function title(tree: Root): string {
  // remark-frontmatter adds `toml` nodes that mdast's types do not declare.
  const matter = tree.children.find((n) => ['yaml', 'toml'].includes(n.type));
  if (!matter || !('value' in matter)) return '';
  const line = /^title\s*[:=]\s*(.*)$/m.exec(matter.value);
  return line?.[1]?.replace(/^["']|["']$/g, '') ?? '';
}

function opening(tree: Root): string {
  const first = tree.children.find((n) => n.type === 'paragraph');
  return first ? toString(first) : '';
}

function showsUsage(tree: Root): boolean {
  let shows = false;
  visit(tree, (node: Nodes) => {
    if (node.type === 'code' || (node.type === 'inlineCode' && COMMAND.test(node.value))) shows = true;
  });
  return shows;
}

/** The blocks after the last heading: what the reader finishes on. */
function lastSection(tree: Root): RootContent[] {
  const index = tree.children.findLastIndex((n): n is Heading => n.type === 'heading');
  return tree.children.slice(index + 1);
}

function hasLink(nodes: RootContent[]): boolean {
  let found = false;
  for (const node of nodes) {
    visit(node, (n: Nodes) => {
      if (n.type === 'link' || n.type === 'linkReference' || n.type === 'definition') found = true;
    });
  }
  return found;
}

const usagePointer = defineRule({ id: 'usage-pointer', severity: 'warning', docs: import.meta.url }, (tree, file) => {
  // A post longer than a review covers was read only in part: its end is not here to judge.
  if (contextOf(file).reviewedUpTo !== undefined) return;
  const introduces = TITLE_INTRODUCES.test(title(tree)) || OPENING_INTRODUCES.test(opening(tree));
  if (!introduces || showsUsage(tree)) return;
  const ending = lastSection(tree);
  if (ending.length === 0 || hasLink(ending)) return;
  const last = ending[ending.length - 1]!;
  const { start, end } = last.position ?? {};
  if (!start || !end) return;
  const using = /^using\s+(.+)$/i.exec(title(tree).trim());
  const subject = using ? `of using ${using[1]}` : 'of how to use it';
  file.message(
    `After reading this post I was expecting at least a short example ${subject}` +
      ' (a command line or a configuration snippet). Could you add one, or at least a pointer' +
      ' to further documentation at the end, so that readers know where to look next if they' +
      ' want to try it out?',
    { place: { start, end } },
  );
});

export default usagePointer;
