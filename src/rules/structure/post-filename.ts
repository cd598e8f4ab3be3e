/**
 * review-post:post-filename
 *
 * Checks the name of a post's file, which makes its URL. What holds for any
 * Jekyll site: Jekyll only publishes files in `_posts/` whose names start
 * with a real date (`_posts/YYYY-MM-DD-slug.md`), and reads every file there
 * as a post, so a file of the same patch that sits under `_posts/` but is
 * not Markdown (an image put there by mistake) is flagged. What the site's
 * own posts do, inside its checkout: the slug's case (lowercase words joined
 * by hyphens, where the newest posts all write them so; the finding names how
 * many), and a date at the start of the name where the site's posts all have
 * one. Without a checkout nothing is said about a slug's style: many sites
 * name posts in mixed case. Findings are about the path, so they sit at
 * line 1 of the post.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   Not under `_posts/`: nothing to check.
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md"}
 *
 *   A post.
 *
 * @example
 *   {"name": "_posts/2020-11-04-Using_virtio-fs.md"}
 *
 *   Without the site's posts, its slug style is not known.
 *
 * @example
 *   {"name": "_posts/osv-virtio-fs.md", "label": "input"}
 *
 *   A post.
 *
 * @example
 *   {"name": "_posts/osv-virtio-fs.md", "label": "output"}
 *
 *   1:1-1:1: Jekyll only publishes files in `_posts/` whose names start with the date (`YYYY-MM-DD-slug.md`), so `osv-virtio-fs.md` would be skipped. I'd name it `_posts/YYYY-MM-DD-osv-virtio-fs.md`.
 */

import type { VFile } from 'vfile';
import { contextOf } from '../kit/context.js';
import { habitText, isHabit, learnedSite, others, selfIn } from '../kit/habits.js';
import { isSectionIndex, isValidDate, LOWER_SLUG, postPathOf, slugify, type PostPath } from '../kit/site-paths.js';
import { listWords } from '../kit/text.js';
import { defineRule } from '../kit/rule.js';

const MARKDOWN = /\.(?:md|markdown)$/i;
const DATED = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/;

function underPosts(path: string): boolean {
  return path.startsWith('_posts/') || path.includes('/_posts/');
}

const postFilename = defineRule({ id: 'post-filename', severity: 'warning', docs: import.meta.url }, (_tree, file) => {
  const context = contextOf(file);
  const where = postPathOf(file);
  // A section's page takes the name its generator gives it.
  if (isSectionIndex(where.name)) return;
  const place = { line: 1, column: 1 };
  const dir = where.sitePath.slice(0, where.sitePath.length - where.name.length);
  const dot = where.name.lastIndexOf('.');
  const stem = dot > 0 ? where.name.slice(0, dot) : where.name;
  const ext = dot > 0 ? where.name.slice(dot) : '.md';
  if (where.kind === 'jekyll') {
    const markdown = MARKDOWN.test(where.name);
    const dated = DATED.exec(stem);
    if (!markdown) {
      file.message(
        `\`${where.sitePath}\` is not a Markdown file; the site's posts are \`.md\` files, and Jekyll reads everything in \`_posts/\` as a post. ` +
          `I'd name it \`${dir}${stem}.md\` if it is a post, or move it out of \`_posts/\` if it is not.`,
        { place },
      );
    } else if (dated === null) {
      file.message(
        `Jekyll only publishes files in \`_posts/\` whose names start with the date (\`YYYY-MM-DD-slug.md\`), so \`${where.name}\` would be skipped. ` +
          `I'd name it \`${dir}YYYY-MM-DD-${slugify(stem) || 'slug'}${ext}\`.`,
        { place },
      );
    } else {
      const [, year, month, day, slug = ''] = dated;
      if (!isValidDate(Number(year), Number(month), Number(day))) {
        file.message(`The file name starts with ${year}-${month}-${day}, which is not a day of the calendar; Jekyll stops the build on it. I'd correct the date.`, {
          place,
        });
      } else {
        checkSlug(file, slug, `${dir}${year}-${month}-${day}-`, ext, where);
      }
    }
  } else if (where.generator !== undefined && MARKDOWN.test(where.name)) {
    // A page bundle is named by its folder.
    const bundle = /^index$/i.test(stem);
    const name = bundle ? (dir.split('/').filter(Boolean).pop() ?? stem) : stem;
    const folder = bundle ? dir.split('/').filter(Boolean).slice(0, -1).join('/') : dir.replace(/\/$/, '');
    const prefix = folder === '' ? '' : `${folder}/`;
    const tail = bundle ? `/${where.name}` : ext;
    const dated = DATED.exec(name);
    checkDated(file, name, prefix, tail, dated !== null);
    checkSlug(file, dated !== null ? (dated[4] ?? '') : name, `${prefix}${dated !== null ? `${dated[1]}-${dated[2]}-${dated[3]}-` : ''}`, tail, where);
  }
  // Other files of the same patch that landed in `_posts/`.
  const strays = (context.patch?.files ?? [])
    .filter((f) => f.status !== 'deleted' && underPosts(f.path) && !MARKDOWN.test(f.path))
    .map((f) => f.path)
    .filter((p) => !file.path.endsWith(p));
  if (strays.length > 0 && context.patch?.posts[0]?.path === context.post?.path && where.generator !== 'hugo' && where.generator !== 'zola') {
    file.message(
      `This patch also puts ${listWords(strays.map((p) => `\`${p}\``))} under \`_posts/\`, which is not Markdown: Jekyll reads the files there as posts ` +
        `(and skips those not named by a date). I'd move ${strays.length > 1 ? 'them' : 'it'} next to the site's other images, e.g. under \`screenshots/\`.`,
      { place },
    );
  }
});

/** A slug in another case than the site's posts write theirs in. */
function checkSlug(file: VFile, slug: string, before: string, after: string, where: PostPath): void {
  const site = learnedSite(file);
  const names = site?.fileNames;
  if (names === undefined || LOWER_SLUG.test(slug)) return;
  const self = selfIn(file);
  const share = others(names.lowercase, self);
  if (!isHabit(share)) return;
  const fixed = slugify(slug) || 'slug';
  const url = where.kind === 'jekyll' && where.date !== undefined ? ` (/${where.date.text.replace(/-/g, '/')}/${slug}/)` : '';
  file.message(
    `The slug \`${slug}\` becomes the post's URL${url}, and ${habitText(share)} of the site name theirs in lowercase words joined by hyphens. ` +
      `I'd name the file \`${before}${fixed}${after}\`.`,
    { place: { line: 1, column: 1 } },
  ).expected = [`${before}${fixed}${after}`];
}

/** A name without the date where the site's posts all start theirs with it. */
function checkDated(file: VFile, name: string, before: string, after: string, dated: boolean): void {
  const names = learnedSite(file)?.fileNames;
  if (names === undefined || dated) return;
  const share = others(names.dated, selfIn(file));
  if (!isHabit(share)) return;
  file.message(
    `${habitText(share)[0]!.toUpperCase()}${habitText(share).slice(1)} of the site start their file name with the date (\`YYYY-MM-DD-slug\`); this one does not. ` +
      `I'd name it \`${before}YYYY-MM-DD-${slugify(name) || 'slug'}${after}\` with the day it is published.`,
    { place: { line: 1, column: 1 } },
  );
}

export default postFilename;
