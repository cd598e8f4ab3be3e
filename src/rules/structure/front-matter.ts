/**
 * review-post:front-matter
 *
 * Checks the post's metadata, which breaks or misleads once published when it
 * is wrong. It judges by what the site's own published posts do (learned
 * from its checkout) and by what holds on any site of its generator:
 *
 * - keys: with a checkout, a key that most of the newest posts set
 *   ("38 of the last 40 posts set `author:`"), the author counted as one key
 *   whatever its name (`author`, `authors`, `by` ...); a key the site does
 *   not use is never asked for. Without one, only the keys a configured
 *   preset or the option `required` names. A post that speaks as one person
 *   ("I ...") and names no author gets asked to, with the key the site uses
 *   (Jekyll's `author` without a checkout); release posts speak for the
 *   project;
 * - Jekyll's dates (a post under `_posts/`): `date` written with time and
 *   zone (else Jekyll reads it in the zone of the machine that builds the
 *   site), the same day as the file name (Jekyll takes the URL's date from
 *   `date:`), not after the mail was sent (Jekyll leaves out posts dated in
 *   the future); on another site, a date without time and zone only where
 *   the site's posts write both;
 * - a `path` that must start with the date (`[section/]YYYY/MM/DD/slug`),
 *   where the site's posts all do so (the Rust blog) or the option says so;
 * - categories and tags: lowercase where the site writes them so (Jekyll
 *   without a checkout: category pages are named by the lowercased slug, so
 *   `OSv` and `osv` collide), spelled as the site already spells them, and a
 *   note on one no published post uses, on a site whose posts rarely start
 *   one (a kind the site has many of, such as one per release, is not new);
 *   when the site vouches for the spelling, the finding carries the fix;
 * - for a release post (category `releases`, or `[extra] release = true`)
 *   the version in the title equals the one in the file name.
 *
 * A Hugo or Zola section page (`_index.md`) or template-only page is
 * skipped, and so is Markdown that is neither in a posts folder nor from a
 * patch.
 *
 * Options: `{"jekyll": {...}, "zola": {...}}` for YAML and TOML front matter,
 * each overriding what is learned: `required` (keys), `author` (key), `date`
 * (`{"key", "form": "datetime" | "path"}`), `categories` (key), `release`
 * (`{"category"}` or `{"flag": "extra.release"}`). The presets `qemu-web`
 * and `zola` set them as those sites do.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   A snippet, not a post: nothing to check.
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md"}
 *
 *   ---
 *   layout: post
 *   title:  "Using virtio-fs on a unikernel"
 *   author: Fotis Xenakis
 *   date:   2020-11-04 02:00:00 +0200
 *   categories: [storage, virtio-fs, unikernel, osv]
 *   ---
 *
 *   I wrote this post about virtio-fs.
 *
 * @example
 *   {"name": "_posts/2024-09-04-qemu-9-1-0.md"}
 *
 *   ---
 *   layout: post
 *   title:  "QEMU version 9.1.0 released"
 *   date:   2024-09-04 18:08:00 -0500
 *   categories: [releases, 'qemu 9.1']
 *   ---
 *
 *   We'd like to announce the availability of the QEMU 9.1.0 release.
 *
 * @example
 *   {"name": "content/Rust-1.90.0.md"}
 *
 *   +++
 *   path = "2025/09/18/Rust-1.90.0"
 *   title = "Announcing Rust 1.90.0"
 *   authors = ["The Rust Release Team"]
 *
 *   [extra]
 *   release = true
 *   +++
 *
 *   The Rust team is happy to announce a new version of Rust, 1.90.0.
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "label": "input"}
 *
 *   ---
 *   layout: post
 *   title:  "Using virtio-fs on a unikernel"
 *   date:   2020-11-05
 *   categories: [storage, virtio-fs, unikernel, OSv]
 *   ---
 *
 *   In this post I go over virtio-fs and OSv.
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "label": "output"}
 *
 *   1:1-1:4: The post speaks as one person ("I", line 8), but the front matter has no `author:`, so the page would not say who wrote it. I'd add `author: Your Name`.
 *   4:1-4:19: `date:` has no time and zone: Jekyll then reads it as midnight in the zone of the machine that builds the site, so the post's time (and its order among the day's posts) depends on where it is built. I'd write `date: 2020-11-05 10:00:00 +0000` with your time and zone.
 *   4:1-4:19: The file name says 2020-11-04 but `date:` says 2020-11-05. Jekyll takes the post's date from `date:` (it overrides the file name), so the post would be published under 2020/11/05 while its file says otherwise; I'd make them the same.
 *   5:1-5:49: Categories are lowercase slugs: Jekyll keeps `OSv` as written, but category pages are named by the lowercased slug, so `OSv` and `osv` would claim the same page and one list would overwrite the other. I'd write `osv`.
 *
 * @example
 *   {"name": "_posts/2024-09-04-qemu-9-1-0.md", "label": "input"}
 *
 *   ---
 *   layout: post
 *   title:  "QEMU version 9.2.0 released"
 *   date:   2024-09-04 18:08:00 -0500
 *   categories: [releases, 'qemu 9.1']
 *   ---
 *
 *   We'd like to announce the availability of the QEMU 9.1.0 release.
 *
 * @example
 *   {"name": "_posts/2024-09-04-qemu-9-1-0.md", "label": "output"}
 *
 *   3:1-3:38: This is a release post, but the title names version 9.2.0 and the file name 9.1.0; I'd make them agree (the title is what the blog, the feed and the release list show).
 *
 * @example
 *   {"name": "content/Rust-1.90.0.md", "config": {"zola": {"required": ["title", "path"]}}}
 *
 *   +++
 *   path = "2025/09/18/Rust-1.90.0"
 *   title = "Announcing Rust 1.90.0"
 *   +++
 *
 *   The Rust team is happy to announce a new version.
 * @example
 *   {"name": "_posts/2020-11-04-summary.md", "label": "input", "config": {"jekyll": {"required": ["layout", "title", "date", "summary"]}}}
 *
 *   ---
 *   layout: post
 *   title: "Using virtio-fs on a unikernel"
 *   date: 2020-11-04 02:00:00 +0200
 *   ---
 *
 *   This post goes over virtio-fs.
 * @example
 *   {"name": "_posts/2020-11-04-summary.md", "label": "output"}
 *
 *   1:1-1:4: The front matter has no `summary`, which this rule's configuration asks every post to set. I'd add `summary: ...`.
 */

