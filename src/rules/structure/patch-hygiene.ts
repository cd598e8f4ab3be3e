/**
 * review-post:patch-hygiene
 *
 * Checks what the list asks of the mail around the post: a `Signed-off-by:`
 * that matches the sender (the name or the address of the From header), the
 * list's subject prefix (the `subjectPrefix` of the site's configuration, or
 * the option of that name, e.g. `qemu-web PATCH`, so that the patch is not
 * taken for one to QEMU itself; not checked without either), and one post per
 * patch. These are about the commit
 * message, so they sit at line 1 of the post (the first post of the patch,
 * once) and are marked to go under the quoted commit message. Without a mail
 * (a Markdown file given directly) only one check remains: commit-message
 * lines pasted into the post itself (`Signed-off-by:` and the like at the
 * start of a line), which the site would publish.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   This post briefly goes over the main points of virtio-fs and OSv.
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   This post briefly goes over the main points of virtio-fs and OSv.
 *
 *   Signed-off-by: Fotis Xenakis <foxen@windowslive.com>
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   3:1-3:53: This `Signed-off-by:` line is in the post itself, so the site would publish it. It belongs at the end of the commit message (`git commit -s` adds it there); I'd remove it from the post.
 *
 * @example
 *   {"name": "ok-prefix.md", "config": {"subjectPrefix": "qemu-web PATCH"}}
 *
 *   Without a mail there is no subject to check: the prefix applies to patches.
 */

import type { Root } from 'mdast';
import { visitParents } from 'unist-util-visit-parents';
import { contextOf, markOnCommitMessage } from '../kit/context.js';
import { listWords } from '../kit/text.js';
import type { Patch } from '../../core/types.js';
import { defineRule } from '../kit/rule.js';

export interface Options {
  /** The list's subject prefix, e.g. `qemu-web PATCH`; overrides the site's setting. */
  subjectPrefix?: string;
}

const TRAILER_IN_POST = /^(Signed-off-by|Reviewed-by|Acked-by|Tested-by|Cc|Reported-by|Suggested-by|Co-developed-by):[ \t]/;

interface Signoff {
  name: string;
  address: string;
}

function signoffs(trailers: string[]): Signoff[] {
  return trailers
    .filter((t) => /^signed-off-by:/i.test(t))
    .map((t) => {
      const value = t.slice(t.indexOf(':') + 1).trim();
      const open = value.lastIndexOf('<');
      const close = value.lastIndexOf('>');
      return open >= 0 && close > open
        ? { name: value.slice(0, open).trim().replace(/^"|"$/g, ''), address: value.slice(open + 1, close).trim() }
        : { name: value, address: '' };
    });
}

/** Lists rewrite From for DMARC ("Name via Qemu-devel"): the name still tells who sent it. */
function senderName(patch: Patch): string {
  return patch.fromName.replace(/\s+via\s+\S.*$/i, '').replace(/^"|"$/g, '').trim();
}

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `[qemu-web PATCH v2 1/3]`: the bracket starts with the prefix, then a space or the end. */
function hasPrefix(subject: string, prefix: string): boolean {
  const open = subject.indexOf('[');
  const close = subject.indexOf(']', open + 1);
  if (open < 0 || close < 0) return false;
  const tag = subject.slice(open + 1, close).trim();
  return tag === prefix || tag.startsWith(`${prefix} `);
}

const patchHygiene = defineRule<Options>({ id: 'patch-hygiene', severity: 'warning', docs: import.meta.url, options: { subjectPrefix: 'string' } }, (tree, file, options) => {
  const context = contextOf(file);

  // Commit-message lines pasted into the post.
  const lines = String(file.value).split('\n');
  visitParents(tree, 'paragraph', (node, ancestors) => {
    if (ancestors.some((a) => a.type === 'blockquote' || a.type === 'listItem') || !node.position) return;
    for (let l = node.position.start.line; l <= node.position.end.line; l++) {
      const line = lines[l - 1] ?? '';
      const m = TRAILER_IN_POST.exec(line);
      if (m === null) continue;
      file.message(
        `This \`${m[1]}:\` line is in the post itself, so the site would publish it. It belongs at the end of the commit message` +
          `${m[1] === 'Signed-off-by' ? ' (`git commit -s` adds it there)' : ''}; I'd remove it from the post.`,
        { place: { start: { line: l, column: 1 }, end: { line: l, column: line.length + 1 } } },
      );
    }
  });

  const patch = context.patch;
  // Only a mail has a sender, a subject and trailers to check; the first
  // post of the patch carries the comments, once.
  if (patch === undefined || (patch.fromAddress === '' && patch.fromName === '')) return;
  if (context.post !== undefined && patch.posts[0] !== undefined && patch.posts[0].path !== context.post.path) return;
  const place = { line: 1, column: 1 };
  const say = (text: string): void => markOnCommitMessage(file.message(text, { place }));

  const signed = signoffs(patch.trailers);
  const name = senderName(patch);
  const from = name && patch.fromAddress ? `${name} <${patch.fromAddress}>` : name || patch.fromAddress;
  if (signed.length === 0) {
    say(
      `The commit message has no \`Signed-off-by:\` line; the project takes patches only with one (the Developer's Certificate of Origin). ` +
        `\`git commit -s --amend\` adds \`Signed-off-by: ${from}\`.`,
    );
  } else if (!signed.some((s) => (s.address !== '' && norm(s.address) === norm(patch.fromAddress)) || (name !== '' && norm(s.name) === norm(name)))) {
    const who = listWords(signed.map((s) => (s.address ? `${s.name} <${s.address}>` : s.name)));
    say(
      `The patch is signed off by ${who}, but the mail comes from ${from}. Whoever sends a patch signs it off too; ` +
        `if you send it for someone else, I'd keep their sign-off and add yours (\`git commit -s --amend\`), and git send-email puts a \`From:\` line for the author at the top of the body.`,
    );
  }

  // The built-in defaults name no list; a site's configuration (or the option) does.
  const configured = context.settings !== undefined && context.settings.source !== '' ? context.settings.subjectPrefix : '';
  const prefix = options?.subjectPrefix ?? configured;
  if (prefix !== '' && patch.subject !== '' && !hasPrefix(patch.subject, prefix)) {
    const tag = /^\s*\[([^\]]*)\]/.exec(patch.subject)?.[1];
    say(
      `The subject ${tag !== undefined ? `starts with \`[${tag}]\`` : 'has no `[...]` tag'}; patches for this list are tagged \`[${prefix}]\` so that they are ` +
        `not taken for patches to another project. \`git format-patch --subject-prefix='${prefix}'\` does it.`,
    );
  }

  if (patch.posts.length > 1) {
    say(
      `This patch adds or changes ${patch.posts.length} posts (${listWords(patch.posts.map((p) => `\`${p.path}\``))}); ` +
        `I'd send each post in a patch of its own, so that each can be reviewed and applied by itself.`,
    );
  }
});

export default patchHygiene;
