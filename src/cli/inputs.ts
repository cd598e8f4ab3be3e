// What the user named, made into the list of inputs to read, as markdownlint,
// remark and ESLint take them: a file as named, a folder for every post and
// patch mail under it, a glob quoted for the tool ('_posts/2024-*.md'), `-`
// for stdin; less what the nearest `.review-postignore` (gitignore syntax)
// leaves out. The order is stable (as named; a folder's or a glob's files in
// path order), so that reports, and the work shared over several cores, do
// not depend on the file system's order.

import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { InputError } from '../core/types.js';
import { MARKDOWN_NAME } from '../mail/input.js';

export const IGNORE_FILE = '.review-postignore';

/** What a folder gives: Markdown posts, and patch mails (`git format-patch -o`, b4, saved mail). */
const REVIEWABLE = new RegExp(`${MARKDOWN_NAME.source}|\\.(?:patch|eml|mbox)$`, 'i');

export interface Inputs {
  /** What to read, in order, each once: paths as the user wrote them (or under what they named), `-` for stdin. */
  paths: string[];
  /** Inputs the user named that the ignore file leaves out: said in a note, not read. */
  ignored: string[];
  /** The ignore file in force, if any, as a path from the current directory. */
  ignoreFile?: string;
}

export interface ExpandOptions {
  cwd?: string;
  /** `--stdin-filename`: stdin is this file, for the ignore file as for the rest. */
  stdinName?: string;
}

interface IgnoreRules {
  /** From the current directory. */
  file: string;
  dir: string;
  rules: Ignore;
}

/** The nearest `.review-postignore` from `cwd` upwards; its patterns are relative to its folder, as .gitignore's are. */
function ignoreRules(cwd: string): IgnoreRules | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, IGNORE_FILE);
    if (existsSync(file)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new InputError(`${file}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      return { file: relative(cwd, file), dir, rules: ignore().add(text) };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function isIgnored(rules: IgnoreRules | undefined, cwd: string, path: string, directory = false): boolean {
  if (!rules) return false;
  const rel = relative(rules.dir, resolve(cwd, path));
  // Outside the ignore file's folder, or that folder itself: its patterns do not reach.
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  const posix = rel.split(sep).join('/');
  return rules.rules.ignores(directory ? `${posix}/` : posix);
}

/** Byte order, not the locale's: the same list on every machine. */
function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isFile(path: string, entry: Dirent): boolean {
  if (entry.isFile()) return true;
  // A link to a file counts; a link to a folder is not followed (no loops), as git does not.
  return entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

/**
 * Files under `dir` whose path relative to it passes `keep`, in path order.
 * Hidden folders (.git) and node_modules are not entered, nor folders the
 * ignore file leaves out.
 */
function walk(dir: string, keep: (rel: string) => boolean, rules: IgnoreRules | undefined, cwd: string): string[] {
  const found: string[] = [];
  const visit = (folder: string, prefix: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      throw new InputError(`${folder}: cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules' || isIgnored(rules, cwd, path, true)) continue;
        visit(path, rel);
      } else if (isFile(path, entry) && keep(rel) && !isIgnored(rules, cwd, path)) {
        found.push(path);
      }
    }
  };
  visit(dir, '');
  return found.sort(byPath);
}

/** The files under `dir` that `keep` takes, as paths from `shown` (how the user wrote `dir`). */
function filesUnder(dir: string, shown: string, keep: (rel: string) => boolean, rules: IgnoreRules | undefined, cwd: string, nothing: string): string[] {
  const found = walk(dir, keep, rules, cwd).map((path) => join(shown, relative(dir, path)));
  if (found.length > 0) return found;
  const left = rules && walk(dir, keep, undefined, cwd).length > 0;
  throw new InputError(left ? `${nothing}: ${rules.file} leaves out every one` : nothing);
}

/** One name as the user gave it: the paths it stands for. */
function expandOne(name: string, rules: IgnoreRules | undefined, cwd: string): string[] {
  const at = resolve(cwd, name);
  const info = statSync(at, { throwIfNoEntry: false });
  if (info?.isDirectory()) {
    return filesUnder(at, name, (rel) => REVIEWABLE.test(rel), rules, cwd, `${name}: no Markdown post or patch mail in this folder`);
  }
  const scan = picomatch.scan(name);
  // A file whose name looks like a glob is still that file.
  if (info || !scan.isGlob) return [name];
  const base = resolve(cwd, scan.base || '.');
  const nothing = `${name}: no file matches`;
  if (!statSync(base, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(nothing);
  return filesUnder(base, scan.base, picomatch(scan.glob), rules, cwd, nothing);
}

/** The inputs `names` stand for, in a stable order, each once. */
export function expandInputs(names: string[], options: ExpandOptions = {}): Inputs {
  const cwd = options.cwd ?? process.cwd();
  const rules = ignoreRules(cwd);
  const paths: string[] = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '-') {
      if (options.stdinName !== undefined && isIgnored(rules, cwd, options.stdinName)) ignored.push(options.stdinName);
      else if (!seen.has('-')) paths.push('-');
      seen.add('-');
      continue;
    }
    // Named outright, a file is still checked against the ignore file, as
    // ESLint and Prettier do: pre-commit and editors name every file.
    const info = statSync(resolve(cwd, name), { throwIfNoEntry: false });
    const literal = info !== undefined || !picomatch.scan(name).isGlob;
    if (literal && isIgnored(rules, cwd, name, info?.isDirectory())) {
      ignored.push(name);
      continue;
    }
    for (const path of expandOne(name, rules, cwd)) {
      const key = resolve(cwd, path);
      if (seen.has(key)) continue;
      seen.add(key);
      paths.push(path);
    }
  }
  return { paths, ignored, ...(rules ? { ignoreFile: rules.file } : {}) };
}
