// The follow-up: what a maintainer does by hand when a new version comes in.
// The earlier version, the reviewers' replies to it and the later version are
// read (thread.ts); each reply's comments are found under the lines they
// quote (reply.ts, quotes.ts); review-post's own findings on the earlier
// version are added; the two versions are matched as range-diff does
// (align.ts); and each comment is judged on what became of its lines
// (decide.ts). New findings on what the later version added close the list.
// Plain data out; follow-up-render.ts prints it.

import type { Finding, Patch, Post, ReviewedPatch } from '../core/types.js';
import { InputError } from '../core/types.js';
import type { Source } from '../mail/input.js';
import { reviewPosts, type ReviewOptions } from '../pipeline.js';
import { defaultSettings } from '../config/settings.js';
import { Alignment } from './align.js';
import { decide, type Status } from './decide.js';
import { commitMessageLines, patchLines, QuoteMatcher, type PatchLine } from './quotes.js';
import { onlyAcknowledges, readReply } from './reply.js';
import { isPostPatch, isReply, readThread, type ThreadMessage } from './thread.js';

export interface VersionInfo {
  source: string;
  subject: string;
  from: string;
  /** ISO 8601 (UTC), '' when unknown. */
  date: string;
  /** The Date header as written, for the attribution. */
  dateHeader: string;
  messageId: string;
  version: number;
  posts: string[];
}

export interface ReviewInfo {
  source: string;
  reviewer: string;
  subject: string;
  date: string;
  messageId: string;
}

export interface CommentStatus {
  source: 'review' | 'review-post';
  reviewer: string;
  comment: string;
  /** What the comment is about: a post (its path) or the commit message. */
  part: 'post' | 'commit-message';
  path?: string;
  /** 1-based lines of the earlier version's post (or commit message) the comment is about. */
  oldLine: number | null;
  oldEndLine: number | null;
  /** Where they stand in the later version, when they are still there. */
  newLine: number | null;
  status: Status;
  evidence: string;
  /** review-post's rule, for its own findings. */
  rule?: string;
  /** The earlier lines, as quoted (at most a few). */
  oldText: string[];
  /** What stands there in the later version (at most a few lines). */
  newText: string[];
}

export interface Remark {
  reviewer: string;
  kind: 'top-posting' | 'acknowledgement' | 'trailer';
  text: string;
  /** For a trailer: whether the later version carries it. */
  inNew?: boolean;
}

export interface NewFinding extends Finding {
  path: string;
}

export interface FollowUpReport {
  old: VersionInfo;
  new: VersionInfo;
  reviews: ReviewInfo[];
  comments: CommentStatus[];
  remarks: Remark[];
  newFindings: NewFinding[];
  /** The later version reviewed with only the new findings left, for the inline quote. */
  newReview: ReviewedPatch[];
}

/** Lines of the earlier and later text shown with a comment. */
const SHOWN_LINES = 3;

function mailbox(name: string, address: string): string {
  return address ? (name && name !== address ? `${name} <${address}>` : address) : name;
}

function versionInfo(messages: ThreadMessage[]): VersionInfo {
  const first = messages[0]!;
  const p = first.patch;
  return {
    source: first.source,
    subject: p.subject,
    from: mailbox(p.fromName, p.fromAddress),
    date: p.date,
    dateHeader: p.dateHeader,
    messageId: p.messageId,
    version: first.subject.version,
    posts: messages.flatMap((m) => m.patch.posts.map((x) => x.path)),
  };
}

/** The patches of the lowest (or highest) version among an input's messages. */
function pickVersion(messages: ThreadMessage[], which: 'lowest' | 'highest', name: string): ThreadMessage[] {
  const patches = messages.filter(isPostPatch);
  if (patches.length === 0) throw new InputError(`${name}: no patch that adds or changes a post`);
  const versions = patches.map((m) => m.subject.version);
  const wanted = which === 'lowest' ? Math.min(...versions) : Math.max(...versions);
  return patches.filter((m) => m.subject.version === wanted);
}

function slug(path: string): string {
  return (path.split('/').pop() ?? path).replace(/^\d{4}-\d{2}-\d{2}-/, '');
}

/** The later version's post for an earlier one: the same path, else the same slug (a new date), else the only one. */
function partnerPost(post: Post, candidates: Post[]): Post | undefined {
  return candidates.find((p) => p.path === post.path) ?? candidates.find((p) => slug(p.path) === slug(post.path)) ?? (candidates.length === 1 ? candidates[0] : undefined);
}

