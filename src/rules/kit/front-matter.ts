// A post's front matter as the structure rules and the site model read it:
// the YAML or TOML block, its keys and the lines they are on, the shape of
// each value, the categories it files the post under.

import type { Root } from 'mdast';
import { parse as parseToml } from 'smol-toml';
import type { Position } from 'unist';
import { parse as parseYaml } from 'yaml';
import type { ValueShape } from './context.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type Syntax = 'yaml' | 'toml';

export interface FrontMatter {
  syntax: Syntax;
  /** The parsed keys; undefined when the text does not parse. */
  data?: Record<string, unknown>;
  /** Why it does not parse. */
  error?: string;
  /** Lines of the opening and closing fences. */
  start: number;
  end: number;
  /** The text between the fences, one entry per line. */
  lines: string[];
}


/**
 * The keys of a YAML or TOML block, or why they cannot be read. The core
 * schema keeps `2020-11-04 02:00:00 +0200` a string: the rules check how the
 * date is written, not what a YAML library makes of it.
 */
export function parseBlock(syntax: Syntax, text: string): { data?: Record<string, unknown>; error?: string } {
  try {
    const data: unknown = syntax === 'yaml' ? parseYaml(text, { schema: 'core', logLevel: 'error' }) : parseToml(text);
    if (data === null || data === undefined) return { data: {} };
    if (isRecord(data)) return { data };
    return { error: 'it is not a list of keys and values' };
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unreadable' };
  }
}

export function readFrontMatter(tree: Root): FrontMatter | undefined {
  // remark-frontmatter adds `toml` nodes, which mdast's types do not list.
  const node = tree.children[0] as { type: string; value?: unknown; position?: Position } | undefined;
  if (node === undefined || (node.type !== 'yaml' && node.type !== 'toml') || !node.position || typeof node.value !== 'string') return undefined;
  const syntax: Syntax = node.type;
  return {
    syntax,
    ...parseBlock(syntax, node.value),
    start: node.position.start.line,
    end: node.position.end.line,
    lines: node.value.split('\n'),
  };
}

/**
 * The front matter at the top of a Markdown file's text, as remark-frontmatter
 * finds it (a `---` or `+++` line, the block, the same fence closing it), and
 * the offset where the body starts; undefined when the file has none.
 */
export function splitFrontMatter(text: string): { syntax: Syntax; block: string; body: number } | undefined {
  const fence = text.startsWith('---') ? '---' : text.startsWith('+++') ? '+++' : undefined;
  if (fence === undefined) return undefined;
  const first = text.indexOf('\n');
  if (first < 0 || text.slice(3, first).trim() !== '') return undefined;
  for (let at = first; at >= 0; at = text.indexOf('\n', at + 1)) {
    const next = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, next < 0 ? text.length : next).replace(/\r$/, '');
    if (line.trimEnd() === fence) {
      return { syntax: fence === '---' ? 'yaml' : 'toml', block: text.slice(first + 1, at), body: next < 0 ? text.length : next + 1 };
    }
    if (next < 0) return undefined;
  }
  return undefined;
}

/** A URL path that starts with the date: `[section/]YYYY/MM/DD/slug`. */
export const DATED_PATH = /^(?:[A-Za-z0-9_-]+\/)?(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\/?$/;

/** How a front-matter value is written: a date with time and zone, a list, a table ... */
export function shapeOf(value: unknown): ValueShape {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  // smol-toml's dates are Date objects; their text tells what was written.
  const text = value instanceof Date ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined) return isRecord(value) ? 'table' : 'string';
  const m = /^\d{4}-\d{1,2}-\d{1,2}(?:([T ] *\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,9})?)? *(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m === null) return DATED_PATH.test(text) ? 'dated-path' : 'string';
  if (m[1] === undefined) return 'date';
  return m[2] === undefined ? 'datetime' : 'zoned';
}

/** The line of a top-level key in the front matter, or undefined. */
export function keyLine(matter: FrontMatter, key: string): number | undefined {
  const sep = matter.syntax === 'yaml' ? ':' : '=';
  for (let i = 0; i < matter.lines.length; i++) {
    const line = matter.lines[i] ?? '';
    if (line.startsWith(key) && line.slice(key.length).trimStart().startsWith(sep)) return matter.start + 1 + i;
    // TOML tables come after the top-level keys.
    if (matter.syntax === 'toml' && line.startsWith('[')) break;
  }
  return undefined;
}

/** A value by a dotted key (`extra.release`), for TOML tables. */
export function valueAt(data: Record<string, unknown>, key: string): unknown {
  let here: unknown = data;
  for (const part of key.split('.')) {
    if (!isRecord(here)) return undefined;
    here = here[part];
  }
  return here;
}

/** A scalar front-matter value as the author wrote it. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // smol-toml's dates are Date objects with a TOML-style toString.
  if (value instanceof Date) return String(value);
  return undefined;
}

/** Jekyll's categories: a YAML list, or a string of space-separated words. */
export function categoryList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => scalarText(v)).filter((v): v is string => v !== undefined && v !== '');
  const text = scalarText(value);
  return text === undefined ? [] : text.split(/\s+/).filter(Boolean);
}