import type { Heading, Root } from 'mdast';
import type { Position } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import type { TextEdit } from '../../core/types.js';
import { attachFix, contextOf, type LintContext, type Share, type SiteFrontMatter, type SiteModel, type ValueShape } from '../kit/context.js';
import { categoryList, DATED_PATH, keyLine, readFrontMatter, scalarText, valueAt, type FrontMatter } from '../kit/front-matter.js';
import { habitText, isHabit, isRare, learnedSite, others, rareText, selfIn, type Self } from '../kit/habits.js';
import { isSectionIndex, isValidDate, postPathOf, type PostPath } from '../kit/site-paths.js';
import { listWords } from '../kit/text.js';
import { defineRule, type OptionShape } from '../kit/rule.js';

export interface Schema {
  /** Keys every post must set. */
  required: string[];
  /** The key naming the author; asked for when the post speaks as one person, unless already in `required`. */
  author?: string;
  /** The key carrying the post's date: a date and time (`datetime`), or a `path` that starts with `YYYY/MM/DD/`. */
  date?: { key: string; form: 'datetime' | 'path' };
  /** The key holding categories, checked as lowercase slugs. */
  categories?: string;
  /** How a release post is told: one of its categories, or a boolean key (dotted for a TOML table). */
  release?: { category?: string; flag?: string };
}

export interface Options {
  jekyll?: Partial<Schema>;
  zola?: Partial<Schema>;
}

const SCHEMA_SHAPE = {
  required: 'strings',
  author: 'string',
  date: { key: 'string', form: ['datetime', 'path'] },
  categories: 'string',
  release: { category: 'string', flag: 'string' },
} as const satisfies OptionShape;

/**
 * What holds for any site of the generator, before its own habits are known:
 * Jekyll's dates and category pages for a post under `_posts/`; for other
 * YAML and for TOML front matter, only release posts.
 */
const JEKYLL: Schema = {
  required: [],
  author: 'author',
  date: { key: 'date', form: 'datetime' },
  categories: 'categories',
  release: { category: 'releases' },
};
const OTHER_YAML: Schema = { required: [], release: { category: 'releases' } };
const TOML: Schema = { required: [], release: { flag: 'extra.release' } };

