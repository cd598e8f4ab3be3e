// Hostile inputs for the fuzz harness (issue 8): real mail and real posts,
// mutated with the bytes and constructs that have broken mail and Markdown
// tools before. Shared by the property tests (test/cli/fuzz.long.test.ts, a few
// hundred small cases) and `npm run fuzz` (scripts/fuzz.ts, long runs).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Source } from '../src/mail/input.js';
import { patchMail } from './patch-mail.js';
import { releasePost } from './release-post.js';

/** Seeds to mutate: mail (mbox, eml, patch) and Markdown posts. */
export interface Pool {
  mails: { name: string; data: Buffer }[];
  posts: { name: string; text: string }[];
}

/** Every file under `dir` whose name matches, for a pool. */
export function filesUnder(dir: string, name: RegExp): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesUnder(path, name);
    return name.test(entry) && !/^LICENSE/.test(entry) ? [path] : [];
  });
}

/** The items of the corpus's release posts (QEMU's `qemu-X-Y-Z`, Rust's `Rust-1.N`): the notable changes of release-shaped posts. */
export function releaseHighlights(corpus: string | undefined): string[] {
  if (!corpus) return [];
  return filesUnder(corpus, /(?:^\d{4}-\d{2}-\d{2}-qemu-\d|^Rust-1\.\d+(?:\.\d+)?\.md$|release)/i)
    .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
    .filter((line) => /^\s*[*-]\s+\S/.test(line) && line.length < 300);
}

/** Release announcements (issue 15): Node.js-style changelogs of some sizes, their notable changes from the corpus. */
export function releasePosts(corpus: string | undefined): { name: string; text: string }[] {
  const highlights = releaseHighlights(corpus);
  return [20, 300, 1000].map((commits, i) => ({
    name: `release-${commits}.md`,
    text: releasePost({ commits, seed: i + 1, ...(highlights.length > 0 ? { highlights } : {}) }),
  }));
}

/** The pool: mail from `fixtures/`, posts from `fixtures/` patches, the corpus and release posts built from it. */
export function loadPool(fixtures: string, corpus: string | undefined, maxPostBytes = Infinity): Pool {
  const mails = filesUnder(fixtures, /\.(?:mbox|eml|patch)$/).map((path) => ({ name: path, data: readFileSync(path) }));
  const posts = [
    ...mails.map((m) => ({
      name: m.name,
      text: m.data
        .toString('utf8')
        .split('\n')
        .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
        .map((l) => l.slice(1))
        .join('\n'),
    })),
    ...(corpus ? filesUnder(corpus, /\.(?:md|markdown)$/) : []).map((path) => ({ name: path, text: readFileSync(path, 'utf8') })),
    ...releasePosts(corpus),
  ]
    .filter((p) => p.text.trim() !== '')
    .map((p) => ({ ...p, text: p.text.slice(0, maxPostBytes) }));
  return { mails, posts };
}

/** What has broken mail readers, diff readers, Markdown parsers and terminals. */
export const TOKENS: readonly string[] = [
  // Terminal takeovers: CSI, OSC title and hyperlink, C1 CSI, bidi, controls.
  '\u001b[2J', '\u001b[31m', '\u001b]0;pwned\u0007', '\u001b]8;;http://x\u001b\\', '\u009b1A', '\u202e', '\u2066', '\u200f',
  '\u0000', '\u0007', '\b', '\r', '\u007f', '\uFEFF', '\uFFFD', '\uD800', '😀', 'é',
  // Line ends and mbox structure.
  '\n', '\r\n', '\n\n', '\nFrom a@b Mon Jan  1 00:00:00 2001\n', '\nFrom mboxrd@z Thu Jan  1 00:00:00 1970\n', '>From ', '>>From ',
  // Headers and MIME.
  'Subject: ', 'From: ', 'Date: Mon, 31 Feb 2020 25:61:61 +9999\n', '\n ', '=?UTF-8?B?G1sySg==?=', '=?x-unknown?Q?a=ZZ?=', '=?UTF-8?Q?=1B=5B31m?=',
  'Content-Type: multipart/mixed; boundary=b\n', '\n--b\n', '\n--b--\n', 'Content-Type: text/x-patch; charset=utf-16\n',
  'Content-Transfer-Encoding: base64\n', 'Content-Transfer-Encoding: quoted-printable\n', '=\n', '=ZZ', '=1B', '; format=flowed',
  '; charset=x-klingon', 'Content-Disposition: attachment; filename*=utf-8\'\'%1B.patch\n', '!!!!====',
  // Diffs.
  'diff --git a/_posts/a.md b/_posts/a.md\n', 'new file mode 100644\n', '--- /dev/null\n+++ b/_posts/a.md\n', '@@ -0,0 +1,3 @@\n',
  '@@ -1 +1 @@\n', '@@ -99999999,1 +1,99999999 @@\n', '\\ No newline at end of file\n', '+', '-', ' ', '-- \n', '---\n',
  'rename from _posts/a.md\nrename to _posts/"b\\033.md"\n', 'GIT binary patch\n', 'diff --git "a/_posts/\\033[2J.md" "b/_posts/\\033[2J.md"\n',
  // Markdown.
  '> ', '- ', '1. ', '* ', '  ', '    ', '\t', '*', '**', '_', '[', ']', '](', '](http://x)', '![', '[^1]', '[^1]: x\n', '`', '```\n', '~~~\n',
  '|', '|-|\n', '<', '<!--', '-->', '<div>', '{%', '{{', '&#x1B;', '&amp;', '#', '---\ntitle: x\n---\n', '+++\n', 'http://', 'www.',
  '<!-- review-post disable -->', 'What is that? ', 'It is a thing. ', 'recieve ', 'its a ', 'a apple ',
];

