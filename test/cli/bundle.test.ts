// The command users run is a bundle loaded from V8's code cache
// (src/bin.cts, scripts/bundle.ts): it must be the same program as tsc's
// output, and a cache that does not fit must cost time only.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type * as Loader from '../../src/cli/load-bundle.cjs';
import { cli, fixture, root, seedPost } from '../helpers.js';

const dist = join(root, 'dist');
const built = existsSync(join(dist, 'review-post.cjs'));
const loader = (): typeof Loader => createRequire(import.meta.url)(join(dist, 'src', 'cli', 'load-bundle.cjs')) as typeof Loader;

function run(entry: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('the bundle', () => {
  it('is what the bin runs, and reviews as tsc’s output does', () => {
    expect(cli).toBe(join(dist, 'src', 'bin.cjs'));
    const post = join(mkdtempSync(join(tmpdir(), 'review-post-bundle-')), '2020-11-04-osv-virtio-fs.md');
    writeFileSync(post, seedPost());
    for (const args of [[fixture('osv-virtio-fs-v1.mbox')], ['--format', 'json', fixture('mail', 'osv-qp-utf8.eml')], [post], ['--list-rules']]) {
      expect(run(cli, args)).toEqual(run(join(dist, 'src', 'cli.js'), args));
    }
  });

  it('has a code cache that this node accepts', () => {
    const source = readFileSync(join(dist, 'review-post.cjs'), 'utf8');
    const cachedData = readFileSync(join(dist, 'review-post.cache'));
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { cachedData });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('runs without a cache, or with one that does not fit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'review-post-bundle-'));
    copyFileSync(join(dist, 'review-post.cjs'), join(dir, 'review-post.cjs'));
    expect(typeof loader().loadBundle(dir).exports.runCommand).toBe('function');
    writeFileSync(join(dir, 'review-post.cache'), Buffer.alloc(4096, 7));
    expect(typeof loader().loadBundle(dir).exports.runCommand).toBe('function');
  });
});
