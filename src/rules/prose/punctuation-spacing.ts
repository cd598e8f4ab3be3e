/**
 * review-post:punctuation-spacing
 *
 * Flags spacing slips around punctuation in prose: a space before a comma,
 * semicolon, colon or full stop ("aware) , four"), or before a question or
 * exclamation mark that ends a sentence ("with the `RUSTFLAGS` env ?"), a missing space after a
 * comma or semicolon between two words ("fast,small") or after a full stop
 * ("done.Next"), a missing space before an opening parenthesis after a word
 * ("devices(virtio-blk)"), and two spaces between two words of a sentence.
 * Code, URLs and link targets are not prose; identifiers that look like
 * prose are left alone: "cfg(unix)", "fast(er)", "tl;dr", "Rust.Tokyo", an
 * ellipsis " ...", a smiley " :)", two spaces after a full stop.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   The device (virtio-blk) is fast, small; and `foo() ,bar` is code.
 *   We call fork() and cfg(unix), tl;dr: it works ... mostly :) Done.  Next.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   The zoned devices(virtio-blk) support four zone
 *   models , and two  states.
 *
 *   It is fast,small and done.Next time we look at it .
 *
 *   How does it work with `cargo` ? The ? operator and the ! type are fine!
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:18-2:26: A space is missing before the parenthesis: "devices(virtio-blk)" should be "devices (virtio-blk)".
 *   2:7-2:26: No space before the comma: "models ," should be "models,".
 *   2:17-2:26: Two spaces between "two" and "states": one is enough.
 *   4:11-4:52: A space is missing after the comma: "fast,small" should be "fast, small".
 *   4:26-4:52: A space is missing after the full stop: "done.Next" should be "done. Next".
 *   4:50-4:52: No space before the full stop: "it ." should be "it.".
 *   6:30-6:72: No space before the question mark: "`cargo` ?" should be "`cargo`?".
 */

import type { Root } from 'mdast';
import { isCommonWord } from '../kit/lexicon.js';
import { proseBlocks, reportSlip, type ProseBlock } from '../kit/prose.js';
import { defineRule } from '../kit/rule.js';

const NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', ':': 'colon', '.': 'full stop', '?': 'question mark', '!': 'exclamation mark' };

// Blanks before punctuation that ends a clause, after something written.
// The punctuation must be followed by white space, so " ..." (an
// ellipsis), " :)" and " .NET" do not count.
const SPACE_BEFORE = /(?<=[\p{L}\p{N})\]"”’*_\uFFFC])[ \t]+([,;:.])(?=\s|$)/gu;
// A question or exclamation mark set off by a space, where it ends the
// sentence ("the env ?"); "the ? operator" and "the ! type" are names of code.
const SPACE_BEFORE_END = /(?<=[\p{L}\p{N})\]"”’*_\uFFFC])[ \t]+([?!])(?=\s*$|\s+["“(]?\p{Lu})/gu;
// Two words glued by a comma or semicolon; digits, code characters or a
// short word around it make a list of values or "tl;dr".
const NO_SPACE_AFTER = /(?<![\p{L}\p{N}_{=/.@-])(\p{L}{3,})([,;])(\p{L}{3,})(?![\p{L}\p{N}_}=/.@-])/gu;
const NO_SPACE_AFTER_STOP = /(?<![\p{L}\p{N}_./@-])(\p{Ll}{3,})\.(\p{Lu}\p{Ll}{2,})(?![\p{L}\p{N}_./@-])/gu;
// A bounded parenthesis, so a paragraph without ")" costs no backtracking.
const NO_SPACE_BEFORE_PAREN = /(?<![\p{L}\p{N}_./@:-])(\p{Ll}{4,})\(([^()\n]{1,80})\)/gu;
const DOUBLE_SPACE = /(?<=\p{Ll}) {2,}(?=\p{Ll})/gu;

/** The word before or after `at`, without the punctuation around it. */
function words(text: string, at: number, direction: -1 | 1): string {
  const re = direction < 0 ? /(\S+)\s*$/u : /^\s*(\S+)/u;
  const slice = direction < 0 ? text.slice(Math.max(0, at - 40), at) : text.slice(at, at + 40);
  const word = re.exec(slice)?.[1] ?? '';
  return direction < 0 ? word.replace(/^[("“‘]+/u, '') : word.replace(/[.,;:!?)"”’]+$/u, '');
}

interface Slip {
  at: number;
  reason: string;
  expected: string;
  /** The text offsets to replace, and by what, when the fix is certain. */
  fix?: { start: number; end: number; text: string };
}

function slipsOf(block: ProseBlock): Slip[] {
  const { text } = block;
  const slips: Slip[] = [];
  for (const m of [...text.matchAll(SPACE_BEFORE), ...text.matchAll(SPACE_BEFORE_END)]) {
    const mark = m[1]!;
    const word = words(text, m.index, -1);
    // As the reader sees it: inline code as written, not as its placeholder.
    const before = block.shown(m.index - word.length, m.index);
    const written = `${before}${m[0]}`;
    slips.push({
      at: m.index,
      reason: `No space before the ${NAMES[mark]}: "${written}" should be "${before}${mark}".`,
      expected: `${before}${mark}`,
      fix: { start: m.index, end: m.index + m[0].length, text: mark },
    });
  }
  for (const m of text.matchAll(NO_SPACE_AFTER)) {
    const [, left = '', mark = '', right = ''] = m;
    const fixed = `${left}${mark} ${right}`;
    slips.push({
      at: m.index + left.length,
      reason: `A space is missing after the ${NAMES[mark]}: "${m[0]}" should be "${fixed}".`,
      expected: fixed,
    });
  }
  for (const m of text.matchAll(NO_SPACE_AFTER_STOP)) {
    const [, left = '', right = ''] = m;
    // Only between two plain words: "index.Html" and "serde.Deserialize" are names.
    if (!isCommonWord(left) || !isCommonWord(right.toLowerCase())) continue;
    const fixed = `${left}. ${right}`;
    slips.push({
      at: m.index + left.length,
      reason: `A space is missing after the full stop: "${m[0]}" should be "${fixed}".`,
      expected: fixed,
    });
  }
  for (const m of text.matchAll(NO_SPACE_BEFORE_PAREN)) {
    const [, left = '', inside = ''] = m;
    // "fork()", "fast(er)", "cfg(unix)", "thank you(!!)": calls, suffixes and jokes, not a parenthesis.
    if (!isCommonWord(left) || !/^(?:[\p{Ll}][\p{L}-]{2,}|#\d+)(?:[\s,][^=:;]*)?$/u.test(inside)) continue;
    const fixed = `${left} (${inside})`;
    slips.push({
      at: m.index + left.length,
      reason: `A space is missing before the parenthesis: "${m[0]}" should be "${fixed}".`,
      expected: fixed,
    });
  }
  for (const m of text.matchAll(DOUBLE_SPACE)) {
    const before = words(text, m.index, -1);
    const after = words(text, m.index + m[0].length, 1);
    slips.push({
      at: m.index,
      reason: `Two spaces between "${before}" and "${after}": one is enough.`,
      expected: `${before} ${after}`,
      fix: { start: m.index, end: m.index + m[0].length, text: ' ' },
    });
  }
  return slips.sort((a, b) => a.at - b.at);
}

const punctuationSpacing = defineRule({ id: 'punctuation-spacing', severity: 'info', docs: import.meta.url }, (tree, file) => {
  for (const block of proseBlocks(tree, file)) {
    for (const slip of slipsOf(block)) reportSlip(file, block, slip.at, slip.reason, slip.expected, slip.fix);
  }
});

export default punctuationSpacing;
