/**
 * review-post:heading-structure
 *
 * Flags a level-1 heading in the body of a Jekyll post, where the layout
 * already prints the title as the page's level-1 heading (one finding, at the
 * first such heading), and a heading that skips a level (`##` then `####`),
 * which breaks the outline that tables of contents and screen readers use.
 * In a Jekyll post the body starts at level 2, so a first heading at level 3
 * skips one too. Where the body may start at level 1, only skips between
 * body headings count: on a site most of whose posts use `#` for sections
 * (learned from its checkout), and for TOML front matter (the Rust blog,
 * on Zola, prints the title as `<h2>`). The option `{"topLevel": 2}` sets
 * the highest level the body may use.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ---
 *   title: "Using virtio-fs on a unikernel"
 *   ---
 *
 *   ## virtio-fs
 *
 *   ### The DAX window
 *
 *   ## OSv
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   ---
 *   title: "QEMU TCG Tests"
 *   ---
 *
 *   # Cross Compilers
 *
 *   #### Docker
 *
 *   # What's next
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   5:1-5:18: The layout already prints the title as the page's level-1 heading, so `# Cross Compilers` (and 1 more) would compete with it. I'd make the body's top headings `##` and move the ones below down a level.
 *   7:1-7:12: `#### Docker` comes right after a level-1 heading (line 5), skipping levels 2 and 3; tables of contents and screen readers rely on the levels nesting. I'd make it `##`.
 *
 * @example
 *   {"name": "ok-top-level.md", "config": {"topLevel": 1}}
 *
 *   ---
 *   title: "QEMU TCG Tests"
 *   ---
 *
 *   # Cross Compilers
 *
 *   ## Docker
 */

import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { contextOf } from '../kit/context.js';
import { readFrontMatter } from '../kit/front-matter.js';
import { learnedSite } from '../kit/habits.js';
import { defineRule } from '../kit/rule.js';

export interface Options {
  /** The highest level a heading in the body may have. */
  topLevel?: number;
}

function written(node: Heading): string {
  const text = toString(node).replace(/\s+/g, ' ').trim();
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `${'#'.repeat(node.depth)} ${shown}`;
}

function levels(from: number, to: number): string {
  const skipped = [];
  for (let d = from + 1; d < to; d++) skipped.push(d);
  return skipped.length === 1 ? `level ${skipped[0]}` : `levels ${skipped.slice(0, -1).join(', ')} and ${skipped.at(-1)}`;
}

const headingStructure = defineRule<Options>({ id: 'heading-structure', severity: 'warning', docs: import.meta.url, options: { topLevel: 'number' } }, (tree, file, options) => {
  const matter = readFrontMatter(tree);
  const habit = learnedSite(file)?.headings;
  // Level 1 is the body's when most of the site's posts use it, or, as on the Rust blog, the front matter is Zola's TOML.
  const zola =
    (habit !== undefined && habit.posts >= 3 && habit.levelOne * 2 > habit.posts) ||
    (matter ? matter.syntax === 'toml' : contextOf(file).settings?.frontMatter === 'zola');
  const top = options?.topLevel ?? (zola ? 1 : 2);
  const headings: Heading[] = [];
  visit(tree, 'heading', (node) => {
    headings.push(node);
  });

  const tooHigh = headings.filter((h) => h.depth < top);
  const first = tooHigh[0];
  if (first !== undefined) {
    const more = tooHigh.length > 1 ? ` (and ${tooHigh.length - 1} more)` : '';
    const fix = '#'.repeat(top);
    file.message(
      `The layout already prints the title as the page's level-1 heading, so \`${written(first)}\`${more} would compete with it. ` +
        `I'd make the body's top headings \`${fix}\` and move the ones below down a level.`,
      { place: first.position },
    );
  }

  // With the title at level top-1, the body's first heading may not go deeper than `top`.
  let previous: { depth: number; line?: number } | undefined = zola ? undefined : { depth: top - 1 };
  for (const heading of headings) {
    if (previous !== undefined && heading.depth > previous.depth + 1) {
      const after = previous.line === undefined ? 'the title' : `a level-${previous.depth} heading (line ${previous.line})`;
      const fix = '#'.repeat(Math.max(previous.depth + 1, top));
      file.message(
        `\`${written(heading)}\` comes right after ${after}, skipping ${levels(previous.depth, heading.depth)}; ` +
          `tables of contents and screen readers rely on the levels nesting. I'd make it \`${fix}\`.`,
        { place: heading.position },
      );
    }
    previous = { depth: heading.depth, line: heading.position?.start.line };
  }
});

export default headingStructure;
