// A one-patch mail that adds a post, as git format-patch writes it: how a
// post reaches review-post. The fuzz harness and the hostile-input tests
// build their inputs with it.

export interface PatchMailOptions {
  /** The From header and the Signed-off-by trailer. */
  author?: string;
  subject?: string;
  path?: string;
  /** More header lines, as written (MIME-Version, Content-Type ...). */
  headers?: string;
}

/** Git's C quoting of a path: controls and non-ASCII as octal UTF-8 bytes. */
function escapeC(path: string): string {
  return [...Buffer.from(path, 'utf8')]
    .map((b) => (b === 0x22 ? '\\"' : b === 0x5c ? '\\\\' : b < 0x20 || b > 0x7e ? `\\${b.toString(8).padStart(3, '0')}` : String.fromCharCode(b)))
    .join('');
}

/** The mail whose patch adds `lines` as the post at `path`. */
export function patchMail(lines: string[], options: PatchMailOptions = {}): string {
  const { author = 'Ann Author <ann@example.org>', subject = '[PATCH] Add a post', path = '_posts/2020-01-01-post.md', headers = '' } = options;
  // Git quotes a path with controls, quotes or non-ASCII bytes.
  const quoted = /[^\x20-\x7e]|"/.test(path);
  const side = (s: string): string => (quoted ? `"${s}/${escapeC(path)}"` : `${s}/${path}`);
  return [
    `From: ${author}`,
    `Subject: ${subject}`,
    'Date: Wed, 4 Nov 2020 02:42:22 +0200',
    'Message-ID: <post@example.org>',
    ...(headers ? [headers] : []),
    '',
    'Add a post.',
    '',
    `Signed-off-by: ${author}`,
    '---',
    `diff --git ${side('a')} ${side('b')}`,
    'new file mode 100644',
    '--- /dev/null',
    `+++ ${side('b')}`,
    `@@ -0,0 +1,${lines.length} @@`,
    ...lines.map((l) => `+${l}`),
    '-- ',
    '2.30.0',
    '',
  ].join('\n');
}
