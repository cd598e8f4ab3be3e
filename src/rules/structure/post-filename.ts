/**
 * review-post:post-filename
 *
 * Checks the name of a Jekyll post: `_posts/YYYY-MM-DD-slug.md`. Jekyll only
 * publishes files in `_posts/` whose names start with a real date, takes the
 * post's URL from the slug, and the site's posts use lowercase words joined by
 * hyphens there (`2020-11-04-osv-virtio-fs.md`), so an underscore or a capital
 * letter shows up in the URL. It also flags a file of the same patch that sits
 * under `_posts/` but is not Markdown at all (an image put there by mistake).
 * Findings are about the path, so they sit at line 1 of the post. Posts
 * outside `_posts/` (a Zola site's `content/`) are not checked.
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
 *   {"name": "_posts/2020-11-04-Using_virtio-fs.md", "label": "input"}
 *
 *   A post.
 *
 * @example
 *   {"name": "_posts/2020-11-04-Using_virtio-fs.md", "label": "output"}
 *
 *   1:1-1:1: The slug `Using_virtio-fs` becomes the post's URL (/2020/11/04/Using_virtio-fs/), and the site's posts use lowercase words joined by hyphens there. I'd name the file `_posts/2020-11-04-using-virtio-fs.md`.
 */

import type { Root } from 'mdast';
import { contextOf } from '../kit/context.js';
import { isValidDate, postPath } from '../kit/site-paths.js';
import { listWords } from '../kit/text.js';
import { defineRule } from '../kit/rule.js';

const MARKDOWN = /\.(?:md|markdown)$/i;
const DATED = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function underPosts(path: string): boolean {
  return path.startsWith('_posts/') || path.includes('/_posts/');
}

const postFilename = defineRule({ id: 'post-filename', severity: 'warning', docs: import.meta.url }, (_tree, file) => {
  const context = contextOf(file);
  const where = postPath(file.path);
  const place = { line: 1, column: 1 };
  if (where.kind === 'jekyll') {
    const dir = where.sitePath.slice(0, where.sitePath.length - where.name.length);
    const dot = where.name.lastIndexOf('.');
    const stem = dot > 0 ? where.name.slice(0, dot) : where.name;
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
          `I'd name it \`${dir}YYYY-MM-DD-${slugify(stem) || 'slug'}${where.name.slice(dot)}\`.`,
        { place },
      );
    } else {
      const [, year, month, day, slug = ''] = dated;
      if (!isValidDate(Number(year), Number(month), Number(day))) {
        file.message(`The file name starts with ${year}-${month}-${day}, which is not a day of the calendar; Jekyll stops the build on it. I'd correct the date.`, {
          place,
        });
      } else if (!SLUG.test(slug)) {
        const fixed = slugify(slug);
        file.message(
          `The slug \`${slug}\` becomes the post's URL (/${year}/${month}/${day}/${slug}/), and the site's posts use lowercase words joined by hyphens there. ` +
            `I'd name the file \`${dir}${year}-${month}-${day}-${fixed || 'slug'}${where.name.slice(dot)}\`.`,
          { place },
        ).expected = [`${dir}${year}-${month}-${day}-${fixed}${where.name.slice(dot)}`];
      }
    }
  }
  // Other files of the same patch that landed in `_posts/`.
  const strays = (context.patch?.files ?? [])
    .filter((f) => f.status !== 'deleted' && underPosts(f.path) && !MARKDOWN.test(f.path))
    .map((f) => f.path)
    .filter((p) => !file.path.endsWith(p));
  if (strays.length > 0 && context.patch?.posts[0]?.path === context.post?.path) {
    file.message(
      `This patch also puts ${listWords(strays.map((p) => `\`${p}\``))} under \`_posts/\`, which is not Markdown: Jekyll reads the files there as posts ` +
        `(and skips those not named by a date). I'd move ${strays.length > 1 ? 'them' : 'it'} next to the site's other images, e.g. under \`screenshots/\`.`,
      { place },
    );
  }
});

export default postFilename;
