/**
 * review-post:link-hygiene
 *
 * Flags links that mislead or read badly once published. They are:
 *
 * - a URL written out bare in a sentence (`QEMU (https://www.qemu.org/)
 *   emulates ...`), instead of a link on words that say where it leads; one
 *   finding per paragraph (lists of URLs and tables are left alone);
 * - link text that says nothing: "click here", "this link", "link", or the
 *   same "here" used for links to different places, which a reader skimming
 *   the links (or a screen reader listing them) cannot tell apart;
 * - link text that names a site the link is not on ("GitLab" pointing at
 *   github.com);
 * - a URL on an old or unofficial host for which the site prefers another
 *   (the `preferredUrls` setting, or the option of the same name:
 *   `{"preferredUrls": {"wiki.qemu.org/Documentation": "https://www.qemu.org/docs/master/"}}`;
 *   empty by default);
 * - an address in angle brackets that Markdown takes for an HTML tag
 *   (`<stefanha at redhat.com>`): the browser hides it. In a Jekyll post
 *   also `<first_last@host>`, an address kramdown does not make a mail link
 *   (it only takes letters, digits, `.` and `-` before the `@`), so it shows
 *   with its brackets instead of as a link. `<name@host.org>` is a mail link
 *   in both and is not flagged;
 * - inside the site's checkout (or with `--site`), a link to a page of the
 *   site that neither the checkout nor the patch's series has: a post's
 *   permalink (`/2020/09/14/qemu-storage-overview/` needs
 *   `_posts/2020-09-14-qemu-storage-overview.md`), a Zola link
 *   (`@/inside-rust/x.md`), or a file with an extension
 *   (`/screenshots/x.pdf`) in a folder the site has. Other paths may be
 *   pages with their own permalinks, and are left alone.
 *
 * @example
 *   {"name": "ok.md"}
 *
 *   [QEMU](https://www.qemu.org/) emulates a large number of devices; see the
 *   [fuzzing documentation](https://www.qemu.org/docs/master/devel/fuzzing.html)
 *   and the [code on GitLab](https://gitlab.com/qemu-project/qemu). Send
 *   questions to <qemu-devel@nongnu.org>.
 *
 *   - https://www.qemu.org/download/
 *
 * @example
 *   {"name": "not-ok.md", "label": "input"}
 *
 *   QEMU (https://www.qemu.org/) emulates a large number of devices.
 *
 *   The [GitLab repository](https://github.com/cloudius-systems/osv) has the
 *   code. Click [here](https://wiki.qemu.org/Google_Summer_of_Code_2021) for
 *   the ideas, and [here](https://www.outreachy.org/apply/) to apply.
 *
 *   Write to <stefanha at redhat.com>.
 *
 * @example
 *   {"name": "not-ok.md", "label": "output"}
 *
 *   1:1-1:28: The URL https://www.qemu.org/ is written out bare in the sentence; I'd put the link on the words it stands for: `[QEMU](https://www.qemu.org/)`.
 *   3:5-3:65: The link text says GitLab, but the link goes to github.com; I'd make them agree (either the text or the URL is wrong).
 *   4:13-4:69: "here" says nothing about where the link leads, and the post has another "here" link to a different place (line 5), so a reader skimming the links cannot tell them apart. I'd put the link on words that name the target, e.g. `[Google Summer of Code 2021](https://wiki.qemu.org/Google_Summer_of_Code_2021)`.
 *   5:16-5:56: "here" says nothing about where the link leads, and the post has another "here" link to a different place (line 4), so a reader skimming the links cannot tell them apart. I'd put the link on words that name the target, e.g. `[outreachy.org/apply](https://www.outreachy.org/apply/)`.
 *   7:10-7:34: `<stefanha at redhat.com>` looks like an HTML tag to Markdown, so the browser hides it and the reader sees nothing there. I'd write the address in backticks (`` `stefanha@redhat.com` ``) or as a link, `[stefanha@redhat.com](mailto:stefanha@redhat.com)`.
 *
 * @example
 *   {"name": "not-ok-preferred.md", "label": "input", "config": {"preferredUrls": {"wiki.example.org": "https://docs.example.org/"}}}
 *
 *   See [the wiki](https://wiki.example.org/Features) for the features.
 * @example
 *   {"name": "not-ok-preferred.md", "label": "output"}
 *
 *   1:5-1:50: This site links wiki.example.org at its preferred address: I'd write https://docs.example.org/Features instead of https://wiki.example.org/Features, so the link does not depend on an old or unofficial host.
 */

