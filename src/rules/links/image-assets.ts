/**
 * review-post:image-assets
 *
 * Checks the images a post shows (`![alt](url)`, references, `<img src>`).
 * It flags an image that is:
 *
 * - hot-linked from another site: it breaks when that site moves or changes
 *   the file, and the site keeps its images in its own tree (badge services
 *   such as img.shields.io are left alone; option `allowHosts`);
 * - relative in a Jekyll post (`screenshots/x.png`): the browser resolves it
 *   against the post's own URL (`/2020/11/04/slug/`), where it is not;
 * - not provided: neither the patch, the rest of its series, nor the site's
 *   checkout (when the review runs inside it or with `--site`) has the file.
 *   Without a checkout, only the patch and series are known, so the comment
 *   says the image may already be in the site. A file that only the diffstat
 *   names (`create mode 100644 screenshots/x.svg`, its diff cut from the
 *   mail) counts as provided: it could not be checked;
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
 *   ![Unikernels vs GPOS](screenshots/2020-11-04-unikernel-vs-gpos.svg)
 *
 * @example
 *   {"name": "_posts/2020-11-04-osv-virtio-fs.md", "label": "output"}
 *
 *   1:1-1:110: This image is hot-linked from gitlab.com: it breaks when that site moves or changes the file, and every reader's browser fetches it from there. I'd copy it into the site's tree (if its licence allows), e.g. as `screenshots/2020-11-04-architecture.svg`, and show it from there: `/screenshots/2020-11-04-architecture.svg`.
 *   3:1-3:68: `screenshots/2020-11-04-unikernel-vs-gpos.svg` is a relative path, so the browser looks for it under the post's own URL (/2020/11/04/osv-virtio-fs/screenshots/2020-11-04-unikernel-vs-gpos.svg), where it is not. I'd write `/screenshots/2020-11-04-unikernel-vs-gpos.svg`.
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
import { contextOf } from '../kit/context.js';
import { findFile, seriesFiles } from '../kit/series.js';
import { postPath, siteFileSize, targetOf, type PostPath } from '../kit/site-paths.js';
import { humanSize, pointAt } from '../kit/text.js';
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

/** Where a copy of a hot-linked image would go in this site. */
function copyPath(url: URL, where: PostPath): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? 'image');
  const name = /\.[A-Za-z0-9]{2,5}$/.test(last) ? last : `${where.slug ?? 'image'}.png`;
  return `screenshots/${where.date ? `${where.date.text}-` : ''}${name}`;
}

const imageAssets = defineRule<Options>({ id: 'image-assets', severity: 'warning', docs: import.meta.url, options: { maxBytes: 'number', allowHosts: 'strings' } }, (tree, file, options) => {
  const context = contextOf(file);
  const where = postPath(file.path);
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  const allow = new Set((options?.allowHosts ?? DEFAULT_ALLOW).map((h) => h.toLowerCase()));
  const files = seriesFiles(context);
  const siteDir = context.siteDir;
  const said = new Set<string>();

  for (const image of imagesOf(tree, file)) {
    const target = targetOf(image.url, where);
    const place = image.position;
    if (target.kind === 'external') {
      const host = target.url.hostname.toLowerCase();
      if (allow.has(host) || allow.has(host.replace(/^www\./, ''))) continue;
      const copy = copyPath(target.url, where);
      const instead =
        where.kind === 'zola'
          ? 'next to the post (a folder with `index.md` and the image beside it), and show it by its file name'
          : `e.g. as \`${copy}\`, and show it from there: \`/${copy}\``;
      file.message(
        `This image is hot-linked from ${host.replace(/^www\./, '')}: it breaks when that site moves or changes the file, and every reader's browser fetches it from there. ` +
          `I'd copy it into the site's tree (if its licence allows), ${instead}.`,
        { place },
      );
      continue;
    }
    if (target.kind === 'post-relative') {
      const day = where.date ? `/${where.date.text.replace(/-/g, '/')}/${where.slug ?? 'slug'}/` : '/YYYY/MM/DD/slug/';
      file.message(
        `\`${target.written}\` is a relative path, so the browser looks for it under the post's own URL (${day}${target.written}), where it is not. ` +
          `I'd write \`/${target.written.replace(/^\.\//, '')}\`.`,
        { place },
      ).expected = [`/${target.written.replace(/^\.\//, '')}`];
      continue;
    }
    if (target.kind !== 'site' || target.candidates.length === 0) continue;
    const shown = target.written;
    const inSeries = files === undefined ? undefined : findFile(files, target.candidates);
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
    const onDisk = siteDir === undefined ? undefined : target.candidates.find((c) => siteFileSize(siteDir, c) !== undefined);
    if (onDisk !== undefined) continue;
    if (files === undefined && siteDir === undefined) continue;
    const deleted = inSeries?.status === 'deleted' ? ` (the series deletes \`${inSeries.path}\`)` : '';
    const where1 = target.candidates[0] ?? shown;
    file.message(
      siteDir !== undefined
        ? `\`${shown}\` is neither in this patch${context.series && context.series.length > 1 ? ' nor in the rest of its series' : ''} nor in the site's checkout${deleted}, ` +
            `so the image would be broken. Did you forget to \`git add\` \`${where1}\`?`
        : `\`${shown}\` is not added by this patch${context.series && context.series.length > 1 ? ' or the rest of its series' : ''}${deleted}; ` +
            `unless the site already has \`${where1}\`, the image will be missing. Did you forget to \`git add\` it?`,
      { place },
    );
  }
});

export default imageAssets;
