/**
 * review-post:list-wrapping
 *
 * Flags lists hard-wrapped the way a plain-text mail is, as when a release
 * announcement is pasted into a post: continuation lines indented past the
 * item's text to line up under it (`* MIPS: improved emulation ...` then
 * `         mostly integer ...`). Markdown drops that alignment, and such a
 * wrapped line is one step from turning into markup: a line that starts with
 * `-`, `*` or `•` inside a paragraph is shown as literal text rather than as
 * the nested item it was meant to be (also flagged), and in a Jekyll post a
 * wrapped line that starts with a number and a period (`2016. That year ...`)
 * starts a numbered list, as kramdown's GFM parser lets any such line end a
 * paragraph. One finding per list for the hanging indent, at its first item;
 * one per line for the others.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Highlights include:
 *
 *   * ARM: FPU emulation support for Cortex-M CPUs, FPU fixes for
 *     Cortex-R5F
 *   * MIPS: improved emulation performance of numerous MSA instructions
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   Highlights include:
 *
 *    * MIPS: improved emulation performance of numerous MSA instructions,
 *            mostly integer and data permuting operations
 *    * RISC-V: improvements for 32-bit syscall ABI, illegal instruction
 *              handling, and built-in debugger
 *    * x86: emulation support for RDRAND extension
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   3:2-4:54: These list items are hard-wrapped as in a plain-text mail (2 items, from line 4 on): their continuation lines are indented to line up under the text after the bullet, which Markdown does not keep, and a wrapped line that happens to start with `-`, `*` or a number would turn into markup. I'd unwrap each item into one line, or indent its continuation lines to the item's text (column 4).
 */

import type { List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import { readFrontMatter } from '../kit/front-matter.js';
import { postPath } from '../kit/site-paths.js';
import { defineRule } from '../kit/rule.js';

// A bullet a reader would take for a list item: Markdown's, or a typographic one from a mail.
const BULLET = /^([-*+•◦‣▪]) +\S/;
const NUMBERED = /^\d{1,9}\. +\S/;

function indentOf(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === ' ') width++;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

function inside(ancestors: Nodes[], type: string): boolean {
  return ancestors.some((a) => a.type === type);
}

const listWrapping = defineRule({ id: 'list-wrapping', severity: 'warning', docs: import.meta.url }, (tree, file) => {
  const lines = String(file.value).split('\n');
  const matter = readFrontMatter(tree);
  const jekyll = matter ? matter.syntax === 'yaml' : postPath(file.path).kind === 'jekyll';

  // Hanging indents: one finding per list.
  visitParents(tree, 'list', (list: List, ancestors) => {
    if (inside(ancestors, 'blockquote')) return;
    const hanging: { item: ListItem; line: number }[] = [];
    for (const item of list.children) {
      const para = item.children[0];
      if (para?.type !== 'paragraph' || !para.position) continue;
      // The column of the item's text: where its continuation lines belong.
      const textIndent = para.position.start.column - 1;
      // A mail's hanging indent lines up under the text after a label ("MIPS: ").
      const firstLine = lines[para.position.start.line - 1] ?? '';
      const label = /^ *[-*+] +[^ :]{1,30}: +/.exec(firstLine)?.[0].length;
      for (let l = para.position.start.line + 1; l <= para.position.end.line; l++) {
        const line = lines[l - 1] ?? '';
        const indent = indentOf(line);
        // Bullets are the other check's; a two-space step is an editor's, not a mail's.
        if (line.trim() === '' || BULLET.test(line.trimStart())) continue;
        if (indent >= textIndent + 4 || (label !== undefined && indent === label && indent >= textIndent + 2)) {
          hanging.push({ item, line: l });
          break;
        }
      }
    }
    const first = hanging[0];
    if (first === undefined) return;
    const count = hanging.length > 1 ? `${hanging.length} items, from line ${first.line} on` : `line ${first.line}`;
    const column = (first.item.children[0]?.position?.start.column ?? 1);
    file.message(
      `${hanging.length > 1 ? 'These list items are' : 'This list item is'} hard-wrapped as in a plain-text mail (${count}): ` +
        `${hanging.length > 1 ? 'their' : 'its'} continuation lines are indented to line up under the text after the bullet, which Markdown does not keep, ` +
        `and a wrapped line that happens to start with \`-\`, \`*\` or a number would turn into markup. ` +
        `I'd unwrap each item into one line, or indent its continuation lines to the item's text (column ${column}).`,
      { place: { start: first.item.position?.start ?? { line: first.line, column: 1 }, end: { line: first.line, column: (lines[first.line - 1] ?? '').length + 1 } } },
    );
  });

  // Lines inside a paragraph that a reader takes for list items.
  visitParents(tree, 'paragraph', (para: Paragraph, ancestors) => {
    if (!para.position || inside(ancestors, 'blockquote') || inside(ancestors, 'tableCell')) return;
    const item = ancestors.findLast((a): a is ListItem => a.type === 'listItem');
    const base = para.position.start.column - 1;
    for (let l = para.position.start.line + 1; l <= para.position.end.line; l++) {
      const line = lines[l - 1] ?? '';
      const text = line.trimStart();
      const bullet = BULLET.exec(text);
      const place = { start: { line: l, column: line.length - text.length + 1 }, end: { line: l, column: line.length + 1 } };
      if (bullet !== null) {
        const mark = bullet[1] ?? '';
        const markdown = mark === '-' || mark === '*' || mark === '+';
        const textColumn = base + 1;
        file.message(
          markdown
            ? `This line starts with \`${mark}\` as a ${item ? 'nested ' : ''}list item would, but it is indented too far for that ` +
                `(column ${indentOf(line) + 1}${item ? `, the item's text is at column ${textColumn}` : ''}), so it is read as text of the paragraph above ` +
                `and the reader sees a literal \`${mark}\`. I'd ${item ? `indent the bullet to column ${textColumn}` : 'start it at the margin, after a blank line'}.`
            : `This line starts with \`${mark}\`, which Markdown does not take for a bullet, so it runs into the paragraph above as text. ` +
                `I'd make it a list item with \`-\`${item ? '' : ', after a blank line'}.`,
          { place },
        );
        continue;
      }
      // Kramdown (Jekyll's GFM input) ends a paragraph at any `N. ` line
      // indented less than four spaces past the text; CommonMark only at `1. `.
      if (jekyll && NUMBERED.test(text) && indentOf(line) - base < 4) {
        const number = text.slice(0, text.indexOf('.') + 1);
        file.message(
          `This wrapped line starts with \`${number}\`, and Jekyll's Markdown (kramdown) takes that for the start of a numbered list, ` +
            `breaking the ${item ? 'item' : 'paragraph'} in two. I'd rewrap the text so that the line does not start with the number, or write \`${number.replace('.', '\\.')}\`.`,
          { place },
        );
      }
    }
  });
});

export default listWrapping;
