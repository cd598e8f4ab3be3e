// The data that crosses module boundaries. Analysis produces these plain
// objects; rendering only reads them.

export type { Severity } from './severity.js';
import type { Severity } from './severity.js';

/** One raw message cut out of an mbox (or a whole single-message file). */
export interface RawMessage {
  /** 1-based position of the message in its input. */
  index: number;
  /** The message bytes, separator line removed and `>From ` unquoted. */
  raw: Buffer;
}

export interface Mailbox {
  /** Display name, '' when there is none. */
  name: string;
  address: string;
}

/** The headers a review names: who wrote, when, about what. */
export interface Sender {
  subject: string;
  /** Display name, or the address when there is no name. */
  fromName: string;
  fromAddress: string;
  /** The Date header as written (keeps the sender's zone), '' when absent. */
  dateHeader: string;
  /** ISO 8601 in UTC, '' when the date is absent or unreadable. */
  date: string;
  messageId: string;
  /** Recipients, for a reply's To and Cc. */
  to: Mailbox[];
  cc: Mailbox[];
  /** Message-IDs of the References header, with angle brackets, oldest first. */
  references: string[];
}

export function emptySender(): Sender {
  return { subject: '', fromName: '', fromAddress: '', dateHeader: '', date: '', messageId: '', to: [], cc: [], references: [] };
}

/** The Sender fields of a mail or patch, copied. */
export function senderOf(from: Sender): Sender {
  const { subject, fromName, fromAddress, dateHeader, date, messageId } = from;
  return { subject, fromName, fromAddress, dateHeader, date, messageId, to: from.to.map((m) => ({ ...m })), cc: from.cc.map((m) => ({ ...m })), references: [...from.references] };
}

/** A decoded mail: headers we use, and the text parts that may hold a patch. */
export interface Mail extends Sender {
  index: number;
  inReplyTo: string;
  /** Body text (the patch for an inline patch), CRLF already folded to LF. */
  body: string;
  /** Text of attached or inline `text/x-patch` / `text/x-diff` parts. */
  patchParts: string[];
  /**
   * The body was sent `format=flowed`: mailparser has re-joined lines that
   * ended in a space, so a patch in the body is damaged.
   */
  flowed: boolean;
  /** A patch part was sent `format=flowed`: its lines were re-wrapped. */
  patchPartsFlowed: boolean;
}

/** One line of a post's diff, as it must be quoted back. */
export interface DiffLine {
  /** The line exactly as in the mail, with its `+`, `-` or ` ` prefix. */
  text: string;
  kind: 'add' | 'del' | 'context' | 'hunk';
  /** Line number in the new version of the post (absent for `-` and `@@`). */
  newLine?: number;
}

export interface Hunk {
  /** The `@@ -a,b +c,d @@` line. */
  header: string;
  lines: DiffLine[];
}

/** A blog post that a patch adds or changes. */
export interface Post {
  path: string;
  status: 'added' | 'modified';
  /** The `diff --git` line through the `+++` line, as in the mail. */
  header: string[];
  hunks: Hunk[];
  /**
   * The new version of the post. For a modified post only the hunks are
   * known: lines outside them are blank, so line numbers stay true.
   */
  content: string;
  /** New-version line numbers that the patch adds. */
  addedLines: Set<number>;
  /**
   * A Markdown file given directly, not a mailed diff: the review quotes its
   * lines as they are, under its path (its one hunk adds it whole).
   */
  onDisk?: true;
}

export interface Skip {
  /** One line for the user: what was not reviewed and why. */
  reason: string;
  /**
   * The message or patch is unusable (re-flowed, corrupt hunk counts):
   * reported as a problem, not as a quiet skip.
   */
  damaged?: boolean;
}

/** One mailed patch (or a pseudo-patch for a Markdown file given directly). */
export interface Patch extends Sender {
  /** The commit message lines, without trailers, diffstat and `---`. */
  commitMessage: string[];
  /** Trailer lines of the commit message (`Signed-off-by: ...`). */
  trailers: string[];
  /** The message carries a diff (of posts or of anything else). */
  hasDiff: boolean;
  posts: Post[];
  skipped: Skip[];
  /**
   * Every file the message's diffs touch (posts included), and files that
   * only its diffstat names. Absent when the patch could not be read, and
   * for a Markdown file given directly (nothing is known beyond the post).
   */
  files?: PatchFile[];
}

/** One file of a patch, whatever its kind: what image checks need to know. */
export interface PatchFile {
  /** The new path (the old one for a deleted file). */
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  binary: boolean;
  /** Sent as `Binary files a and b differ`: no content, cannot be applied. */
  binaryStub: boolean;
  /** Size in bytes of a GIT binary patch literal, when known. */
  size?: number;
  /** The path before a rename or copy. */
  oldPath?: string;
  /**
   * Only the diffstat (`create mode ...`, ` path | 3 +`) names this file: its
   * diff is not in the message, so its content could not be checked.
   */
  diffstatOnly?: true;
}

/**
 * One replacement in a post's text: from line:column up to, not including,
 * endLine:endColumn (1-based, as findings count), by `text`.
 */
export interface TextEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** The wording to write instead, when there is one. */
  suggestion?: string;
  /**
   * The edits that make the change, only when the rule is certain of it
   * (`--fix` applies them); absent when the change needs the author.
   */
  fix?: TextEdit[];
  /**
   * The finding is about the commit message (sign-off, subject prefix), not
   * about the post: it sits at line 1 of the post, and belongs under the
   * quoted commit message in the review.
   */
  onCommitMessage?: true;
}

export interface ReviewedPost {
  post: Post;
  findings: Finding[];
}

export interface ReviewedPatch {
  patch: Patch;
  posts: ReviewedPost[];
}

export interface ReviewedInput {
  source: string;
  patches: ReviewedPatch[];
  /** Messages in this input that were not reviewed, and why: every damaged one, the first quiet ones. */
  skipped: Skip[];
  /** Quiet skips beyond those listed in `skipped` (an archive's plain traffic): counted only. */
  unlistedSkips?: number;
}

/** Input that cannot be read as mail or Markdown: one line, exit 2. */
export class InputError extends Error {
  override name = 'InputError';
}
