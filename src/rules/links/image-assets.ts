/**
 * review-post:image-assets
 *
 * Checks the images a post shows (`![alt](url)`, references, `<img src>`).
 * It flags an image that is:
 *
 * - hot-linked from another site: it breaks when that site moves or changes
 *   the file, and the site keeps its images in its own tree (badge services
 *   such as img.shields.io are left alone; option `allowHosts`). Said once
 *   for all the post's hot-linked images, with how many and where; the copy
 *   it suggests goes where the site's posts keep theirs (the folder most of
 *   them use, or beside the post in a page bundle);
 * - relative (`screenshots/x.png`) in a post whose URL is known (the site's
 *   permalink scheme, from its checkout or the config): the browser resolves
 *   it against the post's own URL (`/2020/11/04/slug/`), where it is not.
 *   When the scheme cannot be known, nothing is said of relative paths; in a
 *   page bundle (`slug/index.md`) they are the files beside the post;
 * - not provided: neither the patch, the rest of its series, nor the site's
 *   checkout (when the review runs inside it or with `--site`) has the file;
 *   said once for all such images of the post. Without a checkout, only the
 *   patch and series are known, so the comment says the image may already
 *   be in the site. A file that only the diffstat names (`create mode 100644
 *   screenshots/x.svg`, its diff cut from the mail) counts as provided: it
 *   could not be checked;
 * - sent as `Binary files a/x and b/x differ` (a diff made without
 *   `--binary`): there is no content in the mail, so it cannot be applied;
 * - a raster image (PNG, JPEG, GIF, WebP) the series adds that is heavier
 *   than `maxBytes` (default 500000, 500 KB), from the size git records in
 *   the binary patch or the diffstat.
 *
 * Options: `{"maxBytes": 500000, "allowHosts": ["img.shields.io"]}`.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   ![Unikernels vs GPOS vs containers](/screenshots/2020-11-04-unikernel-vs-gpos.svg)
 *
 *   [![CI](https://img.shields.io/badge/CI-passing-green)](https://gitlab.com/qemu-project/qemu)
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "label": "input"}
 *
 *   ![virtio-fs DAX architecture](https://gitlab.com/virtio-fs/virtio-fs.gitlab.io/-/raw/master/architecture.svg)
 *
 *   ![Unikernels vs GPOS](https://gitlab.com/osv/unikernel-vs-gpos.svg)
 *
 *   ![Relative](screenshots/2020-11-04-unikernel-vs-gpos.svg)
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "label": "output"}
 *
 *   1:1-1:110: This image is hot-linked from gitlab.com, and so is the one on line 3: they break when that site moves or changes the files, and every reader's browser fetches them from there. I'd copy them into the site's tree (if their licence allows), next to the site's other images, and show them from there.
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "config": {"allowHosts": ["gitlab.com"], "maxBytes": 200000}}
 *
 *   ![virtio-fs DAX architecture](https://gitlab.com/virtio-fs/virtio-fs.gitlab.io/-/raw/master/architecture.svg)
 */

import type { Definition, Html, Image, ImageReference, Nodes, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { contextOf, type LintContext, type SiteModel } from '../kit/context.js';
import { findFile, seriesFiles } from '../kit/series.js';
import { postPathOf, resolvingFor, siteFileSize, targetOf, type PostPath } from '../kit/site-paths.js';
import { humanSize, listWords, pointAt } from '../kit/text.js';
import { defineRule } from '../kit/rule.js';

export interface Options {
  /** Raster images heavier than this many bytes get a comment. */
  maxBytes?: number;
  /** Hosts an image may be linked from (badge services). */
  allowHosts?: string[];
}

const DEFAULT_MAX_BYTES = 500_000;
const DEFAULT_ALLOW = ['img.shields.io', 'badgen.net', 'badge.fury.io'];
const RASTER = /\.(?:png|jpe?g|gif|webp|bmp|tiff?)$/i;
// The src of an <img> tag: bounded, no nested quantifiers.
const IMG_SRC = /<img\b[^>]{0,2000}?\bsrc\s*=\s*["']([^"']{1,2000})["']/gi;

interface Used {
  url: string;
  position?: Position;
}

function imagesOf(tree: Root, file: VFile): Used[] {
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => {
    definitions.set(node.identifier.toLowerCase(), node);
  });
  const used: Used[] = [];
  const text = String(file.value);
  visit(tree, (node: Nodes) => {
    if (node.type === 'image') used.push({ url: (node as Image).url, position: node.position });
    else if (node.type === 'imageReference') {
      const definition = definitions.get((node as ImageReference).identifier.toLowerCase());
      if (definition !== undefined) used.push({ url: definition.url, position: node.position });
    } else if (node.type === 'html') {
      const html = node as Html;
      const start = html.position?.start.offset;
      for (const m of html.value.matchAll(IMG_SRC)) {
        const url = m[1] ?? '';
        if (start === undefined || m.index === undefined) {
          used.push({ url, position: html.position });
          continue;
        }
        const from = start + m.index;
        const to = from + m[0].length;
        used.push({ url, position: { start: pointAt(text, from), end: pointAt(text, to) } });
      }
    }
  });
  return used;
}

