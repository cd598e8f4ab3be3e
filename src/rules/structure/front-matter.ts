/**
 * review-post:front-matter
 *
 * Checks the post's metadata, which breaks or misleads once published when it
 * is wrong. The schema is chosen from the front-matter syntax: YAML between
 * `---` is a Jekyll post (the QEMU website), TOML between `+++` a Zola page
 * (the Rust blog). For Jekyll: `layout`, `title`, `date` and `categories`
 * present; `author` when the post speaks as one person ("I ...") rather than
 * for the project (release announcements have none); `date` written with time
 * and zone, equal to the date in the file name (Jekyll takes the URL's date
 * from `date:`) and not after the mail was sent (Jekyll leaves out posts
 * dated in the future); categories as lowercase slugs (category pages are
 * named by a lowercased slug, so `OSv` and `osv` collide), and, inside the
 * site's checkout, a note on a category no published post uses yet; for a
 * release post (category `releases`) the version in the title equals the one
 * in the file name. For Zola: `title`, `path` and `authors`, `path` starting
 * with the date (`[inside-rust/]YYYY/MM/DD/slug`, which the blog's template
 * requires), and the release version (`[extra] release = true`) against the
 * file name. A Zola section (`_index.md`) or template-only page is skipped,
 * and so is Markdown that is neither in a posts folder nor from a patch.
 *
 * Options: `{"jekyll": {...}, "zola": {...}}`, each overriding fields of that
 * schema: `required` (keys), `author` (key), `date` (`{"key", "form":
 * "datetime" | "path"}`), `categories` (key), `release` (`{"category"}` or
 * `{"flag": "extra.release"}`).
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
 *   5:1-5:49: Categories are lowercase slugs on this site: Jekyll keeps `OSv` as written, but category pages are named by the lowercased slug, so `OSv` and `osv` would claim the same page and one list would overwrite the other. I'd write `osv`.
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
 *   1:1-1:4: The front matter has no `summary`, which every post here sets. I'd add `summary: ...`.
 */

import type { Heading, Root } from 'mdast';
import type { Position } from 'unist';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import type { LintContext } from '../kit/context.js';
import { contextOf } from '../kit/context.js';
import { categoryList, keyLine, readFrontMatter, scalarText, siteCategories, valueAt, type FrontMatter } from '../kit/front-matter.js';
import { isValidDate, postPath, type PostPath } from '../kit/site-paths.js';
import { listWords } from '../kit/text.js';
import { defineRule, type OptionShape } from '../kit/rule.js';

