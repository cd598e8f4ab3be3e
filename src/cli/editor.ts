// `--edit`: the draft goes through the user's editor before it is written,
// as `git commit` and `git send-email --annotate` do. Ctrl-C in the editor
// (or a hang-up) reaches us too: it is held off until the editor is gone, so
// that the draft's temp folder is removed before we stop.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/types.js';

const STOPS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function editDraft(draft: string, env: NodeJS.ProcessEnv = process.env): string {
  const editor = env.VISUAL || env.EDITOR;
  if (!editor) throw new InputError('--edit needs an editor: set VISUAL or EDITOR');
  const dir = mkdtempSync(join(tmpdir(), 'review-post-'));
  const file = join(dir, 'review.eml');
  const held = (): void => {};
  for (const signal of STOPS) process.on(signal, held);
  try {
    writeFileSync(file, draft);
    // Through the shell, like git: EDITOR may carry arguments ("code --wait").
    const run = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'review-post-editor', file], { stdio: 'inherit', env });
    if (run.signal) throw new InputError(`the editor (${editor}) was stopped by ${run.signal}; nothing was written`);
    if (run.status !== 0) throw new InputError(`the editor (${editor}) failed; nothing was written`);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const signal of STOPS) process.off(signal, held);
  }
}