type Mutation =
  | { kind: 'insert'; at: number; token: string; times: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'eol'; to: '\n' | '\r\n' | '\r' | 'mixed' };

const position = fc.nat({ max: 0x7fffffff });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, token: fc.constantFrom(...TOKENS), times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5000 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 2000 }), times: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: position, byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('eol' as const), to: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const) }) },
);

/** Applies mutations to bytes (a token is inserted as UTF-8). */
export function mutate(data: Buffer, mutations: readonly Mutation[]): Buffer {
  let out = data;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : ('at' in m ? m.at : 0) % (out.length + 1);
    switch (m.kind) {
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), Buffer.from(m.token.repeat(m.times), 'utf8'), out.subarray(at)]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
        break;
      case 'duplicate': {
        const piece = out.subarray(at, at + m.length);
        out = Buffer.concat([out.subarray(0, at), ...Array.from({ length: m.times + 1 }, () => piece), out.subarray(at + m.length)]);
        break;
      }
      case 'flip':
        if (out.length > 0) {
          out = Buffer.from(out);
          out[at % out.length] = m.byte;
        }
        break;
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'eol': {
        const text = out.toString('latin1').replace(/\r\n/g, '\n');
        let i = 0;
        const eol = m.to === 'mixed' ? (): string => (i++ % 3 === 0 ? '\r\n' : '\n') : (): string => m.to as string;
        out = Buffer.from(text.replace(/\n/g, () => eol()), 'latin1');
        break;
      }
    }
  }
  return out;
}

/** A one-patch mail that adds `post` at `path`: how a post reaches review-post. */
export function mailOfPost(post: string, path = '_posts/2020-01-01-fuzz.md', subject = '[PATCH] Add a post'): string {
  const lines = post.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const headers = 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8';
  return patchMail(lines, { author: 'Fuzz Author <fuzz@example.org>', subject, path, headers });
}

/** Markdown built to nest and to pile up delimiters: what remark recursion and micromark's quadratic paths need. */
export const hostileMarkdown: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom('> ', '- ', '1. ', '* ', '  ', '> - ', '- > '), fc.integer({ min: 1, max: 3000 }), fc.constantFrom('x', 'What is that? It is a thing.', '')).map(([m, n, t]) => `${m.repeat(n)}${t}`),
      fc.tuple(fc.constantFrom('*', '_', '[', '](u)', '![', '`', '<', '~', '|', '[^x]', 'a*', '*a '), fc.integer({ min: 1, max: 5000 })).map(([m, n]) => m.repeat(n)),
      fc.tuple(fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 500 })).map(([s, n]) => s.repeat(n)),
      fc.constantFrom('', '```', '~~~', '---', '+++', 'title: x', '# What is it?', '| a | b |', '|-|-|', 'See [OSv](https://github.com/cloudius-systems/osv).'),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n'));

/** One fuzz input: a name (its kind follows from it) and bytes. */
export function inputArbitrary(pool: Pool): fc.Arbitrary<Source> {
  const mutations = fc.array(mutation, { maxLength: 6 });
  const arbitraries: fc.Arbitrary<Source>[] = [];
  if (pool.mails.length > 0) {
    arbitraries.push(
      fc.tuple(fc.constantFrom(...pool.mails), mutations).map(([mail, ms]) => ({ name: `${mail.name}.fuzz.mbox`, data: mutate(mail.data, ms) })),
    );
  }
  if (pool.posts.length > 0) {
    const post = fc.tuple(fc.constantFrom(...pool.posts), mutations).map(([p, ms]) => mutate(Buffer.from(p.text, 'utf8'), ms).toString('utf8'));
    arbitraries.push(
      post.map((text) => ({ name: 'fuzz-post.md', data: Buffer.from(text, 'utf8') })),
      fc.tuple(post, mutations).map(([text, ms]) => ({ name: 'fuzz-post.eml', data: mutate(Buffer.from(mailOfPost(text), 'utf8'), ms) })),
    );
  }
  arbitraries.push(
    hostileMarkdown.map((text) => ({ name: 'hostile.md', data: Buffer.from(text, 'utf8') })),
    hostileMarkdown.map((text) => ({ name: 'hostile.eml', data: Buffer.from(mailOfPost(text), 'utf8') })),
    fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ name: 'random.bin', data: Buffer.from(bytes) })),
  );
  // A release post, as it is and mailed: the genre the limits must never
  // refuse. Up to 400 changelog items (80 KB; the pool has one of 1,000), and
  // drawn less often than the rest: a review of one costs 100 times a mail's.
  const release = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.nat(), fc.array(mutation, { maxLength: 3 })).map(([commits, seed, ms]) =>
    mutate(Buffer.from(releasePost({ commits, seed }), 'utf8'), ms).toString('utf8'),
  );
  const releases = fc.oneof(
    release.map((text) => ({ name: 'release.md', data: Buffer.from(text, 'utf8') })),
    release.map((text) => ({ name: 'release.eml', data: Buffer.from(mailOfPost(text, '_posts/2022-04-19-release.md', '[PATCH] Announce the release'), 'utf8') })),
  );
  return fc.oneof(...arbitraries.map((arbitrary) => ({ arbitrary, weight: 10 })), { arbitrary: releases, weight: 1 });
}