// Linear: fixed groups of digits, one optional time, one optional zone.
const DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ] *(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?)? *(Z|[+-]\d{2}:?\d{2})?$/;
// "I", "I'm", "my": a person speaking, not the project ("we").
const FIRST_PERSON = /(?<![\p{L}\p{N}'’/.-])(?:I(?:['’](?:m|ve|d|ll))?|[Mm]y)(?![\p{L}\p{N}'’/-])/u;
const EXAMPLE_VALUES: Record<string, string> = {
  layout: 'layout: post',
  title: 'title: "..."',
  categories: 'categories: [...]',
  tags: 'tags: [...]',
  path: 'path = "YYYY/MM/DD/slug"',
  authors: 'authors = ["Your Name"]',
};

/** What the rule knows of the post and its site. */
interface Judge {
  file: VFile;
  matter: FrontMatter;
  context: LintContext;
  where: PostPath;
  /** The site's habits, learned from its posts, when the review has a checkout. */
  site?: SiteModel;
  learned?: SiteFrontMatter;
  self: Self;
  /** A Jekyll post: under `_posts/` with YAML, or in a Jekyll site's posts. */
  jekyll: boolean;
}

/** The whole line of a key (or of the opening fence). */
function linePlace(matter: FrontMatter, line: number | undefined): Position {
  const at = line ?? matter.start;
  const text = at === matter.start || at === matter.end ? (matter.syntax === 'yaml' ? '---' : '+++') : (matter.lines[at - matter.start - 1] ?? '');
  return { start: { line: at, column: 1 }, end: { line: at, column: text.length + 1 } };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isSet(value: unknown): boolean {
  return !(value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0));
}

/**
 * The first version in a text: two or more numbers joined by the separators
 * given (`9.1.0` in a title; `9-1-0` or `1.90.0` in a file name). A scan over
 * tokens rather than a regex with nested repetition.
 */
function firstVersion(text: string, separators: RegExp): string | undefined {
  const tokens = text.split(separators);
  for (let i = 0; i < tokens.length; i++) {
    let j = i;
    while (j < tokens.length && /^\d{1,9}$/.test(tokens[j] ?? '')) j++;
    if (j - i >= 2) return tokens.slice(i, j).join('.');
  }
  return undefined;
}

/** 9.1.0 and 9.1 are the same release. */
function sameVersion(a: string, b: string): boolean {
  const norm = (v: string): string => v.replace(/(?:\.0)+$/, '');
  return norm(a) === norm(b);
}

/** The mail's date as the sender's calendar and as UTC: a post may carry either day. */
function mailDays(context: LintContext): string[] {
  const iso = context.patch?.date ?? '';
  if (iso === '') return [];
  const days = [iso.slice(0, 10)];
  const local = /(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})/.exec(context.patch?.dateHeader ?? '');
  if (local !== null) {
    const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(local[2] ?? '') / 3 + 1;
    days.push(`${local[3]}-${pad(month)}-${pad(Number(local[1]))}`);
  }
  return days;
}

function mailWhen(context: LintContext): string {
  const header = context.patch?.dateHeader ?? '';
  const m = /(\d{1,2} \w{3} \d{4} \d{2}:\d{2})(?::\d{2})? ([+-]\d{4})/.exec(header);
  return m !== null ? `${m[1]} ${m[2]}` : (context.patch?.date ?? '').replace('T', ' ').slice(0, 16) + ' UTC';
}

function firstPersonLine(tree: Root): number | undefined {
  let found: number | undefined;
  visitParents(tree, 'text', (node, ancestors) => {
    if (found !== undefined) return false;
    if (ancestors.some((a) => a.type === 'blockquote' || a.type === 'heading' || a.type === 'link' || a.type === 'tableCell')) return;
    if (!ancestors.some((a) => a.type === 'paragraph')) return;
    if (FIRST_PERSON.test(node.value)) found = node.position?.start.line;
    return undefined;
  });
  return found;
}

function titleLine(tree: Root): Heading | undefined {
  return tree.children.find((n): n is Heading => n.type === 'heading');
}

/** The site's share for a shape of a key's value, among the posts that set the key. */
function shapeShare(learned: SiteFrontMatter | undefined, key: string, shapes: ValueShape[]): Share | undefined {
  const entry = learned?.keys.get(key);
  if (entry === undefined) return undefined;
  const sum = (counts: Partial<Record<ValueShape, number>>): number => shapes.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return { posts: sum(entry.shapes), of: entry.share.posts, recent: sum(entry.recentShapes), recentOf: entry.share.recent };
}

const frontMatter = defineRule<Options>({ id: 'front-matter', severity: 'warning', docs: import.meta.url, options: { jekyll: SCHEMA_SHAPE, zola: SCHEMA_SHAPE } }, (tree, file, options) => {
  const context = contextOf(file);
  const where = postPathOf(file);
  const site = learnedSite(file);
  // A Markdown snippet is not a post; a post from a patch or a posts folder is.
  if (where.kind === 'other' && where.generator === undefined && context.post === undefined) return;
  const matter = readFrontMatter(tree);
  const learned = site?.frontMatter;
  const expected = matter?.syntax ?? learned?.syntax ?? (where.kind === 'zola' || context.settings?.frontMatter === 'zola' ? 'toml' : 'yaml');
  const kind = expected === 'toml' ? 'zola' : 'jekyll';
  const jekyll = kind === 'jekyll' && (where.generator === 'jekyll' || (where.generator === undefined && where.kind === 'jekyll'));
  const configured = options?.[kind];
  const schema: Schema = { ...(kind === 'zola' ? TOML : jekyll ? JEKYLL : OTHER_YAML), ...(configured ?? {}) };
  if (matter === undefined) {
    noFrontMatter(file, tree, schema, kind, { site, learned, where, context, configured: configured?.required !== undefined, jekyll });
    return;
  }
  if (isSectionIndex(where.name)) return;
  if (matter.error !== undefined || matter.data === undefined) {
    file.message(
      `The front matter does not parse as ${matter.syntax === 'yaml' ? 'YAML' : 'TOML'} (${matter.error ?? 'unreadable'}), ` +
        `so the site cannot read the title, date or anything else from it. I'd fix the syntax there first.`,
      { place: linePlace(matter, matter.start) },
    );
    return;
  }
  const data = matter.data;
  // A page that only names a template (the Rust blog's `latest.md`) is not a post.
  if (kind === 'zola' && data.title === undefined && (data.template !== undefined || data.redirect_to !== undefined)) return;
  const judge: Judge = { file, matter, context, where, self: selfIn(file), jekyll, ...(site ? { site } : {}), ...(learned ? { learned } : {}) };

  const isRelease =
    (schema.release?.category !== undefined &&
      schema.categories !== undefined &&
      categoryList(data[schema.categories]).includes(schema.release.category)) ||
    (schema.release?.flag !== undefined && valueAt(data, schema.release.flag) === true);

  const missingAuthor = checkRequired(judge, data, configured?.required ?? (learned ? undefined : schema.required), isRelease);
  if (!missingAuthor && !isRelease) checkAuthor(judge, tree, data, schema);
  const dateKey = schema.date?.key ?? (learned?.keys.has('date') ? 'date' : undefined);
  if (dateKey !== undefined && data[dateKey] !== undefined) {
    const form = schema.date?.form ?? 'datetime';
    if (form === 'datetime') checkDatetime(judge, data, dateKey, configured?.date !== undefined);
    else checkPathDate(judge, data, dateKey);
  }
  if (configured?.date === undefined && learned !== undefined && data.path !== undefined && dateKey !== 'path') {
    const dated = shapeShare(learned, 'path', ['dated-path']);
    // The post itself, when it is one of the site's, is no precedent: counted only if it does as the others.
    const doesIt = DATED_PATH.test(scalarText(data.path) ?? '');
    if (dated !== undefined && isHabit(others(dated, judge.self, doesIt))) checkPathDate(judge, data, 'path', others(dated, judge.self, doesIt));
  }
  for (const key of taxonomyKeys(judge, schema)) {
    if (data[key] !== undefined) checkCategories(judge, categoryList(data[key]), key);
  }
  if (isRelease) checkReleaseVersion(judge, data, kind);
});

/** The keys checked as categories: the schema's for Jekyll, and those the site files its posts under. */
function taxonomyKeys(judge: Judge, schema: Schema): string[] {
  const keys = new Set<string>();
  if (schema.categories !== undefined) keys.add(schema.categories);
  for (const key of judge.learned?.taxonomies.keys() ?? []) keys.add(key);
  return [...keys];
}

function noFrontMatter(
  file: VFile,
  tree: Root,
  schema: Schema,
  kind: 'jekyll' | 'zola',
  known: { site?: SiteModel; learned?: SiteFrontMatter; where: PostPath; context: LintContext; configured: boolean; jekyll: boolean },
): void {
  const fence = kind === 'zola' ? '+++' : '---';
  const heading = titleLine(tree);
  const moves = heading ? '; the title would have to move from the first heading into it' : '';
  if (known.learned !== undefined && known.site !== undefined) {
    const self = selfIn(file);
    const withMatter = others(known.learned.share, self);
    const keys = [...known.learned.keys].filter(([k, v]) => !k.includes('.') && isHabit(others(v.share, self))).map(([k]) => `\`${k}\``);
    if (!isHabit(withMatter)) return;
    file.message(
      `This post has no front matter (the \`${fence}\` block at the top of the file), which ${habitText(withMatter)} of the site start with` +
        `${keys.length > 0 ? `, setting ${listWords(keys)}` : ''}${moves}. I'd start the file with a \`${fence}\` block like theirs.`,
      { place: { line: 1, column: 1 } },
    );
    return;
  }
  // Jekyll publishes a file of `_posts/` only with front matter; Zola refuses a page without.
  const needed = known.jekyll || kind === 'zola' || known.configured;
  if (!needed) return;
  const keys = schema.required.length > 0 ? schema.required : kind === 'zola' ? ['title'] : ['title', 'date'];
  const generator = kind === 'zola' ? 'Zola refuses a page without one' : known.jekyll ? 'Jekyll does not publish a post without one' : 'the site gets no metadata for it';
  file.message(
    `This post has no front matter (the \`${fence}\` block at the top of the file): ${generator}, so there is no ` +
      `${listWords(keys.map((k) => `\`${k}\``), 'or')} for it${moves}. I'd start the file with a \`${fence}\` block that sets them.`,
    { place: { line: 1, column: 1 } },
  );
}

