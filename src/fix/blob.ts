// Git's name for a file's content: the SHA-1 of `blob <size>\0<bytes>`, as
// `git hash-object` computes it. The next version's `index` line names the
// fixed post's blob by it, and a checkout's file is known to be a patch's
// base when its blob is the one the `index` line names.

import { createHash } from 'node:crypto';

export function gitBlobHash(content: string | Buffer): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