export interface Schema {
  /** Keys every post must set. */
  required: string[];
  /** The key naming the author; required when the post speaks as one person, unless already in `required`. */
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

export const DEFAULT_SCHEMAS: Record<'jekyll' | 'zola', Schema> = {
  jekyll: {
    required: ['layout', 'title', 'date', 'categories'],
    author: 'author',
    date: { key: 'date', form: 'datetime' },
    categories: 'categories',
    release: { category: 'releases' },
  },
  zola: {
    required: ['title', 'path', 'authors'],
    author: 'authors',
    date: { key: 'path', form: 'path' },
    release: { flag: 'extra.release' },
  },
};

// Linear: fixed groups of digits, one optional time, one optional zone.
const DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ] *(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?)? *(Z|[+-]\d{2}:?\d{2})?$/;
const PATH_DATE = /^(?:[A-Za-z0-9_-]+\/)?(\d{4})\/(\d{2})\/(\d{2})\/[^/]+$/;
// "I", "I'm", "my": a person speaking, not the project ("we").
const FIRST_PERSON = /(?<![\p{L}\p{N}'’/.-])(?:I(?:['’](?:m|ve|d|ll))?|[Mm]y)(?![\p{L}\p{N}'’/-])/u;
const EXAMPLE_VALUES: Record<string, string> = {
  layout: 'layout: post',
  title: 'title: "..."',
  categories: 'categories: [...]',
  path: 'path = "YYYY/MM/DD/slug"',
  authors: 'authors = ["Your Name"]',
};

/** The whole line of a key (or of the opening fence). */
function linePlace(matter: FrontMatter, line: number | undefined): Position {
  const at = line ?? matter.start;
  const text = at === matter.start || at === matter.end ? (matter.syntax === 'yaml' ? '---' : '+++') : (matter.lines[at - matter.start - 1] ?? '');
  return { start: { line: at, column: 1 }, end: { line: at, column: text.length + 1 } };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
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

function schemaFor(kind: 'jekyll' | 'zola', options: Options | undefined): Schema {
  return { ...DEFAULT_SCHEMAS[kind], ...(options?.[kind] ?? {}) };
}

function titleLine(tree: Root): Heading | undefined {
  return tree.children.find((n): n is Heading => n.type === 'heading');
}

const frontMatter = defineRule<Options>({ id: 'front-matter', severity: 'warning', docs: import.meta.url, options: { jekyll: SCHEMA_SHAPE, zola: SCHEMA_SHAPE } }, (tree, file, options) => {
  const context = contextOf(file);
  const where = postPath(file.path);
  // A Markdown snippet is not a post; a post from a patch or a posts folder is.
  if (where.kind === 'other' && context.post === undefined) return;
  const matter = readFrontMatter(tree);
  if (matter === undefined) {
    const kind = where.kind === 'zola' || context.settings?.frontMatter === 'zola' ? 'zola' : 'jekyll';
    const schema = schemaFor(kind, options);
    const fence = kind === 'zola' ? '+++' : '---';
    const heading = titleLine(tree);
    file.message(
      `This post has no front matter (the \`${fence}\` block at the top of the file), so the site gets none of ` +
        `${listWords(schema.required.map((k) => `\`${k}\``))} for it${heading ? '; the title would have to move from the first heading into it' : ''}. ` +
        `I'd start the file with a \`${fence}\` block that sets them.`,
      { place: { line: 1, column: 1 } },
    );
    return;
  }
  const kind = matter.syntax === 'yaml' ? 'jekyll' : 'zola';
  if (kind === 'zola' && (where.name === '_index.md' || where.name === '_index.markdown')) return;
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
  const schema = schemaFor(kind, options);

  const isRelease =
    (schema.release?.category !== undefined &&
      schema.categories !== undefined &&
      categoryList(data[schema.categories]).includes(schema.release.category)) ||
    (schema.release?.flag !== undefined && valueAt(data, schema.release.flag) === true);

  checkRequired(file, matter, data, schema, where, context);
  if (schema.author !== undefined && !schema.required.includes(schema.author) && data[schema.author] === undefined && !isRelease) {
    const line = firstPersonLine(tree);
    if (line !== undefined) {
      const name = context.patch?.fromName || 'Your Name';
      file.message(
        `The post speaks as one person ("I", line ${line}), but the front matter has no \`${schema.author}:\`, ` +
          `so the page would not say who wrote it. I'd add \`${schema.author}: ${name}\`.`,
        { place: linePlace(matter, matter.start) },
      );
    }
  }
  if (schema.date !== undefined && data[schema.date.key] !== undefined) {
    if (schema.date.form === 'datetime') checkDatetime(file, matter, data, schema.date.key, where, context);
    else checkPathDate(file, matter, data, schema.date.key, context);
  }
  if (schema.categories !== undefined && data[schema.categories] !== undefined) {
    checkCategories(file, matter, categoryList(data[schema.categories]), schema.categories, where, context);
  }
  if (isRelease) checkReleaseVersion(file, matter, data, kind, where);
});

function checkRequired(file: VFile, matter: FrontMatter, data: Record<string, unknown>, schema: Schema, where: PostPath, context: LintContext): void {
  const missing = schema.required.filter((key) => {
    const value = data[key];
    return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
  });
  if (missing.length === 0) return;
  const example = (key: string): string => {
    if (key === 'date') return `date: ${where.date?.text ?? 'YYYY-MM-DD'} 10:00:00 +0000`;
    if (key === 'author') return `author: ${context.patch?.fromName || 'Your Name'}`;
    if (key === 'authors' && context.patch?.fromName) return `authors = ["${context.patch.fromName}"]`;
    return EXAMPLE_VALUES[key] ?? (matter.syntax === 'yaml' ? `${key}: ...` : `${key} = ...`);
  };
  const names = missing.map((k) => `\`${k}\``);
  file.message(
    `The front matter has no ${listWords(names, 'or')}, which every post here sets. ` +
      `I'd add ${listWords(missing.map((k) => `\`${example(k)}\``))}.`,
    { place: linePlace(matter, matter.start) },
  );
}

function checkDatetime(file: VFile, matter: FrontMatter, data: Record<string, unknown>, key: string, where: PostPath, context: LintContext): void {
  const written = scalarText(data[key]);
  const place = linePlace(matter, keyLine(matter, key));
  if (written === undefined) return;
  const m = DATETIME.exec(written.trim());
  if (m === null) {
    // Keep what can be read: the day, the first three time fields, the zone.
    const day = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(written.trim());
    const time = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(written.slice(10));
    const zone = /([+-]\d{2}:?\d{2}|Z)$/.exec(written.trim());
    const fixed = day
      ? `${day[1]}-${pad(Number(day[2]))}-${pad(Number(day[3]))} ${time ? `${pad(Number(time[1]))}:${time[2]}:${time[3] ?? '00'}` : '10:00:00'} ${zone?.[1] ?? '+0000'}`
      : 'YYYY-MM-DD HH:MM:SS +ZZZZ';
    file.message(
      `\`${key}:\` reads \`${written}\`, which is not a date and time in the form Jekyll reads (\`YYYY-MM-DD HH:MM:SS +ZZZZ\`); ` +
        `what the site makes of it is a guess. I'd write \`${key}: ${fixed}\`.`,
      { place },
    ).expected = [`${key}: ${fixed}`];
    // The day is still readable: it must agree with the file name too.
    if (day !== null && where.date !== undefined) {
      const dayText = `${day[1]}-${pad(Number(day[2]))}-${pad(Number(day[3]))}`;
      if (dayText !== where.date.text) fileNameMismatch(file, key, where.date.text, dayText, place);
    }
    return;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dayText = `${m[1]}-${pad(month)}-${pad(day)}`;
  if (!isValidDate(year, month, day)) {
    file.message(`\`${key}:\` says ${written}, which is not a day of the calendar; Jekyll stops the build on it. I'd correct it.`, { place });
    return;
  }
  const hasTime = m[4] !== undefined;
  const zone = m[7];
  if (!hasTime || zone === undefined) {
    const suggestion = `${key}: ${dayText} ${hasTime ? `${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}` : '10:00:00'} ${zone ?? '+0000'}`;
    file.message(
      `\`${key}:\` has no ${hasTime ? 'zone' : 'time and zone'}: Jekyll then reads it ${hasTime ? 'in' : 'as midnight in'} the zone of the machine that builds the site, ` +
        `so the post's time (and its order among the day's posts) depends on where it is built. I'd write \`${suggestion}\` with your ${hasTime ? 'zone' : 'time and zone'}.`,
      { place },
    ).expected = [suggestion];
  }
  if (where.date !== undefined && where.date.text !== dayText) fileNameMismatch(file, key, where.date.text, dayText, place);
  // Jekyll leaves out posts dated after the build (`future: false`).
  const mailIso = context.patch?.date ?? '';
  if (mailIso === '') return;
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

