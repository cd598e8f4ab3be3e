// `npm pack` and `npm publish` (prepack, postpack): the package.json that goes
// into the tarball has no scripts. A clone builds itself on `npm install`
// through `prepare`, but npm 11 lists `prepare` of a tarball or git install
// as an install script "not yet covered by allowScripts", and npm 12 blocks
// it: the tarball already holds dist/, so it needs no script at all.
//
//   node dist/scripts/pack-manifest.js strip     before packing (after a clean build:
//                                                 dist/ holds only what this tree builds)
//   node dist/scripts/pack-manifest.js restore   after packing
//
// The original is kept beside it, so that a pack that failed half-way is put
// right by the next one (as pinst does for husky's postinstall).

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = join(process.cwd(), 'package.json');
const kept = `${manifest}.orig`;

function restore(): void {
  if (existsSync(kept)) renameSync(kept, manifest);
}

function strip(): void {
  restore();
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text) as Record<string, unknown>;
  delete pkg.scripts;
  writeFileSync(kept, text);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

const step = process.argv[2];
if (step === 'strip') strip();
else if (step === 'restore') restore();
else {
  process.stderr.write('usage: pack-manifest.js strip|restore\n');
  process.exitCode = 2;
}