/** A key's example line, with what the mail tells (the sender's name, the file's date). */
function example(judge: Judge, key: string): string {
  const { matter, where, context } = judge;
  const name = context.patch?.fromName || 'Your Name';
  // A key the site's posts write as a table of a name and more (grpc.io's `author`): its `name`.
  const learned = judge.learned?.keys;
  if (learned?.get(key)?.shapes.table !== undefined && learned.get(`${key}.name`) !== undefined) {
    return matter.syntax === 'yaml' ? `${key}: {name: ${name}}` : `${key} = { name = "${name}" }`;
  }
  if (key === 'date') return `date: ${where.date?.text ?? 'YYYY-MM-DD'}${judge.jekyll ? ' 10:00:00 +0000' : ''}`;
  if (matter.syntax === 'yaml' && (key === 'author' || key === 'by')) return `${key}: ${name}`;
  if (key === 'authors' && context.patch?.fromName) return matter.syntax === 'yaml' ? `authors: [${name}]` : `authors = ["${name}"]`;
  const known = EXAMPLE_VALUES[key];
  if (known !== undefined && known.includes(matter.syntax === 'yaml' ? ':' : '=')) return known;
  return matter.syntax === 'yaml' ? `${key}: ...` : `${key} = ...`;
}

/**
 * Keys missing that the config asks for, or that the site's newest posts
 * set (the author as one key, whichever name the post uses). Whether the
 * author is among them.
 */