/** How a copy of a hot-linked image would be named: its own name, dated like the post. */
function copyName(url: URL, where: PostPath): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? 'image');
  const name = /\.[A-Za-z0-9]{2,5}$/.test(last) ? last : `${where.slug ?? 'image'}.png`;
  return `${where.date ? `${where.date.text}-` : ''}${name}`;
}

/** Where the site keeps the images its posts show, said as advice for a copy of `url`. */
function copyAdvice(url: URL, where: PostPath, site: SiteModel | undefined, many: boolean): string {
  const images = site?.images;
  const folders = Object.entries(images?.folders ?? {}).sort((a, b) => b[1] - a[1]);
  const [folder, posts] = folders[0] ?? ['', 0];
  if (images !== undefined && images.bundled > posts && where.kind === 'zola') {
    return `beside the post, as ${images.bundled} of the site's posts keep theirs (a folder with \`index.md\` and the images in it), and show ${many ? 'them by their file names' : 'it by its file name'}`;
  }
  if (images !== undefined && folder !== '') {
    const name = copyName(url, where);
    const file = where.kind === 'zola' ? `static/${folder}/${name}` : `${folder}/${name}`;
    return `where ${posts} of its posts keep theirs, e.g. as \`${file}\`, and show ${many ? 'them' : 'it'} from there: \`/${folder}/${name}\``;
  }
  if (where.kind === 'zola') return `next to the post (a folder with \`index.md\` and the image beside it), and show ${many ? 'them by their file names' : 'it by its file name'}`;
  return `next to the site's other images, and show ${many ? 'them' : 'it'} from there`;
}

/** "line 12", "lines 12, 15 and 20", "lines 12, 15 and 4 more". */
function linesText(lines: number[]): string {
  const shown = lines.slice(0, 5).map(String);
  if (lines.length > 5) shown.push(`${lines.length - 5} more`);
  return `line${lines.length > 1 ? 's' : ''} ${listWords(shown)}`;
}

/** Whether the image is one the patch writes (a changed post's other lines are not the author's to fix now). */
function onAdded(image: Used, added: ReadonlySet<number> | undefined): boolean {
  if (added === undefined) return true;
  const line = image.position?.start.line;
  return line === undefined || added.has(line);
}

const imageAssets = defineRule<Options>({ id: 'image-assets', severity: 'warning', docs: import.meta.url, options: { maxBytes: 'number', allowHosts: 'strings' } }, (tree, file, options) => {
  const context = contextOf(file);
  const where = postPathOf(file);
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  const allow = new Set((options?.allowHosts ?? DEFAULT_ALLOW).map((h) => h.toLowerCase()));
  const files = seriesFiles(context);
  const siteDir = context.siteDir;
  const resolving = resolvingFor(tree, file);
  const said = new Set<string>();
  const added = context.post?.addedLines;
  const hotlinked: { image: Used; url: URL }[] = [];
  const missing: { image: Used; shown: string; path: string; deleted?: string }[] = [];

  for (const image of imagesOf(tree, file)) {
    const target = targetOf(image.url, where, resolving);
    const place = image.position;
    if (target.kind === 'external') {
      const host = target.url.hostname.toLowerCase();
      if (allow.has(host) || allow.has(host.replace(/^www\./, ''))) continue;
      if (onAdded(image, added)) hotlinked.push({ image, url: target.url });
      continue;
    }
    if (target.kind === 'unknown' || target.candidates.length === 0) continue;
    const inSeries = files === undefined ? undefined : findFile(files, target.candidates);
    const onDisk = siteDir === undefined ? undefined : target.candidates.find((c) => siteFileSize(siteDir, c) !== undefined);
    if (target.kind === 'post-relative') {
      if ((inSeries !== undefined && inSeries.status !== 'deleted') || onDisk !== undefined) continue;
      const absolute = `/${target.written.replace(/^(?:\.\/)+/, '')}`;
      file.message(
        `\`${target.written}\` is a relative path, so the browser looks for it under the post's own URL (${target.url}), where it is not. ` + `I'd write \`${absolute}\`.`,
        { place },
      ).expected = [absolute];
      continue;
    }
    const shown = target.written;
    if (inSeries !== undefined && inSeries.status !== 'deleted') {
      if (inSeries.binaryStub) {
        if (said.has(`stub:${inSeries.path}`)) continue;
        said.add(`stub:${inSeries.path}`);
        file.message(
          `\`${inSeries.path}\` came as \`Binary files ... differ\`: the diff was made without \`--binary\`, so the mail has no content for it ` +
            `and the patch cannot be applied. \`git format-patch\` includes binary files by default; I'd send it again that way (and check that \`--no-binary\` is not set).`,
          { place },
        );
        continue;
      }
      if (inSeries.size !== undefined && inSeries.size > maxBytes && RASTER.test(inSeries.path) && !said.has(`size:${inSeries.path}`)) {
        said.add(`size:${inSeries.path}`);
        file.message(
          `\`${inSeries.path}\` is ${humanSize(inSeries.size)}, and every reader downloads it with the page. I'd scale it to the width the page shows ` +
            `and recompress it (e.g. \`optipng\`, \`jpegoptim\`, or WebP) to stay under ${humanSize(maxBytes)}; a diagram could be an SVG.`,
          { place },
        );
      }
      continue;
    }
    if (onDisk !== undefined) continue;
    if (files === undefined && siteDir === undefined) continue;
    if (!onAdded(image, added) || said.has(`missing:${shown}`)) continue;
    said.add(`missing:${shown}`);
    missing.push({ image, shown, path: target.candidates[0] ?? shown, ...(inSeries?.status === 'deleted' ? { deleted: inSeries.path } : {}) });
  }
  reportHotlinked(file, hotlinked, where, context.site);
  reportMissing(file, missing, context);
});

