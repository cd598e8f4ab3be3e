// `review-post site [DIR]`: what review-post learned of a site (generator,
// posts folder, front-matter keys and their share, file-name pattern,
// permalink, words), so that a user can see why a finding was made. Text, or
// the same as JSON with `--format json`.

import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { safeLine } from '../../core/safe-text.js';
import { InputError } from '../../core/types.js';
import type { Share } from '../../rules/kit/context.js';
import { findLayout, layoutAt } from '../../site/detect.js';
import { learnLayout } from '../../site/model.js';
import { summarize, type SiteSummary } from '../../site/summary.js';
import { cacheDir } from '../options.js';

interface SiteOptions {
  format: string;
  cache?: boolean;
  cacheLocation?: string;
}

const GENERATORS: Record<string, string> = { jekyll: 'Jekyll', hugo: 'Hugo', zola: 'Zola', plain: 'a plain folder of Markdown posts' };

function count(s: Share): string {
  return `${s.posts} of ${s.of}${s.recentOf > 0 && s.recentOf < s.of ? ` (${s.recent} of the last ${s.recentOf})` : ''}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length);
}

/** The summary as a person reads it. */
export function renderSite(summary: SiteSummary): string {
  const out: string[] = [];
  const line = (label: string, text: string): void => {
    out.push(`${pad(`${label}:`, 14)}${safeLine(text)}`);
  };
  line('Site', summary.root);
  line('Generator', `${GENERATORS[summary.generator] ?? summary.generator}${summary.config ? ` (${summary.config})` : ''}`);
  line(
    'Posts',
    `${summary.postsDir || '.'}/: ${summary.posts} published post${summary.posts === 1 ? '' : 's'}` +
      (summary.posts > 0 ? `; habits weighed on the newest ${summary.recent} (newest: ${summary.newest[0] ?? ''})` : ''),
  );
  if (summary.fileNames) {
    const n = summary.fileNames;
    const exts = Object.entries(n.extensions).map(([e, k]) => `.${e} ${k}`).join(', ');
    line('File names', `${n.pattern} (dated ${count(n.dated)}; lowercase ${count(n.lowercase)}; ${exts})`);
  }
  line('Permalink', summary.permalink ? `${summary.permalink.pattern} (${summary.permalink.source}); ${summary.permalink.posts} post URLs known` : 'not known: relative paths are not judged');
  const fm = summary.frontMatter;
  if (fm) {
    line('Front matter', `${fm.syntax === 'yaml' ? 'YAML' : 'TOML'} in ${fm.posts} posts`);
    const width = Math.min(28, Math.max(...fm.keys.map((k) => k.key.length)) + 2);
    out.push(`  ${pad('key', width)}${pad('posts setting it', 30)}written as`);
    for (const k of fm.keys) out.push(`  ${pad(safeLine(k.key), width)}${pad(count(k), 30)}${k.shapes.join(', ')}`);
    out.push(`  asked of a post: ${fm.required.length > 0 ? fm.required.map((k) => `\`${k}\``).join(', ') : 'no key (none is set by at least 90% of the newest posts)'}`);
    if (fm.author) out.push(`  author named with: ${fm.author.keys.map((k) => `\`${k}\``).join(' or ')}, in ${count(fm.author)}`);
    else out.push('  author: no post names one, so none is asked for');
    for (const t of fm.taxonomies) {
      out.push(
        `  ${t.key}: ${t.distinct} different, ${t.lowercase} of ${t.values} uses in lower case; ${t.novel.posts} of the last ${t.novel.of} posts that set it brought a new one`,
      );
    }
  }
  if (summary.images) {
    const i = summary.images;
    const folders = Object.entries(i.folders).sort((a, b) => b[1] - a[1]).map(([f, k]) => `/${f}/ (${k})`);
    line('Images', `${i.posts} posts show their own: ${folders.length > 0 ? `in ${folders.join(', ')}` : 'in no shared folder'}${i.bundled > 0 ? `, beside the post in ${i.bundled}` : ''}; ${i.hotlinked} hot-link one`);
  }
  if (summary.headings) {
    const h = summary.headings;
    const body = h.levelOne * 2 > h.posts ? ': most do, so a post may use it' : '';
    line('Headings', `${h.levelOne} of the ${h.posts} posts with headings use level 1 (\`#\`)${body}`);
  }
  if (summary.words) {
    const w = summary.words;
    line('Words', `${w.terms.toLocaleString('en-US')} different words in ${w.posts} posts${w.spellings.length > 0 ? `; own casings such as ${w.spellings.join(', ')}` : ''}`);
    line('Acronyms', w.acronyms.length > 0 ? `${w.acronyms.length} its readers know (used unexplained in several posts): ${w.acronyms.join(', ')}` : 'none the posts use unexplained');
  }
  for (const problem of summary.unlearned) line('Not learned', problem);
  return `${out.join('\n')}\n`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Adds the `site` subcommand to the program; it sets `done` to its exit status. */
export function addSiteCommand(program: Command, done: (status: number) => void): void {
  program
    .command('site [dir]')
    .description('print what review-post learned of a site from its checkout (default: the site found from here upwards)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--cache', 'keep what is learned of the site between runs, keyed on its posts')
    .option('--cache-location <dir>', 'where --cache keeps it (default: $XDG_CACHE_HOME/review-post or ~/.cache/review-post)')
    .action((dir: string | undefined, options: SiteOptions) => {
      if (dir !== undefined && !isDirectory(dir)) throw new InputError(`${dir}: not a folder`);
      const layout = dir !== undefined ? layoutAt(dir) : findLayout(process.cwd());
      if (layout === undefined) {
        throw new InputError('no site found from here upwards (a Jekyll, Hugo or Zola config, or a folder of posts at the repository root): name one with review-post site DIR');
      }
      const where = cacheDir(options);
      const { model } = learnLayout(layout, where !== undefined ? { cacheDir: where } : {});
      const summary = summarize(model);
      process.stdout.write(options.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderSite(summary));
      done(0);
    });
}