function checkRequired(judge: Judge, data: Record<string, unknown>, configured: string[] | undefined, isRelease: boolean): boolean {
  const { file, matter, learned, self } = judge;
  // `also`: other names the site gives the same key (`authors` beside `author`).
  const missing: { key: string; why?: string; also?: string[] }[] = [];
  if (configured !== undefined) {
    for (const key of configured) if (!isSet(data[key])) missing.push({ key });
  } else if (learned !== undefined) {
    const authorKeys = new Set(learned.author?.keys ?? []);
    for (const [key, entry] of learned.keys) {
      // A table holds keys; it is its keys that a post sets or not.
      if (key.includes('.') || authorKeys.has(key) || isSet(data[key]) || (entry.shapes.table ?? 0) > 0) continue;
      const share = others(entry.share, self);
      if (isHabit(share)) missing.push({ key, why: habitText(share) });
    }
    const author = learned.author;
    if (author !== undefined && !author.keys.some((k) => isSet(data[k])) && !isRelease) {
      const share = others(author.share, self);
      if (isHabit(share)) missing.push({ key: author.keys[0]!, why: habitText(share), also: author.keys.slice(1) });
    }
  }
  if (missing.length === 0) return false;
  const names = missing.map((m) => `\`${m.key}\`${m.also !== undefined && m.also.length > 0 ? ` (or ${listWords(m.also.map((k) => `\`${k}\``), 'or')})` : ''}`);
  const why =
    configured !== undefined
      ? `which ${context(judge)} asks every post to set`
      : missing.every((m) => m.why === missing[0]!.why)
        ? `which ${missing[0]!.why} set`
        : `which the site's posts set (${missing.map((m) => `\`${m.key}\`: ${m.why}`).join('; ')})`;
  file.message(`The front matter has no ${listWords(names, 'or')}, ${why}. I'd add ${listWords(missing.map((m) => `\`${example(judge, m.key)}\``))}.`, {
    place: linePlace(matter, matter.start),
  });
  return missing.some((m) => AUTHORISH.has(m.key));
}

const AUTHORISH = new Set(['author', 'authors', 'by']);

function context(judge: Judge): string {
  const source = judge.context.settings?.source;
  return source ? `the site's configuration (${source.split('/').pop()})` : "this rule's configuration";
}

