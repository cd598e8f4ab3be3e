// What the one-file bundle (dist/review-post.cjs) exports: the command, and a
// review to run once at build time so that V8's code cache holds the
// functions a usual review compiles (see scripts/bundle.ts).

import { readFileSync } from 'node:fs';
import { defaultSettings } from '../config/settings.js';
import { reviewSource } from '../pipeline.js';

export { runCommand } from './main.js';

/** Review a mail the way the command does, output dropped: the code cache's warm-up. */
export async function warmUp(mbox: string): Promise<void> {
  await reviewSource({ name: mbox, data: readFileSync(mbox) }, { settings: defaultSettings() });
}
