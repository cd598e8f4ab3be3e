// A Markdown file given directly, as a patch: one pseudo-patch that adds the
// post whole, so that the rest of the review treats it like a mailed one.

import { basename } from 'node:path';
import { emptySender, type Patch, type Post } from '../core/types.js';

/** A Markdown file given directly: one pseudo-patch that adds it whole. */
export function markdownPatch(name: string, data: Buffer): Patch {
  const content = data.toString('utf8').replace(/\r\n?/g, '\n');
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const post: Post = {
    path: name,
    status: 'added',
    header: [],
    hunks: [
      {
        header: `@@ -0,0 +1,${lines.length} @@`,
        lines: lines.map((text, i) => ({ text: `+${text}`, kind: 'add' as const, newLine: i + 1 })),
      },
    ],
    content,
    addedLines: new Set(lines.map((_, i) => i + 1)),
    onDisk: true,
  };
  return {
    ...emptySender(),
    subject: basename(name),
    commitMessage: [],
    hasDiff: true,
    trailers: [],
    posts: [post],
    skipped: [],
  };
}

