// What the link rules share: which links a post writes out, how to compare
// URLs, and what a reference definition for one looks like.

import type { Definition, Image, Link, Nodes, Parents, Root } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visitParents } from 'unist-util-visit-parents';
import { sourceOf } from './text.js';

export interface WrittenLink {
  node: Link | Image;
  url: string;
  /** Link text or image alt. */
  text: string;
  /** `[text](url)` or `![alt](url)`, as opposed to an autolink or a bare URL. */
  inline: boolean;
  inHeading: boolean;
}

/** Links and images whose URL is written out where they stand (not references). */
export function writtenLinks(tree: Root, file: VFile): WrittenLink[] {
  const links: WrittenLink[] = [];
  visitParents(tree, (node: Nodes, ancestors: Parents[]) => {
    if (node.type !== 'link' && node.type !== 'image') return;
    const source = sourceOf(node, file);
    const text = (node.type === 'image' ? (node.alt ?? '') : toString(node)).replace(/\s+/g, ' ').trim();
    links.push({
      node,
      url: node.url,
      text,
      inline: source.startsWith('[') || source.startsWith('!['),
      inHeading: ancestors.some((a) => a.type === 'heading'),
    });
  });
  return links;
}

export function definitions(tree: Root): Map<string, Definition> {
  const found = new Map<string, Definition>();
  visitParents(tree, 'definition', (node) => {
    found.set(node.identifier.toLowerCase(), node);
  });
  return found;
}

/**
 * One key for the ways a person writes the same address: scheme and host case,
 * http or https, a default port, a trailing slash.
 */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.trim();
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return parsed.href;
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${parsed.host.toLowerCase()}${path}${parsed.search}${parsed.hash}`;
}

// Link texts that say nothing about the target make useless labels.
const VAGUE_TEXT = /^(?:here|this|link|this link|click here|there|page|this page|website|more)$/i;

/**
 * A reference label a reader can type: the link text when it is short and
 * says something, else the host and the last part of the path.
 */
export function referenceLabel(text: string, url: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length > 0 && words.length <= 3 && text.length <= 30 && !/[[\]]/.test(text) && !VAGUE_TEXT.test(text.trim())) {
    return words.join(' ').toLowerCase();
  }
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.split('/').filter(Boolean).pop();
    const host = parsed.hostname.replace(/^www\./, '');
    return last ? `${host}/${last}`.toLowerCase() : host;
  } catch {
    return 'link';
  }
}

const FORGES = new Set(['github.com', 'gitlab.com', 'codeberg.org', 'bitbucket.org', 'sourceforge.net', 'git.sr.ht']);

function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Whether `url` is the home of `term` (its site, or its repository's root),
 * rather than a page about one detail of it: only such a link introduces the
 * term, and so belongs at its first mention.
 */
export function isHomeOf(term: string, url: string): boolean {
  const key = squash(term);
  if (key.length < 2) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (FORGES.has(host)) {
    const repo = segments.length === 2 ? segments[1]!.replace(/\.git$/, '') : undefined;
    return repo !== undefined && squash(repo).includes(key);
  }
  return segments.length <= 1 && host.split('.').some((label) => squash(label).includes(key));
}