/** A post that says "I" and names no author: the key the site uses, or Jekyll's `author` without a site. */
function checkAuthor(judge: Judge, tree: Root, data: Record<string, unknown>, schema: Schema): void {
  const { file, matter, learned, context: ctx } = judge;
  let key = schema.author;
  let habit = '';
  if (learned !== undefined) {
    // A site that names no author in any post is not asked to.
    const author = learned.author;
    if (author === undefined) return;
    key = author.keys[0];
    habit = ` (${habitText(others(author.share, judge.self))} name their author${author.keys.length > 1 ? ` with ${listWords(author.keys.map((k) => `\`${k}\``), 'or')}` : ''})`;
    if (author.keys.some((k) => isSet(data[k]))) return;
  }
  if (key === undefined || schema.required.includes(key) || isSet(data[key])) return;
  const line = firstPersonLine(tree);
  if (line === undefined) return;
  const name = ctx.patch?.fromName || 'Your Name';
  const value = matter.syntax === 'yaml' ? `${key}: ${key.endsWith('s') ? `[${name}]` : name}` : `${key} = ${key.endsWith('s') ? `["${name}"]` : `"${name}"`}`;
  file.message(
    `The post speaks as one person ("I", line ${line}), but the front matter has no \`${key}${matter.syntax === 'yaml' ? ':' : ''}\`${habit}, ` +
      `so the page would not say who wrote it. I'd add \`${value}\`.`,
    { place: linePlace(matter, matter.start) },
  );
}

function checkDatetime(judge: Judge, data: Record<string, unknown>, key: string, configured: boolean): void {
  const { file, matter, where, context, learned, self } = judge;
  const written = scalarText(data[key]);
  const place = linePlace(matter, keyLine(matter, key));
  if (written === undefined) return;
  // Without a site, what Jekyll does; with one, what its posts do.
  const zonedHabit = learned === undefined ? undefined : shapeShare(learned, key, ['zoned']);
  const asks = learned === undefined ? judge.jekyll || configured : zonedHabit !== undefined && isHabit(others(zonedHabit, self));
  const m = DATETIME.exec(written.trim());
  if (m === null) {
    if (!judge.jekyll && !asks) return;
    // Keep what can be read: the day, the first three time fields, the zone.
    const day = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(written.trim());
    const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(written.slice(10));
    const zone = /([+-]\d{2}:?\d{2}|Z)$/.exec(written.trim());
    const fixed = day
      ? `${day[1]}-${pad(Number(day[2]))}-${pad(Number(day[3]))} ${time ? `${pad(Number(time[1]))}:${time[2]}:${time[3] ?? '00'}` : '10:00:00'} ${zone?.[1] ?? '+0000'}`
      : 'YYYY-MM-DD HH:MM:SS +ZZZZ';
    file.message(
      `\`${key}:\` reads \`${written}\`, which is not a date and time in the form ${judge.jekyll ? 'Jekyll reads' : "the site's posts use"} (\`YYYY-MM-DD HH:MM:SS +ZZZZ\`); ` +
        `what the site makes of it is a guess. I'd write \`${key}: ${fixed}\`.`,
      { place },
    ).expected = [`${key}: ${fixed}`];
    // The day is still readable: it must agree with the file name too.
    if (judge.jekyll && day !== null && where.date !== undefined) {
      const dayText = `${day[1]}-${pad(Number(day[2]))}-${pad(Number(day[3]))}`;
      if (dayText !== where.date.text) fileNameMismatch(file, key, where.date.text, dayText, place);
    }
    return;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dayText = `${m[1]}-${pad(month)}-${pad(day)}`;
  if (!isValidDate(year, month, day)) {
    file.message(`\`${key}:\` says ${written}, which is not a day of the calendar; ${judge.jekyll ? 'Jekyll stops the build on it' : 'the site cannot date the post'}. I'd correct it.`, {
      place,
    });
    return;
  }
  const hasTime = m[4] !== undefined;
  const zone = m[7];
  if (asks && (!hasTime || zone === undefined)) {
    const suggestion = `${key}: ${dayText} ${hasTime ? `${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}` : '10:00:00'} ${zone ?? '+0000'}`;
    const missing = hasTime ? 'zone' : 'time and zone';
    const habit = zonedHabit === undefined ? '' : `, unlike ${habitText(others(zonedHabit, self))} of the site`;
    const why = judge.jekyll
      ? `Jekyll then reads it ${hasTime ? 'in' : 'as midnight in'} the zone of the machine that builds the site, ` +
        `so the post's time (and its order among the day's posts) depends on where it is built`
      : `so the post's time (and its order among the day's posts) is left to the site's build`;
    file.message(`\`${key}:\` has no ${missing}${habit}: ${why}. I'd write \`${suggestion}\` with your ${missing}.`, { place }).expected = [suggestion];
  }
  if (judge.jekyll && where.date !== undefined && where.date.text !== dayText) fileNameMismatch(file, key, where.date.text, dayText, place);
  // Jekyll leaves out posts dated after the build (`future: false`).
  const mailIso = context.patch?.date ?? '';
  if (!judge.jekyll || mailIso === '') return;
  let after: boolean;
  if (hasTime && zone !== undefined) {
    const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const postTime = Date.parse(`${dayText}T${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}${offset}`);
    after = !Number.isNaN(postTime) && postTime > Date.parse(mailIso);
  } else {
    after = mailDays(context).every((d) => dayText > d);
  }
  if (after) {
    file.message(
      `\`${key}:\` (${written}) is after this mail was sent (${mailWhen(context)}). Jekyll leaves out posts dated in the future ` +
        `(unless the site sets \`future: true\`), so if it is merged and published before then, it stays invisible until the site is rebuilt after that time. ` +
        `I'd date it no later than when you send it.`,
      { place },
    );
  }
}

function fileNameMismatch(file: VFile, key: string, named: string, dated: string, place: Position): void {
  file.message(
    `The file name says ${named} but \`${key}:\` says ${dated}. Jekyll takes the post's date from \`${key}:\` ` +
      `(it overrides the file name), so the post would be published under ${dated.replace(/-/g, '/')} while its file says otherwise; I'd make them the same.`,
    { place },
  );
}

/** A `path` that must start with the date: the config says so, or the site's posts all do (`habit`). */
function checkPathDate(judge: Judge, data: Record<string, unknown>, key: string, habit?: Share): void {
  const { file, matter, context } = judge;
  const written = scalarText(data[key]);
  if (written === undefined) return;
  const place = linePlace(matter, keyLine(matter, key));
  const m = DATED_PATH.exec(written);
  if (m === null) {
    const why =
      habit === undefined
        ? `the blog takes the post's date from it and its template refuses a \`${key}\` that does not read \`[section/]YYYY/MM/DD/slug\``
        : `${habitText(habit)} of the site write it as \`[section/]YYYY/MM/DD/slug\`, and the post's date and URL come from it`;
    file.message(`\`${key}\` is \`${written}\`, but ${why}. I'd write it that way.`, { place });
    return;
  }
  const dayText = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    file.message(`\`${key}\` starts with ${m[1]}/${m[2]}/${m[3]}, which is not a day of the calendar. I'd correct it.`, { place });
    return;
  }
  const days = mailDays(context);
  if (days.length > 0 && days.every((d) => dayText > d)) {
    file.message(
      `\`${key}\` dates the post ${dayText}, after this mail was sent (${mailWhen(context)}). ` +
        `I'd date it for the day it is meant to be published, and check that it will be merged by then.`,
      { place },
    );
  }
}

