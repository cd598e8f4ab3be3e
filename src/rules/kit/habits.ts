// When a site's habit is strong enough to ask a post to follow it, and how a
// finding names it: "38 of the last 40 posts set `author:`". A rule asks
// only for what most of the newest posts do; a post of the site being
// reviewed is not counted as its own precedent.

import type { VFile } from 'vfile';
import { contextOf, type Share, type SiteModel } from './context.js';
import { postPathOf } from './site-paths.js';

/** The share of the newest posts that makes a habit. */
export const HABIT = 0.9;
/** Fewer posts than this make no habit. */
const MIN_POSTS = 3;

/** The post being reviewed, when it is one of the posts the model was learned from. */
export interface Self {
  inAll: boolean;
  inRecent: boolean;
}

export function selfIn(file: VFile): Self {
  const site = contextOf(file).site;
  if (site?.paths === undefined) return { inAll: false, inRecent: false };
  const path = postPathOf(file).sitePath;
  return { inAll: site.paths.has(path), inRecent: site.recent?.includes(path) ?? false };
}

/**
 * The share among the other posts, for a post that does not do the thing
 * (so it is not among `posts`); `does` when it does.
 */
export function others(share: Share, self: Self, does = false): Share {
  return {
    posts: share.posts - (does && self.inAll ? 1 : 0),
    of: share.of - (self.inAll ? 1 : 0),
    recent: share.recent - (does && self.inRecent ? 1 : 0),
    recentOf: share.recentOf - (self.inRecent ? 1 : 0),
  };
}

/** Whether most of the newest posts (and most posts) do it: a habit to ask for. */
export function isHabit(share: Share): boolean {
  // Most of all the posts too: what only the newest do on a large site is not yet its habit.
  if (share.recentOf >= MIN_POSTS) return share.recent >= HABIT * share.recentOf && share.posts * 2 > share.of;
  return share.of >= MIN_POSTS && share.posts >= HABIT * share.of;
}

/** Whether the newest posts hardly ever do it: a habit not to. */
export function isRare(share: Share): boolean {
  const flipped = { posts: share.of - share.posts, of: share.of, recent: share.recentOf - share.recent, recentOf: share.recentOf };
  return isHabit(flipped);
}

/** "38 of the last 40 posts", "all 12 posts", "65 of its 67 posts". */
export function habitText(share: Share, noun = 'posts'): string {
  if (share.recentOf >= MIN_POSTS && share.recentOf < share.of) {
    return share.recent === share.recentOf ? `all of the last ${share.recentOf} ${noun}` : `${share.recent} of the last ${share.recentOf} ${noun}`;
  }
  return share.posts === share.of ? `all ${share.of} ${noun}` : `${share.posts} of its ${share.of} ${noun}`;
}

/** The same, for a habit of not doing something: "none of the last 40 posts". */
export function rareText(share: Share, noun = 'posts'): string {
  if (share.recentOf >= MIN_POSTS && share.recentOf < share.of) {
    return share.recent === 0 ? `none of the last ${share.recentOf} ${noun}` : `only ${share.recent} of the last ${share.recentOf} ${noun}`;
  }
  return share.posts === 0 ? `none of its ${share.of} ${noun}` : `only ${share.posts} of its ${share.of} ${noun}`;
}

/**
 * The model, when it was learned from enough posts besides this one: a
 * checkout with fewer teaches no habit, and the post is judged as without one.
 */
export function learnedSite(file: VFile): SiteModel | undefined {
  const site = contextOf(file).site;
  if (site?.paths === undefined) return undefined;
  const others = site.paths.size - (selfIn(file).inAll ? 1 : 0);
  return others >= MIN_POSTS ? site : undefined;
}
