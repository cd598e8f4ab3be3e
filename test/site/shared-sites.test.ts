// Every published post of the three shared sites (../shared/sites: qemu-web
// on Jekyll, the Rust blog on Zola, grpc.io on Hugo), reviewed inside its
// tree: no front-matter, file-name or acronym finding may ask for what the
// site's own posts do not do. Each finding's claim is checked against
// counts made here, over the site's files, without the site model. Skipped
// when ../shared is absent (a fresh clone).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { defaultSettings } from '../../src/config/settings.js';
import { lintMarkdown, markdownProcessor } from '../../src/lint/processor.js';
import { RULES } from '../../src/rules/index.js';
import { layoutAt } from '../../src/site/detect.js';
import { learnLayout } from '../../src/site/model.js';
import { shared } from '../helpers.js';

const SITES = shared('sites');
const RULE_IDS = ['front-matter', 'post-filename', 'undefined-acronym'];
const processor = markdownProcessor(RULES.filter((r) => RULE_IDS.includes(r.meta.id)));

interface Post {
  path: string;
  text: string;
  data: Record<string, unknown>;
  body: string;
}

/** The site's posts and their front matter, read plainly. */
function postsOf(root: string, paths: Iterable<string>): Post[] {
  return [...paths].map((path) => {
    const text = readFileSync(join(root, path), 'utf8');
    const m = /^(---|\+\+\+)\n([\s\S]*?)\n\1\n/.exec(text);
    let data: Record<string, unknown> = {};
    try {
      if (m) data = (m[1] === '---' ? parseYaml(m[2]!, { schema: 'core' }) : parseToml(m[2]!)) as Record<string, unknown>;
    } catch {
      data = {};
    }
    return { path, text, data: data ?? {}, body: m ? text.slice(m[0].length) : text };
  });
}

/** More than half of the posts: the site's majority. */
function most(posts: Post[], test: (p: Post) => boolean): boolean {
  return posts.filter(test).length * 2 > posts.length;
}

const categoriesOf = (p: Post): string[] => {
  const value = p.data.categories;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
};
const stem = (path: string): string => (path.endsWith('/index.md') ? path.split('/').slice(-2)[0]! : path.split('/').pop()!.replace(/\.md$/, ''));

/**
 * Why a finding agrees with the site's majority, or undefined when it does
 * not (the test then fails naming it).
 */
function agrees(message: string, post: Post, posts: Post[]): string | undefined {
  const others = posts.filter((p) => p.path !== post.path);
  const missing = /^The front matter has no (.+?), which /.exec(message);
  if (missing) {
    const keys = [...missing[1]!.matchAll(/`([^`]+)`/g)].map((k) => k[1]!);
    // `author` (or `authors`): one key under two names.
    const alternatives = / \(or /.test(missing[1]!) ? [keys] : keys.map((k) => [k]);
    return alternatives.every((names) => most(others, (p) => names.some((k) => p.data[k] !== undefined))) ? 'most posts set it' : undefined;
  }
  if (/has no (?:time and zone|zone)/.test(message)) return most(others, (p) => /\d:\d\d(?::\d\d)? *(?:Z|[+-]\d\d:?\d\d)$/.test(String(p.data.date ?? ''))) ? 'most dates are zoned' : undefined;
  if (/^The file name says (\S+) but `date:` says/.test(message)) {
    return most(others, (p) => String(p.data.date ?? '').startsWith(stem(p.path).slice(0, 10))) ? 'most dates match their file name' : undefined;
  }
  if (/is not a date and time in the form Jekyll reads/.test(message)) return most(others, (p) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? [+-]\d{4}$/.test(String(p.data.date ?? ''))) ? 'most dates read' : undefined;
  if (/^Categories are lowercase/.test(message)) {
    const values = others.flatMap(categoriesOf);
    return values.filter((v) => v === v.toLowerCase()).length * 2 > values.length ? 'most categories are lowercase' : undefined;
  }
  const respelled = /^The site already has `([^`]+)`/.exec(message);
  if (respelled) return others.some((p) => categoriesOf(p).includes(respelled[1]!)) ? 'another post spells it so' : undefined;
  if (/would be new to the site/.test(message)) return 'a note on a site that reuses its categories';
  if (/^`path` is `[^`]+`, but/.test(message)) return most(others, (p) => /^(?:[\w-]+\/)?\d{4}\/\d{2}\/\d{2}\//.test(String(p.data.path ?? ''))) ? 'most paths are dated' : undefined;
  if (/^The post speaks as one person/.test(message)) {
    const key = /has no `([^`:]+):?`/.exec(message)?.[1] ?? '';
    return others.some((p) => p.data[key] !== undefined) ? 'the site names authors with that key' : undefined;
  }
  if (/^This is a release post, but the title names version/.test(message)) return 'title and file name disagree';
  if (/^The slug `([^`]+)` becomes the post's URL/.test(message)) return most(others, (p) => /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/.test(stem(p.path).replace(/^\d{4}-\d{2}-\d{2}-/, ''))) ? 'most slugs are lowercase' : undefined;
  if (/start their file name with the date/.test(message)) return most(others, (p) => /^\d{4}-\d{2}-\d{2}-/.test(stem(p.path))) ? 'most names are dated' : undefined;
  const acronym = /^(?:What does "|I'd spell out ")([A-Z][A-Z0-9]+)s?"/.exec(message)?.[1];
  if (acronym !== undefined) {
    // The readers' own acronym when two or more other posts use it unexplained, more than spell it out.
    const word = new RegExp(`\\b${acronym}s?\\b`);
    const spelledOut = new RegExp(`\\(${acronym}s?\\)|\\b${acronym}s? \\(`);
    const using = others.filter((p) => word.test(p.body));
    const spelled = using.filter((p) => spelledOut.test(p.body)).length;
    const bare = using.length - spelled;
    return bare < 2 || bare <= spelled ? 'other posts do not use it unexplained' : undefined;
  }
  return undefined;
}

describe.skipIf(!existsSync(SITES))('every published post of the shared sites, reviewed in its tree (skipped without ../shared)', () => {
  it.each(['qemu-web', 'rust-blog', 'grpc-io'])('%s: no front-matter, file-name or acronym finding against the site\'s majority', async (name) => {
    const root = join(SITES, name);
    const site = learnLayout(layoutAt(root)).model;
    const posts = postsOf(root, site.paths!);
    expect(posts.length).toBeGreaterThan(50);
    const against: string[] = [];
    let findings = 0;
    for (const post of posts) {
      const found = await lintMarkdown(post.text, join(root, post.path), processor, { settings: defaultSettings(), siteDir: root, site });
      for (const f of found) {
        findings++;
        if (agrees(f.message, post, posts) === undefined) against.push(`${post.path}:${f.line}: ${f.rule}: ${f.message}`);
      }
    }
    expect(against).toEqual([]);
    expect(findings).toBeLessThan(posts.length);
  }, 300_000);

  it('the check itself refuses what the old review said on grpc.io: `layout` and a zoned date asked of a Hugo site', () => {
    const root = join(SITES, 'grpc-io');
    const posts = postsOf(root, learnLayout(layoutAt(root)).model.paths!);
    const post = posts[0]!;
    expect(agrees("The front matter has no `layout` or `categories`, which every post here sets. I'd add `layout: post`.", post, posts)).toBeUndefined();
    expect(agrees('`date:` has no time and zone: Jekyll then reads it ...', post, posts)).toBeUndefined();
    expect(agrees("The front matter has no `title`, which all 58 posts set.", post, posts)).toBe('most posts set it');
  });
});
