// What an input did not review. An archive may skip 100,000 messages: the
// first reasons are kept, the rest only counted. Damaged ones are all kept:
// each is reported on its own.

import type { Skip } from './types.js';

/** Quiet skips kept with their reason; enough for what the CLI and JSON show. */
export const SKIP_REASONS_KEPT = 100;

export class SkipList {
  readonly kept: Skip[] = [];
  /** Quiet skips beyond the kept ones. */
  unlisted = 0;
  private quiet = 0;

  /** No more quiet reasons are kept: a quiet skip needs no reason now. */
  get full(): boolean {
    return this.quiet >= SKIP_REASONS_KEPT;
  }

  add(skip: Skip): void {
    if (skip.damaged) {
      this.kept.push(skip);
    } else if (this.full) {
      this.unlisted++;
    } else {
      this.quiet++;
      this.kept.push(skip);
    }
  }

  /** A quiet skip whose reason was not worked out: only once full. */
  countUnlisted(): void {
    this.unlisted++;
  }
}