/** Which earlier patch a reply answers: by threading, else by subject, else by what it quotes. */
function repliedPatch(reply: ThreadMessage & { mail: NonNullable<ThreadMessage['mail']> }, olds: ThreadMessage[], news: ThreadMessage[], explicit: boolean): ThreadMessage | undefined {
  const chain = [...reply.mail.references, reply.mail.inReplyTo].filter(Boolean);
  let best: ThreadMessage | undefined;
  let at = -1;
  for (const old of olds) {
    const i = old.patch.messageId ? chain.lastIndexOf(old.patch.messageId) : -1;
    if (i > at) {
      at = i;
      best = old;
    }
  }
  if (best) return best;
  // A reply to the later version reviews that one, not this.
  if (news.some((n) => n.patch.messageId && chain.includes(n.patch.messageId))) return undefined;
  const sameTitle = olds.find((o) => o.subject.title !== '' && o.subject.title === reply.subject.title && o.subject.version === reply.subject.version);
  if (sameTitle) return sameTitle;
  if (!explicit) return undefined;
  if (olds.length === 1) return olds[0];
  // Unthreaded and retitled: the patch whose lines it quotes most.
  const body = reply.mail.body;
  let most = 0;
  for (const old of olds) {
    const text = readReply(body);
    const matcher = new QuoteMatcher(patchLines(old.patch));
    const n = text.parts.reduce((sum, p) => sum + (p.kind === 'quote' ? matcher.match(p.lines).length : 0), 0);
    if (n > most) {
      most = n;
      best = old;
    }
  }
  return best;
}

interface Side {
  patch: Patch;
  /** Post content lines by path, and the commit message lines. */
  lines: (part: 'post' | 'commit-message', path?: string) => string[];
}

function sideOf(patch: Patch): Side {
  const byPath = new Map(patch.posts.map((p) => [p.path, p.content.split('\n')]));
  const message = commitMessageLines(patch);
  return { patch, lines: (part, path) => (part === 'commit-message' ? message : (byPath.get(path ?? '') ?? [])) };
}

/** Alignments between an earlier patch and its later version, one per post and one for the commit message. */
class Pairing {
  private readonly alignments = new Map<string, Alignment>();
  readonly newPath = new Map<string, string>();

  constructor(
    readonly old: Side,
    readonly next: Side,
  ) {
    for (const post of old.patch.posts) {
      const partner = partnerPost(post, next.patch.posts);
      if (partner) this.newPath.set(post.path, partner.path);
    }
  }

  alignment(part: 'post' | 'commit-message', path?: string): Alignment {
    const key = part === 'post' ? `post:${path}` : 'commit-message';
    let found = this.alignments.get(key);
    if (!found) {
      const newPath = path === undefined ? undefined : this.newPath.get(path);
      const after = part === 'post' && newPath === undefined ? [] : this.next.lines(part, newPath);
      found = new Alignment(this.old.lines(part, path), after);
      this.alignments.set(key, found);
    }
    return found;
  }
}

/** The lines of `lines` (1-based) from `from` up while they are not blank: the paragraph above a line. */
function paragraphStart(lines: string[], line: number): number {
  let start = line;
  while (start > 1 && (lines[start - 2] ?? '').trim() !== '') start--;
  return start;
}

function shownLines(lines: string[], numbers: number[]): string[] {
  return numbers.slice(-SHOWN_LINES).map((n) => lines[n - 1] ?? '');
}

/** A status, its evidence, and where the later version shows it when that is known better than the line match. */
type Verdict = { status: Status; evidence: string; newLine?: number };

function judged(
  pairing: Pairing,
  base: Pick<CommentStatus, 'source' | 'reviewer' | 'comment' | 'part' | 'path'> & { rule?: string },
  focus: number[],
  status: Verdict | ((change: ReturnType<Alignment['changeOf']>) => Verdict),
): CommentStatus {
  const alignment = pairing.alignment(base.part, base.path);
  const change = alignment.changeOf(focus);
  const { newLine, ...decision } = typeof status === 'function' ? status(change) : status;
  const oldLines = pairing.old.lines(base.part, base.path);
  const newPath = base.path === undefined ? undefined : pairing.newPath.get(base.path);
  const newLines = pairing.next.lines(base.part, newPath);
  const at = newLine !== undefined ? [newLine] : change.newLines;
  return {
    ...base,
    oldLine: focus[0] ?? null,
    oldEndLine: focus[focus.length - 1] ?? null,
    newLine: at[0] ?? null,
    ...decision,
    oldText: shownLines(oldLines, focus),
    newText: shownLines(newLines, at),
  };
}