import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Definition, Html, Link, Nodes, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { sourceOf } from '../kit/text.js';
import type { LintContext } from '../kit/context.js';
import { contextOf } from '../kit/context.js';
import { readFrontMatter } from '../kit/front-matter.js';
import { seriesHas } from '../kit/series.js';
import { postPath, siteFileSize, type PostPath } from '../kit/site-paths.js';
import { pointAt } from '../kit/text.js';
import { defineRule } from '../kit/rule.js';

export interface Options {
  /** Old or unofficial host (or URL prefix) → the canonical one. Adds to the site's `preferredUrls`. */
  preferredUrls?: Record<string, string>;
}

// Texts that name neither the target nor what is there.
const SAYS_NOTHING = new Set(['here', 'click here', 'this link', 'link', 'this', 'there', 'this page', 'page', 'website', 'more', 'read more']);
// Always worth a comment: they name the mechanics, not the target.
const ALWAYS = new Set(['click here', 'this link', 'link']);
// Where a named site lives; a self-hosted GitLab (gitlab.freedesktop.org) is GitLab too.
const SITES: { name: string; word: RegExp; hosts: RegExp }[] = [
  { name: 'GitHub', word: /\bgithub\b/i, hosts: /(?:^|\.)(?:github\.com|github\.io|githubusercontent\.com)$/ },
  { name: 'GitLab', word: /\bgitlab\b/i, hosts: /(?:^|\.)(?:gitlab\.com|gitlab\.io)$|^gitlab\./ },
  { name: 'Codeberg', word: /\bcodeberg\b/i, hosts: /(?:^|\.)codeberg\.(?:org|page)$/ },
  { name: 'Bitbucket', word: /\bbitbucket\b/i, hosts: /(?:^|\.)bitbucket\.(?:org|io)$/ },
  { name: 'SourceForge', word: /\bsourceforge\b/i, hosts: /(?:^|\.)(?:sourceforge\.net|sf\.net)$/ },
  { name: 'YouTube', word: /\byoutube\b/i, hosts: /(?:^|\.)(?:youtube\.com|youtu\.be)$/ },
  { name: 'Wikipedia', word: /\bwikipedia\b/i, hosts: /(?:^|\.)wikipedia\.org$/ },
  { name: 'Launchpad', word: /\blaunchpad\b/i, hosts: /(?:^|\.)launchpad\.net$/ },
];
// `<name at host>` and other addresses Markdown reads as a tag.
const TAG_ADDRESS = /^<([\w.+-]{1,64})(?: +at +|@)([\w.-]{1,253})>$/;
/** kramdown's mail autolink, `[-.[:alnum:]]+@[-[:alnum:]]+(\.[-[:alnum:]]+)*\.[a-z]+`, checked part by part. */
function kramdownLinksMail(address: string): boolean {
  const at = address.indexOf('@');
  if (at <= 0 || !/^[-.\p{L}\p{N}]+$/u.test(address.slice(0, at))) return false;
  const labels = address.slice(at + 1).split('.');
  return labels.length >= 2 && labels.every((l) => /^[-\p{L}\p{N}]+$/u.test(l)) && /^[a-z]+$/.test(labels[labels.length - 1] ?? '');
}
const NOT_PROSE = new Set(['listItem', 'table', 'blockquote', 'footnoteDefinition', 'heading']);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Words for a link to `url` when the text gives none: a PR's number, the page's name, or the host. */
function labelFor(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^www\./, '');
    const parts = parsed.pathname.split('/').filter(Boolean);
    const forge = /^(?:github\.com|gitlab\.com|codeberg\.org)$/.test(host) ? /^([^/]+)\/([^/]+)\/(?:-\/)?(pull|issues|merge_requests)\/(\d+)$/.exec(parts.join('/')) : null;
    if (forge !== null) return `${forge[2]} ${forge[3] === 'issues' ? 'issue' : 'pull request'} #${forge[4]}`;
    const named = parts.filter((p) => !/^(?:index\.html?|edit|view|\d+)$/.test(p)).pop();
    if (named === undefined) return host;
    const words = decodeURIComponent(named).replace(/\.(?:html?|php|md)$/, '').replace(/[-_]+/g, ' ').trim();
    return words.includes(' ') ? words : `${host}/${words}`;
  } catch {
    return 'the page';
  }
}

/** `host/path` without scheme, for prefix matching against the preferred-URL map. */
function bare(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^www\./i, '');
}

