// `npm run build`, after tsc: dist/review-post.cjs, the whole command and its
// dependencies in one CommonJS file, and dist/review-post.cache, V8's code for
// it after one review. Node then reads two files instead of resolving, reading
// and compiling some 500 modules (src/bin.cts starts it).
//
// The bundle is made from tsc's output in dist/, so each module's
// import.meta.url is rewritten to the address it has there: data/, rules' doc
// comments and package.json are found as they are without the bundle.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const dist = resolve(import.meta.dirname, '..');
const root = dirname(dist);
const seed = join(root, 'fixtures', 'osv-virtio-fs-v1.mbox');

/** Each of our modules' import.meta.url: where it lies in dist/, from the bundle's own place. */
const moduleLocation: Plugin = {
  name: 'module-location',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist + '/')) return undefined;
      const text = await readFile(args.path, 'utf8');
      const from = `./${relative(dist, args.path)}`;
      const contents = text.replaceAll(
        'import.meta.url',
        `require('node:url').pathToFileURL(require('node:path').join(__dirname, ${JSON.stringify(from)})).href`,
      );
      // Any other import.meta would be silently empty in CommonJS.
      if (contents.includes('import.meta')) throw new Error(`${args.path}: import.meta other than .url cannot be bundled`);
      return { contents, loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [join(dist, 'src', 'cli', 'bundle-entry.js')],
  outfile: join(dist, 'review-post.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [moduleLocation],
  logLevel: 'warning',
  legalComments: 'none',
  // Comments and indentation cost reading and scanning at every start (about 10 ms of 210).
  minifyWhitespace: true,
});
if (result.warnings.length > 0) throw new Error('esbuild warned: see above');

// The cache is an optimisation: a build without the seed (a packed copy) just goes without it.
if (existsSync(seed)) {
  const { writeCodeCache } = createRequire(import.meta.url)('../src/cli/load-bundle.cjs') as typeof import('../src/cli/load-bundle.cjs');
  await writeCodeCache(dist, seed);
}
