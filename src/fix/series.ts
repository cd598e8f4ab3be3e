// `--fix` on a mail input: every message's next version in order (the cover
// letter's subject counted up, each patch with the fixes of its posts), so
// that a series stays whole. A post that a later patch changes again after
// fixes to it in an earlier one is refused: the later patch's context would
// no longer apply, and rebasing it is the author's git work.

import { InputError, type Mail, type Patch } from '../core/types.js';
import { isCoverLetter } from '../patch/commit-message.js';
import type { ReviewOptions } from '../pipeline.js';
import { fixPost, type FixResult } from './fix-post.js';
import { nextCoverLetter, nextVersion, type NextVersionOptions } from './next-version.js';

export interface SeriesMessage {
  /** The decoded mail; absent for a bare diff. */
  mail?: Mail;
  patch: Patch;
}

export interface NextSeries {
  results: FixResult[];
  /** The next version's mails, in the order of the input. */
  mails: string[];
  notes: string[];
}

export async function nextSeries(messages: SeriesMessage[], review: ReviewOptions, options: NextVersionOptions): Promise<NextSeries> {
  const series = messages.filter((m) => m.patch.hasDiff).map((m) => m.patch);
  const fixedEarlier = new Set<string>();
  const out: NextSeries = { results: [], mails: [], notes: [] };
  for (const { mail, patch } of messages) {
    if (mail && !patch.hasDiff && isCoverLetter(mail.subject)) {
      out.mails.push(nextCoverLetter(mail, options));
      continue;
    }
    if (!patch.hasDiff) continue;
    const own: FixResult[] = [];
    for (const post of patch.posts) {
      if (fixedEarlier.has(post.path)) {
        throw new InputError(`"${patch.subject}" changes ${post.path} again after fixes to it in an earlier patch, so it would no longer apply; fix the commits one by one (git rebase -x) instead`);
      }
      const result = await fixPost(patch, post, series, review);
      if (result.fixed !== result.original) fixedEarlier.add(post.path);
      own.push(result);
    }
    out.results.push(...own);
    if (!mail) continue;
    const next = nextVersion(mail, patch, own, options);
    out.mails.push(next.mail);
    out.notes.push(...next.notes);
  }
  return out;
}