/** The preferred-URL map by its keys as `bare` lower-case prefixes; the first key of a prefix wins. */
type PreferredIndex = Map<string, { key: string; value: string }>;

const indexes = new WeakMap<Record<string, string>, PreferredIndex>();

/** Indexed once per map: a config of 20,000 preferred URLs against thousands of links is not their product. */
function preferredIndex(map: Record<string, string>): PreferredIndex {
  let index = indexes.get(map);
  if (index === undefined) {
    index = new Map();
    for (const [key, value] of Object.entries(map)) {
      const k = bare(key).toLowerCase();
      if (k !== '' && !index.has(k)) index.set(k, { key, value });
    }
    indexes.set(map, index);
  }
  return index;
}

function preferredFor(url: string, map: Record<string, string>): { from: string; to: string } | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  const here = bare(url);
  const hereLower = here.toLowerCase();
  const index = preferredIndex(map);
  // The longest key that is a prefix of the URL ending at a boundary (a key ending in `/` is one).
  let best: { key: string; value: string } | undefined;
  let length = hereLower.length;
  for (; length > 0; length--) {
    const boundary = length === hereLower.length || '/?#'.includes(hereLower[length]!) || hereLower[length - 1] === '/';
    if (boundary && (best = index.get(hereLower.slice(0, length))) !== undefined) break;
  }
  if (best === undefined) return undefined;
  const rest = here.slice(length);
  const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(best.value) ? best.value : `https://${best.value}`;
  const joined = target.endsWith('/') && rest.startsWith('/') ? target + rest.slice(1) : target + rest;
  return joined === url ? undefined : { from: bare(best.key), to: joined };
}

const NONE: Record<string, string> = {};
const merged = new WeakMap<Record<string, string>, WeakMap<Record<string, string>, Record<string, string>>>();

/** The site's preferred URLs and the rule's own, as one map: the same object for every post, so that its index is built once. */
function mergedPreferred(site: Record<string, string> = NONE, own: Record<string, string> = NONE): Record<string, string> {
  let byOwn = merged.get(site);
  if (byOwn === undefined) merged.set(site, (byOwn = new WeakMap()));
  let map = byOwn.get(own);
  if (map === undefined) byOwn.set(own, (map = { ...site, ...own }));
  return map;
}

