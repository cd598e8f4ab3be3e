// `npm run bench`: how fast review-post is, side by side with its peers in
// the same run, whole processes timed from outside (what a hook or CI pays).
//
//   npm run bench                  everything but the 1 GB archive
//   npm run bench -- --big         with the 1 GB archive
//   npm run bench -- --runs 20     more runs per command (default 10)
//   npm run bench -- --baseline D  archives also timed with the build in D
//     --baseline-up-to 100         ... on archives up to 100 MB only
//
// Medians, min-max, and ratios against `node -e 0` measured in the same run:
// this machine's absolute numbers move with load, the ratios much less.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { postOf } from './seed-post.js';

const root = resolve(import.meta.dirname, '..', '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
// What users run (package.json "bin"): the bundle, from its code cache.
const cli = join(root, 'dist', 'src', 'bin.cjs');
// tsc's output run as modules, without the bundle: what the bin ran before issue 7.
const unbundled = join(root, 'dist', 'src', 'cli.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 10;
const big = args.includes('--big');
const work = mkdtempSync(join(tmpdir(), 'review-post-bench-'));

interface Timing {
  label: string;
  ms: number[];
  rssKb?: number;
}

function timeOnce(cmd: string[], cwd = root): { ms: number; rssKb: number } {
  // /usr/bin/time reports the peak RSS of the child; its own cost is the same for every command.
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...cmd], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKb = Number(/(\d+)\s*$/.exec(r.stderr)?.[1] ?? 0);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr.slice(-300)}`);
  return { ms, rssKb };
}

/** Each command `runs` times, interleaved, so that load hits all of them alike. */
function measure(commands: { label: string; cmd: string[]; cwd?: string }[], n = runs): Timing[] {
  const timings = commands.map((c) => ({ label: c.label, ms: [] as number[], rssKb: 0 }));
  for (const c of commands) timeOnce(c.cmd, c.cwd); // warm the page cache
  for (let i = 0; i < n; i++) {
    commands.forEach((c, j) => {
      const t = timeOnce(c.cmd, c.cwd);
      timings[j]!.ms.push(t.ms);
      timings[j]!.rssKb = Math.max(timings[j]!.rssKb, t.rssKb);
    });
  }
  return timings;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function table(title: string, timings: Timing[], base: Timing): void {
  console.log(`\n### ${title}\n`);
  console.log('| command | median ms | min-max ms | × node -e 0 | × first row | peak RSS MB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const first = median(timings[0]!.ms);
  for (const t of timings) {
    const m = median(t.ms);
    const range = `${Math.min(...t.ms).toFixed(0)}-${Math.max(...t.ms).toFixed(0)}`;
    console.log(
      `| ${t.label} | ${m.toFixed(0)} | ${range} | ${(m / median(base.ms)).toFixed(2)} | ${(m / first).toFixed(2)} | ${((t.rssKb ?? 0) / 1024).toFixed(0)} |`,
    );
  }
}

const seedPost = (): string => postOf(join(root, 'fixtures', 'osv-virtio-fs-v1.mbox'));

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return corpusFiles(path);
    return /\.md$/.test(name) && !name.startsWith('LICENSE') ? [path] : [];
  });
}

/** An archive of plain list traffic with a post patch every `every` messages (and always as the first). */
function archive(bytes: number, every = 500): string {
  const path = join(work, `archive-${bytes / 1e6}MB-${every}.mbox`);
  if (existsSync(path)) return path;
  const seed = readFileSync(join(root, 'fixtures', 'osv-virtio-fs-v1.mbox'), 'utf8');
  const body = 'Thanks, this looks good to me. '.repeat(40).replace(/(.{70}) /g, '$1\n');
  const fd = openSync(path, 'w');
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const message =
      i % every === 0
        ? seed.replace('Message-ID: <', `Message-ID: <${i}.`)
        : `From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: Someone <s${i}@example.org>\nSubject: Re: [PATCH] thread ${i}\n` +
          `Date: Wed, 4 Nov 2020 10:47:42 +0100\nMessage-ID: <${i}@example.org>\n\nOn 04/11/2020, Someone wrote:\n> a quote\n\n${body}\n\n`;
    written += writeSync(fd, message);
  }
  closeSync(fd);
  return path;
}

