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
  /**
   * The front-matter syntax a configured preset expects (`jekyll`: YAML,
   * `zola`: TOML); absent when no preset says it.
   */
  frontMatter?: 'jekyll' | 'zola';
  /**
   * The site's permalink scheme when the config or its preset states it
   * (`/:year/:month/:day/:title/`); it beats the one learned from a checkout.
   */
  permalink?: string;
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

/**
 * How many of the site's posts do something: of all the posts it was learned
 * from, and of the newest ones (conventions change: the newest weigh most).
 */
export interface Share {
  posts: number;
  of: number;
  recent: number;
  recentOf: number;
}

/**
 * How a front-matter value is written: a date alone, with a time, with a time
 * and zone (`zoned`); a path starting with a date (`dated-path`, the Rust
 * blog's `2025/09/18/slug`) ...
 */
export type ValueShape = 'string' | 'list' | 'table' | 'number' | 'boolean' | 'date' | 'datetime' | 'zoned' | 'dated-path';

/** One front-matter key (`extra.release` for a key of a TOML table) across the site's posts. */
export interface SiteKey {
  share: Share;
  /** How the posts write its value, and how the newest posts do. */
  shapes: Partial<Record<ValueShape, number>>;
  recentShapes: Partial<Record<ValueShape, number>>;
}

/** A list-valued key that files posts under names (categories, tags). */
export interface SiteTaxonomy {
  /** Values written in all posts, and how many of them in lower case. */
  values: number;
  lowercase: number;
  /** Each value by lower-case form: its usual spelling, every spelling seen, the posts using it. */
  terms: ReadonlyMap<string, { spelling: string; spellings: readonly string[]; posts: number }>;
  /** Of the newest posts that set the key, how many brought a value no older post had. */
  novel: { posts: number; of: number };
}

export interface SiteFrontMatter {
  /** The syntax the posts use (most of them). */
  syntax: 'yaml' | 'toml';
  /** Posts whose front matter was read. */
  posts: number;
  /** The posts with front matter that parses, among all the site's posts. */
  share: Share;
  /** Every key the posts set, dotted inside TOML tables. */
  keys: ReadonlyMap<string, SiteKey>;
  /** The keys naming the author (`author`, `authors`, `by` ...), most used first, and the posts that set one. */
  author?: { keys: readonly string[]; share: Share };
  taxonomies: ReadonlyMap<string, SiteTaxonomy>;
}

export interface SiteFileNames {
  /** Names that start with the date (`YYYY-MM-DD-`). */
  dated: Share;
  /** Slugs in lower-case words joined by hyphens. */
  lowercase: Share;
  /** Posts that are a folder with an `index.md` (a page bundle). */
  bundles: Share;
  /** File extensions, by how many posts use each. */
  extensions: Readonly<Record<string, number>>;
  /** The newest names, as examples. */
  examples: readonly string[];
}

/** How the site makes a post's URL. */
export interface SitePermalink {
  /** The scheme, in the generator's placeholders: `/:year/:month/:day/:title/`, `/:section/:slug/`. */
  pattern: string;
  /** Where it comes from (`_config.yml`, Hugo's default ...). */
  source: string;
  /** The front-matter key with which a post sets its own URL instead (`permalink`, `url`, `path`). */
  override?: string;
  /** The folder pages' paths are read from (Hugo's `contentDir`, Zola's `content`), from the site root. */
  contentDir?: string;
}

/** Where the site's posts keep the images they show. */
export interface SiteImages {
  /** Posts that show an image of the site's own. */
  posts: number;
  /** Folders (from the site root) those images are in, by how many posts use each. */
  folders: Readonly<Record<string, number>>;
  /** Posts that keep their images beside them, in a page bundle. */
  bundled: number;
  /** Posts that show an image from another site. */
  hotlinked: number;
}

export type Generator = 'jekyll' | 'hugo' | 'zola' | 'plain';

/**
 * What review-post learned of the post's site from its checkout (absent
 * without one). Every part may be missing: what could not be learned is not
 * guessed, and `unlearned` says why.
 */
export interface SiteModel {
  /** The checkout's root (absolute). */
  root?: string;
  /** The root's path inside its git repository, '' at the top: patch paths start with it. */
  repoPath?: string;
  generator?: Generator;
  /** The file that told the generator (`_config.yml`, `hugo.toml` ...); '' for a plain folder. */
  config?: string;
  /** Where the posts live, from the root (`_posts`, `content/en/blog`). */
  postsDir?: string;
  /** The published posts learned from, by path from the root. */
  paths?: ReadonlySet<string>;
  /** The newest of them, newest first: the habits are weighed on these. */
  recent?: readonly string[];
  frontMatter?: SiteFrontMatter;
  fileNames?: SiteFileNames;
  permalink?: SitePermalink;
  /** The URLs of the published posts (`/2020/11/04/osv-virtio-fs/`). */
  urls?: ReadonlySet<string>;
  images?: SiteImages;
  /** Posts with headings in their body, and those among them that use level-1 headings (`#`). */
  headings?: { posts: number; levelOne: number };
  words?: SiteWords;
  /** What could not be learned, one line each. */
  unlearned?: readonly string[];
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
  /**
   * The last line reviewed, when the post was longer than a review covers:
   * the Markdown a rule reads ends there, not the post.
   */
  reviewedUpTo?: number;
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