/** The name right before ` (URL)`: `QEMU (https://www.qemu.org/)` → QEMU. */
function nameBefore(parent: Parents | undefined, node: Link): string | undefined {
  if (parent === undefined || !('children' in parent)) return undefined;
  const index = (parent.children as Nodes[]).indexOf(node);
  const before = (parent.children as Nodes[])[index - 1];
  if (before?.type !== 'text' || !before.value.endsWith('(')) return undefined;
  const m = /([\p{Lu}\p{N}][\p{L}\p{N}._-]{0,40}|[\p{L}\p{N}]{1,40}[-.][\p{L}\p{N}.-]{0,40}) \($/u.exec(before.value);
  return m?.[1];
}

const linkHygiene = defineRule<Options>({ id: 'link-hygiene', severity: 'warning', docs: import.meta.url, options: { preferredUrls: 'string-map' } }, (tree, file, options) => {
  const context = contextOf(file);
  const preferred = mergedPreferred(context.settings?.preferredUrls, options?.preferredUrls);
  const matter = readFrontMatter(tree);
  const where = postPath(file.path);
  const jekyll = matter ? matter.syntax === 'yaml' : where.kind === 'jekyll';
  const bareDone = new Set<Nodes>();
  const vague: { node: Link; text: string; line: number }[] = [];

  visitParents(tree, (node: Nodes, ancestors: Parents[]) => {
    if (node.type === 'html' && ancestors.some((a) => a.type === 'paragraph')) checkTagAddress(file, node);
    if (node.type === 'definition') {
      checkPreferred(file, node, preferred);
      checkSiteLink(file, node, context, where);
    }
    if (node.type !== 'link') return;
    const source = sourceOf(node, file);
    const parent = ancestors[ancestors.length - 1];
    if (/^mailto:/i.test(node.url)) {
      if (jekyll && source.startsWith('<')) checkKramdownMail(file, node);
      return;
    }
    checkPreferred(file, node, preferred);
    if (!source.startsWith('[') && !source.startsWith('<')) {
      // A bare URL: GFM made it a link by itself. One comment per paragraph.
      const paragraph = ancestors.findLast((a) => a.type === 'paragraph');
      if (paragraph === undefined || ancestors.some((a) => NOT_PROSE.has(a.type)) || bareDone.has(paragraph)) return;
      bareDone.add(paragraph);
      const name = nameBefore(parent, node);
      const fix = `[${name ?? 'words that say where it leads'}](${node.url})`;
      const message = file.message(
        `The URL ${node.url} is written out bare in the sentence; I'd put the link on the words it stands for: \`${fix}\`.`,
        { place: name === undefined ? node.position : widen(file, node, name) },
      );
      if (name !== undefined) message.expected = [fix];
      return;
    }
    if (!source.startsWith('[')) return;
    checkSiteLink(file, node, context, where);
    const text = toString(node).replace(/\s+/g, ' ').trim();
    const key = text.toLowerCase().replace(/[.:!]+$/, '');
    if (SAYS_NOTHING.has(key)) vague.push({ node, text: key, line: node.position?.start.line ?? 0 });
    checkSiteName(file, node, text);
  });

  const otherLines = vagueOthers(vague);
  for (const link of vague) {
    const others = otherLines(link);
    const clicked = /\bclick\s*$/i.test(textBefore(file, link.node));
    if (!ALWAYS.has(link.text) && !clicked && others.length === 0) continue;
    const target = `[${labelFor(link.node.url)}](${link.node.url})`;
    const why =
      others.length > 0
        ? `and the post has another "${link.text}" link to a different place (line${others.length > 1 ? 's' : ''} ${others.shown.join(', ')}${others.length > others.shown.length ? ` and ${others.length - others.shown.length} more` : ''}), ` +
          `so a reader skimming the links cannot tell them apart`
        : clicked
          ? `and "click" speaks of the mouse rather than of the page`
          : `and a reader skimming the links (or a screen reader listing them) learns nothing from it`;
    file.message(`"${link.text}" says nothing about where the link leads, ${why}. I'd put the link on words that name the target, e.g. \`${target}\`.`, {
      place: link.node.position,
    });
  }
});

const LINES_SHOWN = 10;

/**
 * For each vague link, the lines of links with the same text to another
 * place: how many, and the first few. Grouped once, so that thousands of
 * "here" links cost time linear in their number, not its square.
 */
function vagueOthers(vague: { node: Link; text: string; line: number }[]): (link: { node: Link; text: string }) => { length: number; shown: number[] } {
  const groups = new Map<string, { lines: number[]; urls: Map<number, Set<string>>; only: Map<string, number>; shown: Map<string, number[]> }>();
  for (const { node, text, line } of vague) {
    let group = groups.get(text);
    if (group === undefined) groups.set(text, (group = { lines: [], urls: new Map(), only: new Map(), shown: new Map() }));
    let urls = group.urls.get(line);
    if (urls === undefined) {
      group.lines.push(line);
      group.urls.set(line, (urls = new Set()));
    }
    urls.add(node.url);
  }
  // Lines whose links of that text all go to one place.
  for (const group of groups.values()) {
    for (const urls of group.urls.values()) {
      if (urls.size === 1) {
        const [url] = urls;
        group.only.set(url!, (group.only.get(url!) ?? 0) + 1);
      }
    }
  }
  return ({ node, text }) => {
    const group = groups.get(text)!;
    let shown = group.shown.get(node.url);
    if (shown === undefined) {
      // The lines skipped here are the ones only this URL has: each is skipped for one URL alone.
      shown = [];
      for (const line of group.lines) {
        if (shown.length === LINES_SHOWN) break;
        const urls = group.urls.get(line)!;
        if (urls.size > 1 || !urls.has(node.url)) shown.push(line);
      }
      group.shown.set(node.url, shown);
    }
    return { length: group.lines.length - (group.only.get(node.url) ?? 0), shown };
  };
}

// Jekyll's `:year/:month/:day/:title/` permalinks.
const PERMALINK = /^\/(\d{4})\/(\d{2})\/(\d{2})\/([^/?#]+)\/?$/;
const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;

/** A link to a page or file of the site that neither the checkout nor the series has. */
function checkSiteLink(file: VFile, node: Link | Definition, context: LintContext, where: PostPath): void {
  const siteDir = context.siteDir;
  if (siteDir === undefined) return;
  const url = node.url;
  const inSeries = (paths: string[]): boolean => seriesHas(context, paths);
  const onDisk = (paths: string[]): boolean => paths.some((p) => siteFileSize(siteDir, p) !== undefined);
  const broken = (what: string): void => {
    file.message(`${what}, so the link would be broken. I'd check the address (or add the missing file to the series).`, { place: node.position });
  };
  const bare = url.replace(/[?#].*$/, '');
  const post = PERMALINK.exec(bare);
  if (post !== null && where.kind !== 'zola') {
    const stem = `_posts/${post[1]}-${post[2]}-${post[3]}-${(post[4] ?? '').replace(/\.html$/, '')}`;
    const paths = ['md', 'markdown', 'html'].map((ext) => `${stem}.${ext}`);
    if (!onDisk(paths) && !inSeries(paths)) broken(`No post of the site is published at ${url}: there is no \`${stem}.md\` in the checkout or in this series`);
    return;
  }
  if (url.startsWith('@/')) {
    const path = `content/${url.slice(2).replace(/#.*$/, '')}`;
    if (!onDisk([path]) && !inSeries([path])) broken(`\`${url}\` points at \`${path}\`, which is neither in the checkout nor in this series`);
    return;
  }
  const segments = bare.split('/');
  // `/folder/.../name.ext`: a file, in a folder the checkout has (others may be another site's).
  if (bare.startsWith('/') && !bare.startsWith('//') && segments.length >= 3 && EXTENSION.test(bare) && where.kind !== 'zola') {
    let path = bare.slice(1);
    try {
      path = decodeURI(path);
    } catch {
      // Keep it as written.
    }
    if (!isDirectory(siteDir, segments[1] ?? '')) return;
    if (!onDisk([path]) && !inSeries([path])) broken(`\`${path}\` is neither in the checkout nor in this series`);
  }
}

function isDirectory(siteDir: string, name: string): boolean {
  try {
    return statSync(join(siteDir, name)).isDirectory();
  } catch {
    return false;
  }
}

function textBefore(file: VFile, node: Link): string {
  const start = node.position?.start.offset ?? 0;
  return String(file.value).slice(Math.max(0, start - 20), start);
}

/** The place of `Name (URL)`, so the comment covers the words to change. */
function widen(file: VFile, node: Link, name: string): Link['position'] {
  const start = node.position?.start.offset;
  const end = node.position?.end;
  if (start === undefined || end === undefined) return node.position;
  const from = start - name.length - 2;
  const text = String(file.value);
  if (text.slice(from, start) !== `${name} (`) return node.position;
  return { start: { ...pointAt(text, from), offset: from }, end };
}

function checkSiteName(file: VFile, node: Link, text: string): void {
  const host = hostOf(node.url);
  if (host === undefined) return;
  const on = SITES.find((s) => s.hosts.test(host));
  if (on === undefined) return;
  const named = SITES.find((s) => s !== on && s.word.test(text));
  if (named === undefined || on.word.test(text)) return;
  file.message(`The link text says ${named.name}, but the link goes to ${host}; I'd make them agree (either the text or the URL is wrong).`, {
    place: node.position,
  });
}

function checkPreferred(file: VFile, node: Link | Definition, map: Record<string, string>): void {
  if (preferredIndex(map).size === 0) return;
  const better = preferredFor(node.url, map);
  if (better === undefined) return;
  const message = file.message(
    `This site links ${better.from} at its preferred address: I'd write ${better.to} instead of ${node.url}, so the link does not depend on an old or unofficial host.`,
    { place: node.position },
  );
  message.expected = [better.to];
}

function checkTagAddress(file: VFile, node: Html): void {
  const m = TAG_ADDRESS.exec(node.value.trim());
  if (m === null) return;
  const address = `${m[1]}@${m[2]}`;
  file.message(
    `\`${node.value.trim()}\` looks like an HTML tag to Markdown, so the browser hides it and the reader sees nothing there. ` +
      `I'd write the address in backticks (\`\` \`${address}\` \`\`) or as a link, \`[${address}](mailto:${address})\`.`,
    { place: node.position },
  );
}

function checkKramdownMail(file: VFile, node: Link): void {
  const address = node.url.replace(/^mailto:/i, '');
  if (kramdownLinksMail(address)) return;
  file.message(
    `Jekyll's Markdown (kramdown) does not make \`<${address}>\` a mail link: it only does for addresses with letters, digits, \`.\` and \`-\` before the \`@\` ` +
      `and a lowercase domain, so the reader would see the address with its angle brackets. I'd write \`[${address}](mailto:${address})\`.`,
    { place: node.position },
  );
}

export default linkHygiene;
