/**
 * review-post:link-hygiene
 *
 * Flags links that mislead or read badly once published. They are:
 *
 * - a URL written out bare in a sentence (`QEMU (https://www.qemu.org/)
 *   emulates ...`), instead of a link on words that say where it leads; said
 *   once per post, with how many more there are and where (lists of URLs and
 *   tables are left alone);
 * - link text that says nothing: "click here", "this link", "link", or the
 *   same "here" used for links to different places, which a reader skimming
 *   the links (or a screen reader listing them) cannot tell apart; said once
 *   for each such text, naming the lines of the others;
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
 *   site that neither the checkout nor the patch's series has: a URL shaped
 *   like the site's post URLs (its permalink scheme, learned from the
 *   checkout or set in the config: `/2020/09/14/qemu-storage-overview/`)
 *   that none of its posts has, also when written relative to the post's
 *   own URL; a Zola link (`@/inside-rust/x.md`); or a file with an extension
 *   (`/screenshots/x.pdf`) in a folder the site has. Other paths may be
 *   pages with their own permalinks, and are left alone; so is everything
 *   relative when the site's scheme cannot be known.
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
 *   4:13-4:69: "here" says nothing about where the link leads, and the post has another "here" link to a different place (line 5), so a reader skimming the links cannot tell them apart. I'd put the link on words that name the target, e.g. `[Google Summer of Code 2021](https://wiki.qemu.org/Google_Summer_of_Code_2021)` (and the same for the one on line 5).
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
import { join, posix } from 'node:path';
import type { Definition, Html, Link, Nodes, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import type { LintContext } from '../kit/context.js';
import { contextOf } from '../kit/context.js';
import { parseBlock, readFrontMatter, splitFrontMatter } from '../kit/front-matter.js';
import { seriesHas } from '../kit/series.js';
import { permalinkOf, postPath, postPathOf, postUrl, resolvingFor, siteFileSize, type PostPath } from '../kit/site-paths.js';
import { defineRule } from '../kit/rule.js';
import { listWords, pointAt, sourceOf } from '../kit/text.js';

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
  const where = postPathOf(file);
  const jekyll = matter ? matter.syntax === 'yaml' : where.kind === 'jekyll';
  const bareDone = new Set<Nodes>();
  const bareUrls: { node: Link; name: string | undefined }[] = [];
  const vague: { node: Link; text: string; line: number }[] = [];
  const added = context.post?.addedLines;
  const sitePosts = sitePostUrls(tree, file, context, where);

  visitParents(tree, (node: Nodes, ancestors: Parents[]) => {
    if (node.type === 'html' && ancestors.some((a) => a.type === 'paragraph')) checkTagAddress(file, node);
    if (node.type === 'definition') {
      checkPreferred(file, node, preferred);
      checkSiteLink(file, node, context, where, sitePosts);
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
      // A bare URL: GFM made it a link by itself. One comment per post, naming the others.
      const paragraph = ancestors.findLast((a) => a.type === 'paragraph');
      if (paragraph === undefined || ancestors.some((a) => NOT_PROSE.has(a.type)) || bareDone.has(paragraph)) return;
      bareDone.add(paragraph);
      if (onAdded(node, added)) bareUrls.push({ node, name: nameBefore(parent, node) });
      return;
    }
    if (!source.startsWith('[')) return;
    checkSiteLink(file, node, context, where, sitePosts);
    const text = toString(node).replace(/\s+/g, ' ').trim();
    const key = text.toLowerCase().replace(/[.:!]+$/, '');
    if (SAYS_NOTHING.has(key)) vague.push({ node, text: key, line: node.position?.start.line ?? 0 });
    checkSiteName(file, node, text);
  });

  reportBareUrls(file, bareUrls);
  // One comment per link text, at its first link, naming the others.
  const otherLines = vagueOthers(vague);
  const told = new Set<string>();
  for (const link of vague) {
    if (!onAdded(link.node, added)) continue;
    const others = otherLines(link);
    const clicked = /\bclick\s*$/i.test(textBefore(file, link.node));
    if (!ALWAYS.has(link.text) && !clicked && others.length === 0) continue;
    if (others.length > 0 && told.has(link.text)) continue;
    told.add(link.text);
    const target = `[${labelFor(link.node.url)}](${link.node.url})`;
    const lines = `line${others.length > 1 ? 's' : ''} ${others.shown.join(', ')}${others.length > others.shown.length ? ` and ${others.length - others.shown.length} more` : ''}`;
    const why =
      others.length > 0
        ? `and the post has ${others.length > 1 ? `${others.length} other` : 'another'} "${link.text}" link${others.length > 1 ? 's' : ''} to a different place (${lines}), ` +
          `so a reader skimming the links cannot tell them apart`
        : clicked
          ? `and "click" speaks of the mouse rather than of the page`
          : `and a reader skimming the links (or a screen reader listing them) learns nothing from it`;
    const same = others.length > 0 ? ` (and the same for the one${others.length > 1 ? 's' : ''} on ${lines})` : '';
    file.message(`"${link.text}" says nothing about where the link leads, ${why}. I'd put the link on words that name the target, e.g. \`${target}\`${same}.`, {
      place: link.node.position,
    });
  }
});

/** Whether a node is on a line the patch adds (a changed post's other lines are not the author's to fix now). */
function onAdded(node: Nodes, added: ReadonlySet<number> | undefined): boolean {
  const line = node.position?.start.line;
  return added === undefined || line === undefined || added.has(line);
}