/** The reviewer's comments in one reply, each judged; its remarks beside. */
function replyComments(pairing: Pairing, reply: ThreadMessage & { mail: NonNullable<ThreadMessage['mail']> }): { comments: CommentStatus[]; remarks: Remark[] } {
  const { mail } = reply;
  const reviewer = mailbox(mail.fromName, mail.fromAddress);
  const text = readReply(mail.body, [mail.fromName.toLowerCase(), mail.fromAddress.toLowerCase()].filter(Boolean));
  const lines = patchLines(pairing.old.patch);
  const matcher = new QuoteMatcher(lines);
  const comments: CommentStatus[] = [];
  const carried = new Set(pairing.next.patch.trailers.map((t) => t.replace(/\s+/g, ' ').trim().toLowerCase()));
  const remarks: Remark[] = text.trailers.map((t) => ({ reviewer, kind: 'trailer' as const, text: t, inNew: carried.has(t.replace(/\s+/g, ' ').trim().toLowerCase()) }));
  let quoted: PatchLine[] = [];
  text.parts.forEach((part, index) => {
    if (part.kind === 'quote') {
      quoted = matcher.match(part.lines).map((i) => lines[i]!);
      return;
    }
    if (index === 0) {
      remarks.push({ reviewer, kind: 'top-posting', text: part.text });
      return;
    }
    if (onlyAcknowledges(part.text)) {
      remarks.push({ reviewer, kind: 'acknowledgement', text: part.text });
      return;
    }
    const about = [...quoted].reverse().find((l) => l.part !== 'other');
    if (!about) {
      comments.push({
        source: 'review', reviewer, comment: part.text, part: 'post', oldLine: null, oldEndLine: null, newLine: null,
        status: 'unclear', evidence: "the quoted lines are not in the earlier version's post or commit message", oldText: [], newText: [],
      });
      return;
    }
    const part_: 'post' | 'commit-message' = about.part === 'post' ? 'post' : 'commit-message';
    const own = pairing.old.lines(part_, about.path);
    const start = paragraphStart(own, about.line);
    const focus = [...new Set(quoted.filter((l) => l.part === about.part && l.path === about.path && l.line >= start && l.line <= about.line).map((l) => l.line))].sort((a, b) => a - b);
    const base = { source: 'review' as const, reviewer, comment: part.text, part: part_, ...(about.path ? { path: about.path } : {}) };
    comments.push(judged(pairing, base, focus, (change) => decide(part.text, change)));
  });
  return { comments, remarks };
}

function sameShape(a: string, b: string): boolean {
  return a.replace(/\d+/g, '#') === b.replace(/\d+/g, '#');
}

/** review-post's findings on the earlier version: still there in the later one, or gone. */
function ownFindings(pairing: Pairing, oldReview: ReviewedPatch, newReview: ReviewedPatch): { comments: CommentStatus[]; matched: Set<Finding> } {
  const matched = new Set<Finding>();
  const comments: CommentStatus[] = [];
  for (const { post, findings } of oldReview.posts) {
    const newPath = pairing.newPath.get(post.path);
    const later = newReview.posts.find((p) => p.post.path === newPath)?.findings ?? [];
    const onMessage = newReview.posts.flatMap((p) => p.findings.filter((f) => f.onCommitMessage));
    const alignment = pairing.alignment('post', post.path);
    for (const f of findings) {
      const base = { source: 'review-post' as const, reviewer: 'review-post', comment: f.message, rule: f.rule };
      if (f.onCommitMessage) {
        const same = onMessage.find((g) => !matched.has(g) && g.rule === f.rule && sameShape(g.message, f.message));
        if (same) matched.add(same);
        const message = commitMessageLines(pairing.old.patch).map((_, i) => i + 1);
        comments.push(judged(pairing, { ...base, part: 'commit-message' }, message, same ? { status: 'open', evidence: 'the finding is still there' } : { status: 'addressed', evidence: 'the finding is gone' }));
        continue;
      }
      const at = alignment.newLineOf(f.line);
      const near = (g: Finding): boolean => at !== undefined && Math.abs(g.line - at) <= 2;
      const candidates = later.filter((g) => !matched.has(g) && !g.onCommitMessage && g.rule === f.rule);
      const same =
        candidates.find((g) => g.message === f.message && near(g)) ??
        candidates.find((g) => sameShape(g.message, f.message) && near(g)) ??
        candidates.find((g) => g.message === f.message);
      if (same) matched.add(same);
      const decision = same ? { status: 'open' as const, evidence: 'the finding is still there', newLine: same.line } : { status: 'addressed' as const, evidence: 'the finding is gone' };
      comments.push(judged(pairing, { ...base, part: 'post', path: post.path }, [f.line], decision));
    }
  }
  return { comments, matched };
}