/** One comment for all the post's hot-linked images, at the first. */
function reportHotlinked(file: VFile, hotlinked: { image: Used; url: URL }[], where: PostPath, site: SiteModel | undefined): void {
  const first = hotlinked[0];
  if (first === undefined) return;
  const hosts = [...new Set(hotlinked.map((h) => h.url.hostname.toLowerCase().replace(/^www\./, '')))];
  const rest = hotlinked.slice(1).map((h) => h.image.position?.start.line ?? 0);
  const many = rest.length > 0;
  const also = !many ? '' : rest.length === 1 ? `, and so is the one on ${linesText(rest)}` : `, and so are ${rest.length} more of the post's images (${linesText(rest)})`;
  file.message(
    `This image is hot-linked from ${listWords(hosts)}${also}: ${!many ? 'it breaks when that site moves or changes the file' : hosts.length > 1 ? 'they break when those sites move or change the files' : 'they break when that site moves or changes the files'}, ` +
      `and every reader's browser fetches ${many ? 'them' : 'it'} from there. I'd copy ${many ? 'them' : 'it'} into the site's tree (if ${many ? 'their' : 'its'} licence allows), ` +
      `${copyAdvice(first.url, where, site, many)}.`,
    { place: first.image.position },
  );
}

/** One comment for all the images that neither the series nor the checkout has, at the first. */
function reportMissing(file: VFile, missing: { image: Used; shown: string; path: string; deleted?: string }[], context: LintContext): void {
  const first = missing[0];
  if (first === undefined) return;
  const series = context.series !== undefined && context.series.length > 1;
  const deleted = missing.filter((m) => m.deleted !== undefined).map((m) => `\`${m.deleted}\``);
  const deletes = deleted.length > 0 ? ` (the series deletes ${listWords(deleted)})` : '';
  const others = missing.slice(1);
  const more = others.length === 0 ? '' : `, and neither ${others.length === 1 ? 'is' : 'are'} ${listWords(others.slice(0, 5).map((m) => `\`${m.shown}\` (line ${m.image.position?.start.line ?? 0})`).concat(others.length > 5 ? [`${others.length - 5} more`] : []))}`;
  const them = others.length > 0;
  const paths = them ? 'them' : `\`${first.path}\``;
  file.message(
    context.siteDir !== undefined
      ? `\`${first.shown}\` is neither in this patch${series ? ' nor in the rest of its series' : ''} nor in the site's checkout${more}${deletes}, ` +
          `so ${them ? 'these images' : 'the image'} would be broken. Did you forget to \`git add\` ${paths}?`
      : `\`${first.shown}\` is not added by this patch${series ? ' or the rest of its series' : ''}${more}${deletes}; ` +
          `unless the site already has ${them ? 'them' : `\`${first.path}\``}, ${them ? 'these images' : 'the image'} will be missing. Did you forget to \`git add\` ${them ? 'them' : 'it'}?`,
    { place: first.image.position },
  );
}

export default imageAssets;
