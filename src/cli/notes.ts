// What the command says on stderr beside the report: one line each, every
// stranger's text made safe for a terminal, and the skips of an input named
// a few at a time (an archive may skip 100,000 messages).

import { safeLine } from '../core/safe-text.js';
import type { ReviewedInput } from '../core/types.js';

export function note(line: string): void {
  process.stderr.write(`review-post: ${safeLine(line)}\n`);
}

const SKIPS_SHOWN = 5;

/** The first `shown` reasons; `unlisted` more were only counted. */
function atMost(reasons: string[], shown: number, unlisted = 0): string[] {
  if (reasons.length <= shown && unlisted === 0) return reasons;
  const more = Math.max(0, reasons.length - shown) + unlisted;
  return [...reasons.slice(0, shown), `and ${more.toLocaleString('en-US')} more`];
}

/**
 * Say on stderr what was not reviewed: one line for the quiet skips (none
 * with `--quiet`), one per damaged message (always: they make the exit status 2).
 */
export function reportSkips(input: ReviewedInput, quietly = false): boolean {
  const all = [
    ...input.skipped,
    ...input.patches.flatMap((p) => p.patch.skipped.map((s) => ({ ...s, reason: `"${p.patch.subject || 'no subject'}": ${s.reason}` }))),
  ];
  const quiet = all.filter((s) => !s.damaged).map((s) => s.reason);
  if (quiet.length > 0 && !quietly) note(`${input.source}: skipped ${atMost(quiet, SKIPS_SHOWN, input.unlistedSkips).join('; ')}`);
  const damaged = all.filter((s) => s.damaged).map((s) => s.reason);
  for (const reason of atMost(damaged, SKIPS_SHOWN)) note(`${input.source}: ${reason}`);
  return damaged.length > 0;
}
