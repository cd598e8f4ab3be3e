// The one contract between the linter and the rules: what a rule may know
// beyond the Markdown, handed over in the VFile's data. Rules read it through
// `contextOf` and never import the config, the linter or the command line, so
// that they run the same under remark-cli (where the context is empty).

import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Patch, Post, TextEdit } from '../../core/types.js';

/** The settings rules read; the config's `Settings` extends this. */
export interface RuleSettings {
  /** Where the settings came from, for messages; '' for the built-in defaults. */
  source: string;
  /** The list's subject prefix, e.g. `qemu-web PATCH`. */
  subjectPrefix: string;
  /** Front-matter schema for the structure rules. */
  frontMatter: 'jekyll' | 'zola';
  /** Accepted words and acronyms. */
  vocabulary: string[];
  /** Terms the site already knows a home for: `{"virtio-fs": "https://virtio-fs.gitlab.io/"}`. */
  links: Record<string, string>;
  /** Old or unofficial host (or URL prefix) → the canonical one. */
  preferredUrls: Record<string, string>;
}

/** What a site's published posts teach about words; the site model learns it from the checkout. */
export interface SiteWords {
  /** How many published posts the words were learned from. */
  posts: number;
  /**
   * Words the site's posts write, by lower-case form: the usual spelling
   * ("KubeVirt") and in how many posts the word occurs.
   */
  terms: ReadonlyMap<string, { spelling: string; posts: number }>;
  /** Acronyms the site's readers are assumed to know: used across its posts without expansion. */
  acronyms: ReadonlySet<string>;
}

/** What review-post learned of the post's site from its checkout (absent without one). */
export interface SiteModel {
  words?: SiteWords;
}

/**
 * What a rule may know beyond the Markdown: the patch and series it came in,
 * the mail's date, the site's checkout. Absent for a post given directly.
 */
export interface LintContext {
  post?: Post;
  patch?: Patch;
  /** Every patch of the same input, the post's own included (a series). */
  series?: Patch[];
  /** The website's checkout, when the review runs inside it or with --site. */
  siteDir?: string;
  /** The site's configuration: vocabulary, known links, preferred URLs ... */
  settings?: RuleSettings;
  /** What the site's published posts show of its habits, when its checkout is known. */
  site?: SiteModel;
}

declare module 'vfile' {
  interface DataMap {
    reviewPost: LintContext;
  }
}

/** The rule's view of the lint context: empty for a post given without one. */
export function contextOf(file: VFile): LintContext {
  return file.data.reviewPost ?? {};
}

/**
 * Marks a finding as being about the commit message (sign-off, subject), so
 * the review can put it under the quoted commit message.
 */
export function markOnCommitMessage(message: VFileMessage): void {
  Object.assign(message, { onCommitMessage: true });
}

export function onCommitMessage(message: VFileMessage): boolean {
  return (message as VFileMessage & { onCommitMessage?: unknown }).onCommitMessage === true;
}

/**
 * Hands back, with a message, the edits that make its change when the rule is
 * certain of them: `--fix` applies them, the review only shows the message.
 */
export function attachFix(message: VFileMessage, edits: TextEdit[]): void {
  Object.assign(message, { fix: edits });
}

export function fixOf(message: VFileMessage): TextEdit[] | undefined {
  const fix = (message as VFileMessage & { fix?: unknown }).fix;
  return Array.isArray(fix) ? (fix as TextEdit[]) : undefined;
}
