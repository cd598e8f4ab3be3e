// From a decoded mail (or a bare diff) to the posts it adds or changes: the
// commit message (commit-message.ts), the walk over the diff that checks every
// hunk's counts (diff-scan.ts), every file the patch touches (files.ts), and
// each post read out of its diff (post.ts). A patch whose counts cannot be
// trusted would be quoted wrong, so it is refused as damaged.

import picomatch from 'picomatch';
import { emptySender, InputError, senderOf, type Mail, type Patch } from '../core/types.js';
import { commitMessageOf, findDiffStart, isCoverLetter, messageStart, splitTrailers } from './commit-message.js';
import { scanDiff, spanPaths, type Scan } from './diff-scan.js';
import { listFiles, readDiffstat } from './files.js';
import { errorText, listPaths, toLines } from './lines.js';
import { buildPost } from './post.js';

export interface PatchOptions {
  /** Which new paths are blog posts (picomatch glob). */
  posts: string;
}

const REPLY = /^\s*(?:re|aw|sv|antw)\s*:/i;

export function readPatch(mail: Mail, options: PatchOptions): Patch {
  return read(mail, options, false);
}

/** A bare diff (or a whole `git format-patch` file), e.g. on stdin: no mail around it. */
export function readDiff(diffText: string, options: PatchOptions): Patch {
  const mail: Mail = {
    ...emptySender(),
    index: 0,
    inReplyTo: '',
    body: diffText,
    patchParts: [],
    flowed: false,
    patchPartsFlowed: false,
  };
  return read(mail, options, true);
}

function read(mail: Mail, options: PatchOptions, bare: boolean): Patch {
  const patch: Patch = {
    ...senderOf(mail),
    commitMessage: [],
    hasDiff: false,
    trailers: [],
    posts: [],
    skipped: [],
  };
  const isPost = postMatcher(options);
  // One odd message must not stop the review of a whole mbox.
  try {
    fillPatch(patch, mail, isPost, bare);
  } catch (error) {
    patch.posts = [];
    patch.skipped = [{ reason: `could not read the patch: ${errorText(error)}`, damaged: true }];
  }
  return patch;
}

// Compiling a glob costs more than reading a short message: an mbox of a
// whole list archive reads one per message, so each glob is compiled once.
const matchers = new Map<string, (path: string) => boolean>();

function postMatcher(options: PatchOptions): (path: string) => boolean {
  const glob = options.posts;
  const known = matchers.get(glob);
  if (known !== undefined) return known;
  try {
    const matcher = picomatch(glob);
    if (matchers.size < 100) matchers.set(glob, matcher);
    return matcher;
  } catch (error) {
    // The glob comes from the command line, not from a message.
    throw new InputError(`invalid posts glob ${JSON.stringify(glob)}: ${errorText(error)}`);
  }
}

interface Source {
  lines: string[];
  fromBody: boolean;
}

interface FoundDiff {
  source: Source;
  scan: Scan;
}

const FLOWED =
  "the patch is damaged: the sender's mail client re-flowed it (format=flowed joins lines that end in a space), " +
  'so it can be neither reviewed nor applied; please send it again with git send-email';

function fillPatch(patch: Patch, mail: Mail, isPost: (path: string) => boolean, bare: boolean): void {
  const reply = !bare && REPLY.test(mail.subject);
  if (!bare && !reply && isCoverLetter(mail.subject)) {
    // A cover letter may carry an interdiff or range-diff: not a post to review.
    patch.skipped.push({ reason: 'cover letter' });
    return;
  }

  const body: Source = { lines: toLines(mail.body), fromBody: true };
  const sources = [body, ...mail.patchParts.map((part) => ({ lines: toLines(part), fromBody: false }))];
  const found: { source: Source; start: number }[] = [];
  for (const source of sources) {
    const start = findDiffStart(source.lines, messageStart(source.lines));
    if (start >= 0) found.push({ source, start });
  }
  const first = found[0];
  if (first === undefined) {
    const reason = bare ? 'no diff in this input' : reply ? 'reply without a patch' : 'no patch in this message';
    patch.skipped.push({ reason });
    return;
  }
  patch.hasDiff = true;

  // The commit message: the text before the diff; for an attachment, its own
  // message when it is a whole format-patch file, else what the mail body says.
  const firstHeaders = messageStart(first.source.lines);
  const message =
    first.source.fromBody || firstHeaders > 0
      ? commitMessageOf(first.source.lines, firstHeaders, first.start)
      : commitMessageOf(body.lines, messageStart(body.lines), body.lines.length);
  const { text, trailers } = splitTrailers(message);
  patch.commitMessage = text;
  patch.trailers = trailers;

  const diffs: FoundDiff[] = [];
  const seen = new Set<string>();
  for (const { source, start } of found) {
    if (source.fromBody ? mail.flowed : mail.patchPartsFlowed) {
      patch.skipped = [{ reason: FLOWED, damaged: true }];
      return;
    }
    const scan = scanDiff(source.lines, start);
    if (scan.corrupt !== undefined) {
      patch.skipped = [{ reason: `the patch is corrupt: ${scan.corrupt}`, damaged: true }];
      return;
    }
    // Some mailers send the same patch inline and attached.
    const key = source.lines.slice(start, scan.end).join('\n').trimEnd();
    if (seen.has(key)) continue;
    seen.add(key);
    diffs.push({ source, scan });
  }
  // The diffstat sits between the `---` and the first diff of the same text.
  patch.files = listFiles(diffs.map((d) => d.scan), readDiffstat(first.source.lines, firstHeaders, first.start));

  const others: string[] = [];
  let sawPostPath = false;
  const reviewed = new Set<string>();
  for (const diff of diffs) {
    for (const span of diff.scan.files) {
      const { oldPath, newPath } = spanPaths(span);
      const postPath = newPath !== undefined && isPost(newPath) ? newPath : undefined;
      if (span.isDeleted || newPath === undefined) {
        if (oldPath !== undefined && isPost(oldPath)) {
          sawPostPath = true;
          patch.skipped.push({ reason: `deleted post: ${oldPath}` });
        } else {
          others.push(oldPath ?? '(a file without a name)');
        }
        continue;
      }
      if (postPath === undefined) {
        others.push(newPath);
        continue;
      }
      sawPostPath = true;
      if (span.isBinary) {
        patch.skipped.push({ reason: `binary file: ${postPath}` });
      } else if (span.hunks.length === 0) {
        const renamed = oldPath !== undefined && oldPath !== postPath;
        patch.skipped.push({
          reason: renamed
            ? `${span.isCopy === true ? 'copied' : 'renamed'} without changes: ${oldPath} -> ${postPath}`
            : `no text changes: ${postPath}`,
        });
      } else if (reviewed.has(postPath)) {
        patch.skipped.push({ reason: `a second diff of ${postPath} in the same message: reviewed once` });
      } else {
        const post = buildPost(diff.source.lines, span, postPath);
        if ('reason' in post) {
          patch.skipped.push(post);
        } else {
          reviewed.add(postPath);
          patch.posts.push(post);
        }
      }
    }
  }
  if (others.length > 0) {
    const label = sawPostPath ? 'not a post' : 'touches no post';
    patch.skipped.push({ reason: `${label}: ${listPaths(others)}` });
  }
}
