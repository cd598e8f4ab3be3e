// What `review-post site` shows of a model, as plain data: enough for a user
// to see why a finding was made (which keys the posts set and how often, the
// file-name pattern, the permalink, the words), nothing the model does not hold.

import type { Share, SiteModel, ValueShape } from '../rules/kit/context.js';
import { isHabit } from '../rules/kit/habits.js';

export interface KeySummary extends Share {
  key: string;
  /** How the newest posts write it, most used first. */
  shapes: ValueShape[];
}

export interface SiteSummary {
  root: string;
  generator: string;
  config: string;
  postsDir: string;
  posts: number;
  newest: string[];
  /** How many of the newest posts the habits are weighed on. */
  recent: number;
  frontMatter?: {
    syntax: 'yaml' | 'toml';
    posts: number;
    keys: KeySummary[];
    /** Keys a post is asked for: most of the newest posts set them. */
    required: string[];
    author?: { keys: string[] } & Share;
    taxonomies: { key: string; values: number; lowercase: number; distinct: number; novel: { posts: number; of: number } }[];
  };
  fileNames?: { pattern: string; dated: Share; lowercase: Share; bundles: Share; extensions: Record<string, number> };
  permalink?: { pattern: string; source: string; posts: number };
  images?: { posts: number; folders: Record<string, number>; bundled: number; hotlinked: number };
  /** Posts with headings, and those using level 1 (`#`): most of them do on a site whose layout leaves it to the body. */
  headings?: { posts: number; levelOne: number };
  words?: { posts: number; terms: number; acronyms: string[]; spellings: string[] };
  unlearned: string[];
}

function shapesOf(counts: Partial<Record<ValueShape, number>>): ValueShape[] {
  return (Object.entries(counts) as [ValueShape, number][]).sort((a, b) => b[1] - a[1]).map(([s]) => s);
}

/** The file-name pattern the habits describe: `YYYY-MM-DD-slug.md`, `slug/index.md` ... */
function pattern(names: NonNullable<SiteModel['fileNames']>): string {
  const ext = Object.entries(names.extensions).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'md';
  const slug = isHabit(names.lowercase) ? 'slug' : 'Slug';
  const stem = `${isHabit(names.dated) ? 'YYYY-MM-DD-' : ''}${slug}`;
  const forms = [`${stem}.${ext}`];
  if (names.bundles.posts > 0) forms.push(`${stem}/index.${ext} (page bundle, ${names.bundles.posts} posts)`);
  const caseNote = isHabit(names.lowercase) ? 'slugs in lowercase words joined by hyphens' : 'slugs in mixed case';
  return `${forms.join(' or ')}; ${caseNote}`;
}

export function summarize(model: SiteModel): SiteSummary {
  const summary: SiteSummary = {
    root: model.root ?? '',
    generator: model.generator ?? 'unknown',
    config: model.config ?? '',
    postsDir: model.postsDir ?? '',
    posts: model.paths?.size ?? 0,
    newest: [...(model.recent ?? [])].slice(0, 3),
    recent: model.recent?.length ?? 0,
    unlearned: [...(model.unlearned ?? [])],
  };
  const fm = model.frontMatter;
  if (fm !== undefined) {
    const keys = [...fm.keys].map(([key, k]) => ({ key, ...k.share, shapes: shapesOf(Object.keys(k.recentShapes).length > 0 ? k.recentShapes : k.shapes) }));
    const authorKeys = new Set(fm.author?.keys ?? []);
    const required = keys.filter((k) => !k.key.includes('.') && !authorKeys.has(k.key) && !k.shapes.includes('table') && isHabit(k)).map((k) => k.key);
    if (fm.author !== undefined && isHabit(fm.author.share)) required.push(fm.author.keys.join(' or '));
    summary.frontMatter = {
      syntax: fm.syntax,
      posts: fm.posts,
      keys,
      required,
      ...(fm.author !== undefined ? { author: { keys: [...fm.author.keys], ...fm.author.share } } : {}),
      taxonomies: [...fm.taxonomies].map(([key, t]) => ({ key, values: t.values, lowercase: t.lowercase, distinct: t.terms.size, novel: t.novel })),
    };
  }
  if (model.fileNames !== undefined) {
    const n = model.fileNames;
    summary.fileNames = { pattern: pattern(n), dated: n.dated, lowercase: n.lowercase, bundles: n.bundles, extensions: { ...n.extensions } };
  }
  if (model.permalink !== undefined) summary.permalink = { pattern: model.permalink.pattern, source: model.permalink.source, posts: model.urls?.size ?? 0 };
  if (model.images !== undefined) summary.images = { ...model.images, folders: { ...model.images.folders } };
  if (model.headings !== undefined && model.headings.posts >= 3) {
    const h = model.headings;
    summary.headings = { ...h };
  }
  if (model.words !== undefined) {
    const w = model.words;
    // The site's own casings: words it writes with capitals inside, in the most posts.
    const spellings = [...w.terms.values()]
      .filter((t) => /\p{Ll}/u.test(t.spelling) && /.\p{Lu}/u.test(t.spelling) && !/^[\p{Lu}\d]+(?:s|['’]s)$/u.test(t.spelling) && t.posts >= 2)
      .sort((a, b) => b.posts - a.posts || (a.spelling < b.spelling ? -1 : 1))
      .slice(0, 12)
      .map((t) => t.spelling);
    summary.words = { posts: w.posts, terms: w.terms.size, acronyms: [...w.acronyms].sort(), spellings };
  }
  return summary;
}