/** One comment for the post's bare URLs, at the first, with how many more and where. */
function reportBareUrls(file: VFile, urls: { node: Link; name: string | undefined }[]): void {
  const first = urls[0];
  if (first === undefined) return;
  const fix = `[${first.name ?? 'words that say where it leads'}](${first.node.url})`;
  const rest = urls.slice(1).map((u) => u.node.position?.start.line ?? 0);
  const shown = rest.slice(0, 5).map(String).concat(rest.length > 5 ? [`${rest.length - 5} more`] : []);
  const more = rest.length === 0 ? '' : ` So ${rest.length === 1 ? 'is one more' : `are ${rest.length} more`} in this post (line${rest.length > 1 ? 's' : ''} ${listWords(shown)}).`;
  const message = file.message(
    `The URL ${first.node.url} is written out bare in the sentence; I'd put the link on the words it stands for: \`${fix}\`.${more}`,
    { place: first.name === undefined ? first.node.position : widen(file, first.node, first.name) },
  );
  if (first.name !== undefined) message.expected = [fix];
}

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

const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;

/** The URLs of the site's posts, and of the posts of the series, with the shape a post's URL has. */
interface SitePosts {
  urls: Set<string>;
  shape: RegExp;
  /** The post's own URL, to resolve relative links against. */
  own?: string;
}

/** A regex for the URLs a permalink scheme makes: placeholders stand for one path segment (`:path` for several). */
function schemeShape(pattern: string): RegExp {
  const parts = pattern.split(/(:[a-z_]+)/);
  const body = parts
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (part === ':year') return '\\d{4}';
      if (part === ':month' || part === ':day') return '\\d{2}';
      if (part === ':sections' || part === ':categories') return '[^?#]+?';
      if (part === ':output_ext') return '\\.html';
      return '[^/?#]+';
    })
    .join('');
  const start = body.startsWith('/') ? body : `/${body}`;
  return new RegExp(`^${start.replace(/\/$/, '')}/?$`);
}

function sitePostUrls(tree: Root, file: VFile, context: LintContext, where: PostPath): SitePosts | undefined {
  const scheme = permalinkOf(context);
  const site = context.site;
  // Without the scheme, or the posts to know the URLs of, no link is judged a missing post.
  // The URLs were made with the learned scheme: a config that says another one leaves them unknown.
  if (scheme === undefined || site?.urls === undefined || scheme.pattern !== site.permalink?.pattern) return undefined;
  const urls = new Set(site.urls);
  for (const patch of context.series ?? (context.patch ? [context.patch] : [])) {
    for (const post of patch.posts) {
      const matter = splitFrontMatter(post.content);
      const data = matter === undefined ? undefined : parseBlock(matter.syntax, matter.block).data;
      const url = postUrl(scheme, site.generator, { sitePath: postPath(post.path, site, file.cwd).sitePath, ...(data ? { data } : {}) });
      if (url !== undefined) urls.add(url);
    }
  }
  const own = resolvingFor(tree, file).postUrl;
  const shape = /^\/?:path\/?$/.test(scheme.pattern) ? shapeOfUrls(site.urls) : schemeShape(scheme.pattern);
  if (shape === undefined) return undefined;
  return { urls, shape, ...(own !== undefined ? { own } : {}) };
}

/**
 * The shape the site's post URLs share when a scheme alone does not tell
 * (Hugo's and Zola's content paths, the Rust blog's `path` in each post):
 * their dated form, or one section's folder (`/blog/slug/`).
 */
function shapeOfUrls(urls: ReadonlySet<string>): RegExp | undefined {
  const all = [...urls];
  if (all.length === 0) return undefined;
  const dated = all.filter((u) => /^\/(?:[\w-]+\/)?\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(u)).length;
  if (dated * 10 >= all.length * 9) return /^\/(?:[\w-]+\/)?\d{4}\/\d{2}\/\d{2}\/[^/?#]+\/?$/;
  const section = /^\/([\w-]+)\/[^/]+\/$/.exec(all[0] ?? '')?.[1];
  if (section === undefined || !all.every((u) => u.startsWith(`/${section}/`) && u.split('/').length === 4)) return undefined;
  return new RegExp(`^/${section}/[^/?#]+/?$`);
}

/** A link to a page or file of the site that neither the checkout nor the series has. */
function checkSiteLink(file: VFile, node: Link | Definition, context: LintContext, where: PostPath, posts: SitePosts | undefined): void {
  const siteDir = context.siteDir;
  if (siteDir === undefined) return;
  const url = node.url;
  const inSeries = (paths: string[]): boolean => seriesHas(context, paths);
  const onDisk = (paths: string[]): boolean => paths.some((p) => siteFileSize(siteDir, p) !== undefined);
  const broken = (what: string): void => {
    file.message(`${what}, so the link would be broken. I'd check the address (or add the missing file to the series).`, { place: node.position });
  };
  const bare = url.replace(/[?#].*$/, '');
  if (posts !== undefined && bare !== '' && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(bare) && !bare.startsWith('@/')) {
    // Relative links resolve against the post's own URL.
    const absolute = bare.startsWith('/') ? bare : posts.own === undefined ? undefined : posix.normalize(`${posts.own.slice(0, posts.own.lastIndexOf('/') + 1)}${bare}`);
    if (absolute !== undefined && posts.shape.test(absolute)) {
      const known = posts.urls.has(absolute) || posts.urls.has(absolute.endsWith('/') ? absolute.slice(0, -1) : `${absolute}/`);
      if (!known) broken(`No post of the site is published at ${absolute}: none of its posts in the checkout or in this series has that URL`);
      return;
    }
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