console.log(`# review-post benchmark\n`);
console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB;`);
console.log(`NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}; ${runs} runs per command, interleaved.`);

const post = join(work, '2020-11-04-osv-virtio-fs.md');
writeFileSync(post, seedPost());
const node = { label: '`node -e 0`', cmd: [process.execPath, '-e', '0'] };
const one = measure([
  node,
  { label: 'review-post, the seed patch (mbox)', cmd: [process.execPath, cli, join(root, 'fixtures', 'osv-virtio-fs-v1.mbox')] },
  { label: 'review-post unbundled (dist/src/cli.js), the seed patch', cmd: [process.execPath, unbundled, join(root, 'fixtures', 'osv-virtio-fs-v1.mbox')] },
  { label: 'review-post, the seed post (Markdown)', cmd: [process.execPath, cli, post] },
  { label: 'remark-cli + preset-lint-recommended', cmd: [bin('remark'), '--no-config', '--quiet', '--use', 'remark-preset-lint-recommended', post] },
  { label: 'markdownlint-cli2', cmd: [bin('markdownlint-cli2'), post], cwd: work },
]);
table('One post, cold (whole process)', one, one[0]!);

const files = corpusFiles(corpus);
const all = measure(
  [
    node,
    { label: `review-post, ${files.length} posts`, cmd: [process.execPath, cli, '--no-config', '--fail-level', 'none', ...files] },
    { label: `review-post unbundled, ${files.length} posts`, cmd: [process.execPath, unbundled, '--no-config', '--fail-level', 'none', ...files] },
    { label: `remark-cli + preset-lint-recommended, ${files.length} posts`, cmd: [bin('remark'), '--no-config', '--quiet', '--use', 'remark-preset-lint-recommended', ...files] },
  ],
  Math.max(3, Math.floor(runs / 3)),
);
table(`The corpus (${files.length} published posts, one call each)`, all, all[0]!);

// `--baseline DIR`: an older build (DIR/dist/src/cli.js) timed beside this
// one on the same archives, runs interleaved. An archive it refuses (exit 2,
// the 64 MB input cap it had) is shown as refused.
// `--baseline-up-to MB` spares it the larger archives (one that holds a 1 GB
// archive whole takes many minutes a run).
const baselineDir = args.includes('--baseline') ? resolve(args[args.indexOf('--baseline') + 1] ?? '.') : undefined;
const baselineUpTo = args.includes('--baseline-up-to') ? Number(args[args.indexOf('--baseline-up-to') + 1]) * 1e6 : Infinity;
const builds = [
  { name: 'this build', cli },
  ...(baselineDir ? [{ name: 'baseline', cli: join(baselineDir, 'dist', 'src', 'cli.js') }] : []),
];
const sizes = [1e7, 1e8, ...(big ? [1e9] : [])];
// The first shape is the whole story (posts are linted, and their patches kept
// for the series); the second shows the scan alone: one post, then plain traffic.
const shapes = [
  { label: 'a post every 500 messages', every: 500 },
  { label: 'one post, then no post', every: Infinity },
];
const scans = sizes.flatMap((bytes) =>
  shapes.flatMap((shape) =>
    builds.filter((build) => build.name !== 'baseline' || bytes <= baselineUpTo).map((build) => ({
      bytes,
      label: `${bytes / 1e6} MB, ${shape.label} | ${build.name}`,
      cmd: [process.execPath, build.cli, '--format', 'json', '--fail-level', 'none', archive(bytes, shape.every)],
      ms: [] as number[],
      rssKb: 0,
      refused: false,
    })),
  ),
);
// Written just now, the archives are in the page cache: no warm-up run (a
// 1 GB archive with posts takes a minute).
for (let i = 0; i < 3; i++) {
  for (const scan of scans) {
    if (scan.refused) continue;
    try {
      const t = timeOnce(scan.cmd);
      scan.ms.push(t.ms);
      scan.rssKb = Math.max(scan.rssKb, t.rssKb);
    } catch {
      scan.refused = true;
    }
  }
}
// Start-up (loading the linter) is paid once whatever the size: the seed
// patch's time in this run is taken off to show the speed of the scan itself.
const startup = median(one[1]!.ms);
console.log('\n### Archive scan\n');
console.log(`MB/s past start-up: the size over (median - ${startup.toFixed(0)} ms, the seed patch's median above).\n`);
console.log('| archive | build | median ms | MB/s | MB/s past start-up | peak RSS MB |');
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const scan of scans) {
  if (scan.refused) {
    console.log(`| ${scan.label} | refused (exit 2) | | | |`);
    continue;
  }
  const m = median(scan.ms);
  const rate = (ms: number): string => (ms > 0 ? (scan.bytes / 1e6 / (ms / 1000)).toFixed(0) : '-');
  console.log(`| ${scan.label} | ${m.toFixed(0)} | ${rate(m)} | ${rate(m - startup)} | ${(scan.rssKb / 1024).toFixed(0)} |`);
}

// The seed post's paragraphs up to 2 KB: a hundred of them stay under the
// 256 KB a post may have (src/core/limits.ts), the seed post whole would not.
const paragraphs = seedPost().split('---\n').slice(2).join('---\n').split('\n\n');
let unit = '';
for (const p of paragraphs) if (unit.length + p.length < 2048) unit += `${p}\n\n`;
const grown = [1, 10, 100].map((k) => {
  const path = join(work, `post-x${k}.md`);
  writeFileSync(path, `---\ntitle: "x"\n---\n${unit.repeat(k)}`);
  return { label: `review-post, ${(unit.length / 1024).toFixed(1)} KB of the seed post × ${k}`, cmd: [process.execPath, cli, '--fail-level', 'none', path] };
});
const growth = measure(grown, Math.max(3, Math.floor(runs / 2)));
table('Cost against post length', growth, one[0]!);
