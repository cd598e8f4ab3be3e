// Release announcements, the genre the paragraph limits used to refuse
// (issue 15): Node.js-style posts whose changelog is one long list of items
// full of links, code spans and bold subsystem names, after a few
// paragraphs and a "notable changes" list. Built from the shape, at any
// size; `highlights` may bring real release notes' items (the QEMU and Rust
// release posts of the corpus) for the notable changes. The tests, the
// bench and the fuzz harness build their release posts here.

/** A small deterministic generator: the same seed, the same post. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const SUBSYSTEMS = ['deps', 'doc', 'test', 'src', 'lib', 'build', 'http', 'fs', 'stream', 'crypto', 'tools', 'esm', 'worker', 'net', 'tls', 'v8', 'inspector', 'child_process'];
const ACTIONS = ['update', 'fix', 'add', 'remove', 'refactor', 'document', 'deprecate', 'simplify', 'improve', 'move'];
const OBJECTS = ['the `--watch` flag', 'error messages', 'the `fetch()` implementation', 'flaky tests', 'undici to 5.0.0', 'OpenSSL to 3.0.3', 'the `Blob` constructor', 'a typo in the docs', 'memory leaks in `Readable.from()`', 'the build on macOS'];
const AUTHORS = ['Michaël Zasso', 'Antoine du Hamel', 'Rich Trott', 'James M Snell', 'Node.js GitHub Bot', 'Joyee Cheung', 'Anna Henningsen', 'Colin Ihrig'];
const HIGHLIGHTS = [
  'Support for passing a host directory to the guest via virtiofsd',
  'The `fetch` API is enabled by default, with **FormData**, **Headers**, **Request** and **Response**',
  'Web Streams API is exposed on the global scope',
  'A new built-in test runner, `node:test`',
  'Prebuilt binaries for **macOS** now require 10.15 or later',
];

export interface ReleasePostOptions {
  /** Items of the changelog list. */
  commits: number;
  version?: string;
  seed?: number;
  /** Release notes' items for the notable changes (plain Markdown lines). */
  highlights?: readonly string[];
}

/** A Node.js-style release announcement in Jekyll form. */
export function releasePost(options: ReleasePostOptions): string {
  const { commits, version = '18.0.0', seed = 1, highlights = HIGHLIGHTS } = options;
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  const pr = (): string => {
    const n = 40_000 + Math.floor(next() * 5_000);
    return `[#${n}](https://github.com/nodejs/node/pull/${n})`;
  };
  const lines = [
    '---',
    'layout: post',
    `title: "Node v${version} (Current)"`,
    'author: The Release Team',
    'date: 2022-04-19 12:00:00 +0000',
    'categories: [releases]',
    '---',
    '',
    `We'd like to announce the availability of Node.js ${version}. This release has ${commits.toLocaleString('en-US')} commits; the full`,
    `list is below, and the [changelog](https://github.com/nodejs/node/blob/main/doc/changelogs/CHANGELOG_V18.md#${version}) has them too.`,
    '',
    '### Notable Changes',
    '',
  ];
  for (let i = 0; i < Math.min(40, Math.max(5, commits / 20)); i++) {
    const item = highlights[i % highlights.length]!.replace(/^\s*[*-]\s+/, '');
    lines.push(`* **${pick(SUBSYSTEMS)}**: ${item} ([${pick(AUTHORS)}](https://github.com/${hex(6)})) ${pr()}`);
  }
  lines.push('', '### Semver-Major Commits', '');
  for (let i = 0; i < Math.ceil(commits / 10); i++) {
    lines.push(`* \\[[\`${hex(10)}\`](https://github.com/nodejs/node/commit/${hex(10)})] - **(SEMVER-MAJOR)** **${pick(SUBSYSTEMS)}**: ${pick(ACTIONS)} ${pick(OBJECTS)} (${pick(AUTHORS)}) ${pr()}`);
  }
  lines.push('', '### Commits', '');
  for (let i = 0; i < commits; i++) {
    const sub = next() < 0.2 ? `**${pick(SUBSYSTEMS)},${pick(SUBSYSTEMS)}**` : `**${pick(SUBSYSTEMS)}**`;
    lines.push(`* \\[[\`${hex(10)}\`](https://github.com/nodejs/node/commit/${hex(10)})] - ${sub}: ${pick(ACTIONS)} ${pick(OBJECTS)} (${pick(AUTHORS)}) ${pr()}`);
  }
  lines.push('', 'Windows 32-bit Installer: https://nodejs.org/dist/v' + version + '/node-v' + version + '-x86.msi <br>');
  lines.push('Windows 64-bit Installer: https://nodejs.org/dist/v' + version + '/node-v' + version + '-x64.msi <br>');
  lines.push('Source Code: https://nodejs.org/dist/v' + version + '/node-v' + version + '.tar.gz <br>', '');
  lines.push('```text', ...Array.from({ length: 30 }, () => `${hex(64)}  node-v${version}-${hex(4)}.tar.gz`), '```', '');
  return `${lines.join('\n')}\n`;
}