/** Findings on the later version that the earlier one did not have, on lines it added or changed. */
function newFindings(pairing: Pairing, newReview: ReviewedPatch, matched: Set<Finding>): ReviewedPatch {
  const oldPathOf = new Map([...pairing.newPath].map(([o, n]) => [n, o]));
  return {
    patch: newReview.patch,
    posts: newReview.posts.map(({ post, findings }) => {
      const oldPath = oldPathOf.get(post.path);
      const changed = oldPath === undefined ? undefined : pairing.alignment('post', oldPath).changedNewLines();
      const kept = findings.filter((f) => {
        if (matched.has(f)) return false;
        if (f.onCommitMessage || changed === undefined) return true;
        for (let line = f.line; line <= f.endLine; line++) if (changed.has(line)) return true;
        return false;
      });
      return { post, findings: kept };
    }),
  };
}

export interface FollowUpInputs {
  old: Source;
  /** The later version; absent when `old` is a thread that holds both. */
  new?: Source;
  reviews: Source[];
}

export async function followUp(inputs: FollowUpInputs, options: ReviewOptions = {}): Promise<FollowUpReport> {
  const posts = (options.settings ?? defaultSettings()).posts;
  const oldMessages = await readThread(inputs.old, posts);
  const newMessages = inputs.new ? await readThread(inputs.new, posts) : oldMessages;
  const reviewMessages = [];
  for (const source of inputs.reviews) reviewMessages.push(...(await readThread(source, posts)));

  const olds = pickVersion(oldMessages, 'lowest', inputs.old.name);
  const news = pickVersion(newMessages, 'highest', (inputs.new ?? inputs.old).name);
  if (!inputs.new && olds[0]!.subject.version === news[0]!.subject.version) {
    throw new InputError(`${inputs.old.name}: holds one version of the patch; name the later one too (follow-up OLD NEW [REVIEW ...])`);
  }
  const oldSeries = olds.map((m) => m.patch);
  const newSeries = news.map((m) => m.patch);

  // Replies from every input, once each; the author's own answers review nothing.
  const seen = new Set<string>();
  const author = olds[0]!.patch.fromAddress.toLowerCase();
  const explicit = new Set(reviewMessages);
  const replies = [...reviewMessages, ...oldMessages, ...(inputs.new ? newMessages : [])].filter(isReply).filter((r) => {
    const key = r.mail.messageId || r.mail.body;
    if (seen.has(key)) return false;
    seen.add(key);
    return author === '' || r.mail.fromAddress.toLowerCase() !== author;
  });

  const comments: CommentStatus[] = [];
  const remarks: Remark[] = [];
  const reviews: ReviewInfo[] = [];
  const newReview: ReviewedPatch[] = [];
  const pairings = olds.map((old, i) => {
    const next = news.find((n) => n.patch.posts.some((p) => old.patch.posts.some((o) => partnerPost(o, [p])))) ?? news[i] ?? news[0]!;
    return { old, pairing: new Pairing(sideOf(old.patch), sideOf(next.patch)), next };
  });
  for (const reply of replies) {
    const target = repliedPatch(reply, olds, news, explicit.has(reply));
    const pairing = pairings.find((p) => p.old === target)?.pairing;
    if (!pairing) continue;
    reviews.push({ source: reply.source, reviewer: mailbox(reply.mail.fromName, reply.mail.fromAddress), subject: reply.mail.subject, date: reply.mail.date, messageId: reply.mail.messageId });
    const found = replyComments(pairing, reply);
    comments.push(...found.comments);
    remarks.push(...found.remarks);
  }
  for (const { old, pairing, next } of pairings) {
    const oldReview = await reviewPosts(old.patch, oldSeries, options);
    const laterReview = await reviewPosts(next.patch, newSeries, options);
    const own = ownFindings(pairing, oldReview, laterReview);
    comments.push(...own.comments);
    newReview.push(newFindings(pairing, laterReview, own.matched));
  }
  return {
    old: versionInfo(olds),
    new: versionInfo(news),
    reviews,
    comments,
    remarks,
    newFindings: newReview.flatMap((r) => r.posts.flatMap((p) => p.findings.map((f) => ({ ...f, path: p.post.path })))),
    newReview,
  };
}