function checkPathDate(file: VFile, matter: FrontMatter, data: Record<string, unknown>, key: string, context: LintContext): void {
  const written = scalarText(data[key]);
  if (written === undefined) return;
  const place = linePlace(matter, keyLine(matter, key));
  const m = PATH_DATE.exec(written);
  if (m === null) {
    file.message(
      `\`${key}\` is \`${written}\`, but the blog takes the post's date from it and its template refuses a \`${key}\` ` +
        `that does not read \`[inside-rust/]YYYY/MM/DD/slug\`. I'd write it that way.`,
      { place },
    );
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

function checkCategories(file: VFile, matter: FrontMatter, categories: string[], key: string, where: PostPath, context: LintContext): void {
  const place = linePlace(matter, keyLine(matter, key));
  const mixed = categories.filter((c) => c !== c.toLowerCase());
  if (mixed.length > 0) {
    const lower = mixed.map((c) => `\`${c.toLowerCase()}\``);
    const example = mixed[0] ?? '';
    file.message(
      `Categories are lowercase slugs on this site: Jekyll keeps ${listWords(mixed.map((c) => `\`${c}\``))} as written, but category pages are named ` +
        `by the lowercased slug, so \`${example}\` and \`${example.toLowerCase()}\` would claim the same page and one list would overwrite the other. ` +
        `I'd write ${listWords(lower)}.`,
      { place },
    );
  }
  // A category no published post uses: worth a second look, not an error.
  if (context.siteDir === undefined || where.kind !== 'jekyll') return;
  const known = siteCategories(context.siteDir);
  // A checkout without other posts (a new site, a test repository) says nothing.
  const others = new Set([...known.values()].flatMap((e) => [...e.posts]).filter((p) => p !== where.name));
  if (others.size === 0) return;
  const fresh: string[] = [];
  const respelled: string[] = [];
  for (const category of categories) {
    const entry = known.get(category.toLowerCase());
    const others = entry === undefined ? 0 : [...entry.posts].filter((p) => p !== where.name).length;
    if (others === 0) fresh.push(category);
    else if (entry !== undefined && !entry.spellings.has(category)) respelled.push(`\`${category}\` (written \`${[...entry.spellings][0]}\` elsewhere)`);
  }
  if (respelled.length > 0) {
    file.message(`The site already has ${listWords(respelled)}; I'd spell it the same way so the posts share one category page.`, { place });
  }
  if (fresh.length > 0) {
    file.message(
      `${listWords(fresh.map((c) => `\`${c}\``))} would be new to the site: no published post uses ${fresh.length > 1 ? 'them' : 'it'} yet. ` +
        `That's fine if you mean to start ${fresh.length > 1 ? 'these categories' : 'this category'}; if an existing one fits, I'd use it so readers find the related posts.`,
      { place },
    );
  }
}

function checkReleaseVersion(file: VFile, matter: FrontMatter, data: Record<string, unknown>, kind: 'jekyll' | 'zola', where: PostPath): void {
  const title = scalarText(data.title);
  if (title === undefined) return;
  // In a title only dots join a version: "2025-09-18" is a date.
  const inTitle = title.split(/[^\d.]+/).map((t) => firstVersion(t, /\./)).find((v) => v !== undefined);
  let name = where.kind === 'jekyll' ? (where.slug ?? '') : where.name.replace(/\.(?:md|markdown)$/, '');
  // A Zola page bundle: the folder names the post.
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