/** Edits replacing each value on the key's line by its spelling, when each is found there once. */
function valueEdits(matter: FrontMatter, line: number | undefined, changes: [string, string][]): TextEdit[] | undefined {
  if (line === undefined) return undefined;
  const text = matter.lines[line - matter.start - 1] ?? '';
  const edits: TextEdit[] = [];
  for (const [from, to] of changes) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'gu');
    const hits = [...text.matchAll(pattern)];
    if (hits.length !== 1) return undefined;
    const column = (hits[0]!.index ?? 0) + 1;
    edits.push({ line, column, endLine: line, endColumn: column + from.length, text: to });
  }
  return edits;
}

function checkCategories(judge: Judge, categories: string[], key: string): void {
  const { file, matter, learned, self } = judge;
  const line = keyLine(matter, key);
  const place = linePlace(matter, line);
  const taxonomy = learned?.taxonomies.get(key);
  const noun = key === 'categories' || key === 'category' ? 'Categories' : key === 'tags' || key === 'tag' ? 'Tags' : `\`${key}\` values`;
  // The site spells a value one way already: that spelling, whatever the case.
  const respelled: [string, string, number][] = [];
  const mixed: string[] = [];
  for (const value of categories) {
    const entry = taxonomy?.terms.get(value.toLowerCase());
    const posts = entry === undefined ? 0 : entry.posts - (self.inAll ? 1 : 0);
    if (entry !== undefined && posts > 0 && !entry.spellings.includes(value)) respelled.push([value, entry.spelling, posts]);
    else if (value !== value.toLowerCase() && !(entry !== undefined && posts > 0)) mixed.push(value);
  }
  if (respelled.length > 0) {
    const message = file.message(
      `The site already has ${listWords(respelled.map(([v, s, n]) => `\`${s}\` (in ${n} post${n === 1 ? '' : 's'}), which this post writes \`${v}\``))}; ` +
        `I'd spell ${respelled.length > 1 ? 'them' : 'it'} the same way, so that the posts share one ${noun === 'Tags' ? 'tag' : 'category'} page.`,
      { place },
    );
    message.expected = respelled.map(([, s]) => s);
    const fix = valueEdits(matter, line, respelled.map(([v, s]) => [v, s]));
    if (fix !== undefined) attachFix(message, fix);
  }
  if (mixed.length > 0) {
    const lower = mixed.map((c) => `\`${c.toLowerCase()}\``);
    const example = mixed[0] ?? '';
    // Counted without this post's own values, when it is one of the site's.
    const own = self.inAll ? categories.length : 0;
    const ownLower = self.inAll ? categories.filter((c) => c === c.toLowerCase()).length : 0;
    const lowercase =
      taxonomy === undefined
        ? undefined
        : { posts: taxonomy.lowercase - ownLower, of: taxonomy.values - own, recent: taxonomy.lowercase - ownLower, recentOf: taxonomy.values - own };
    const habit = lowercase !== undefined && isHabit(lowercase);
    const why = judge.jekyll
      ? `Jekyll keeps ${listWords(mixed.map((c) => `\`${c}\``))} as written, but category pages are named by the lowercased slug, so \`${example}\` and \`${example.toLowerCase()}\` would claim the same page and one list would overwrite the other`
      : undefined;
    if (learned === undefined ? why !== undefined : habit) {
      const opening = habit
        ? `${noun} are lowercase on this site (${lowercase!.posts} of the ${lowercase!.of} its ${self.inAll ? 'other ' : ''}posts use)`
        : 'Categories are lowercase slugs';
      const message = file.message(`${opening}${why !== undefined ? `: ${why}` : ''}. I'd write ${listWords(lower)}.`, { place });
      message.expected = mixed.map((c) => c.toLowerCase());
      // Only the site's own habit vouches for the case: then the fix is certain.
      const fix = habit ? valueEdits(matter, line, mixed.map((c) => [c, c.toLowerCase()])) : undefined;
      if (fix !== undefined) attachFix(message, fix);
    }
  }
  // A value no published post uses: worth a second look where the site keeps to its own.
  if (taxonomy === undefined || !isRare({ posts: taxonomy.novel.posts, of: taxonomy.novel.of, recent: taxonomy.novel.posts, recentOf: taxonomy.novel.of })) return;
  const shapes = new Map<string, number>();
  for (const lower of taxonomy.terms.keys()) shapes.set(lower.replace(/\d+/g, '#'), (shapes.get(lower.replace(/\d+/g, '#')) ?? 0) + 1);
  const fresh = categories.filter((c) => {
    const entry = taxonomy.terms.get(c.toLowerCase());
    const posts = entry === undefined ? 0 : entry.posts - (self.inAll ? 1 : 0);
    return posts <= 0 && (shapes.get(c.toLowerCase().replace(/\d+/g, '#')) ?? 0) < 3;
  });
  if (fresh.length === 0) return;
  const novel = taxonomy.novel;
  file.message(
    `${listWords(fresh.map((c) => `\`${c}\``))} would be new to the site: no published post uses ${fresh.length > 1 ? 'them' : 'it'}, ` +
      `and ${rareText({ posts: novel.posts, of: novel.of, recent: novel.posts, recentOf: novel.of })} brought a new one. ` +
      `That's fine if you mean to start ${fresh.length > 1 ? 'these' : 'one'}; if an existing one fits, I'd use it so readers find the related posts.`,
    { place },
  );
}

function checkReleaseVersion(judge: Judge, data: Record<string, unknown>, kind: 'jekyll' | 'zola'): void {
  const { file, matter, where } = judge;
  const title = scalarText(data.title);
  if (title === undefined) return;
  // In a title only dots join a version: "2025-09-18" is a date.
  const inTitle = title.split(/[^\d.]+/).map((t) => firstVersion(t, /\./)).find((v) => v !== undefined);
  let name = where.slug ?? where.name.replace(/\.(?:md|markdown)$/, '');
  // A page bundle: the folder names the post.
  if (kind === 'zola' && name === 'index') name = where.sitePath.split('/').slice(-2, -1)[0] ?? '';
  const inName = firstVersion(name, /[-.]/);
  if (inTitle === undefined || inName === undefined || sameVersion(inTitle, inName)) return;
  file.message(
    `This is a release post, but the title names version ${inTitle} and the file name ${inName}; I'd make them agree ` +
      `(the title is what the blog, the feed and the release list show).`,
    { place: linePlace(matter, keyLine(matter, 'title')) },
  );
}

export default frontMatter;
