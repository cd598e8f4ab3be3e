// Every file a patch touches, whatever its kind: from the diffs themselves,
// and from the diffstat git format-patch writes after `---` (which also names
// files whose diff was left out of the mail).

import type { PatchFile } from '../core/types.js';
import { spanPaths, type Scan } from './diff-scan.js';
import { unquote } from './paths.js';

interface StatEntry {
  path: string;
  status?: PatchFile['status'];
  oldPath?: string;
  binary?: boolean;
  size?: number;
  /** A ` .../name | 3 +` line: git cut the start of the path. */
  truncated?: boolean;
}

export function listFiles(scans: Scan[], stat: StatEntry[]): PatchFile[] {
  const files: PatchFile[] = [];
  const byPath = new Map<string, PatchFile>();
  for (const scan of scans) {
    for (const span of scan.files) {
      const { oldPath, newPath } = spanPaths(span);
      const path = newPath ?? oldPath;
      if (path === undefined || byPath.has(path)) continue;
      const renamed = span.renameFrom !== undefined && span.renameTo !== undefined && span.renameFrom !== span.renameTo;
      const status: PatchFile['status'] =
        span.isDeleted || newPath === undefined ? 'deleted'
        : span.isNew || (renamed && span.isCopy === true) ? 'added'
        : renamed ? 'renamed'
        : 'modified';
      const file: PatchFile = { path, status, binary: span.isBinary, binaryStub: span.binaryStub === true };
      if (renamed && oldPath !== undefined) file.oldPath = oldPath;
      if (span.binaryHunk?.kind === 'literal') file.size = span.binaryHunk.size;
      files.push(file);
      byPath.set(path, file);
    }
  }
  for (const entry of mergeStat(stat)) {
    const known = byPath.get(entry.path);
    if (known !== undefined) {
      // A stub has no size of its own; the diffstat's `Bin 0 -> N bytes` does.
      if (known.size === undefined && entry.size !== undefined && known.binary) known.size = entry.size;
      continue;
    }
    if (entry.truncated) continue;
    const file: PatchFile = {
      path: entry.path,
      status: entry.status ?? 'modified',
      binary: entry.binary === true,
      binaryStub: false,
      diffstatOnly: true,
    };
    if (entry.oldPath !== undefined) file.oldPath = entry.oldPath;
    if (entry.size !== undefined) file.size = entry.size;
    files.push(file);
    byPath.set(file.path, file);
  }
  return files;
}

/** One entry per path: the summary lines (full paths, status) joined with the stat lines (binary, size). */
function mergeStat(stat: StatEntry[]): StatEntry[] {
  const merged: StatEntry[] = [];
  const byPath = new Map<string, StatEntry>();
  // Only a cut path (` .../name`) needs a scan; git cuts few.
  const find = (entry: StatEntry): StatEntry | undefined =>
    entry.truncated ? merged.find((m) => m.path.endsWith(entry.path)) : byPath.get(entry.path);
  // Summary lines (create/delete/rename) first: they carry whole paths.
  const ordered = [...stat.filter((e) => e.status !== undefined), ...stat.filter((e) => e.status === undefined)];
  for (const entry of ordered) {
    const same = find(entry);
    if (same === undefined) {
      const copy = { ...entry };
      merged.push(copy);
      if (!copy.truncated) byPath.set(copy.path, copy);
      continue;
    }
    if (entry.binary) same.binary = true;
    if (entry.size !== undefined) same.size = entry.size;
  }
  return merged;
}

const STAT_SUMMARY = /^ (create|delete) mode \d{6} (.+)$/;
const STAT_RENAME = /^ (rename|copy) (.+) \(\d{1,3}%\)$/;
const STAT_BIN = /^Bin (\d{1,12}) -> (\d{1,12}) bytes$/;

/** The diffstat git format-patch writes after `---`: ` path | 3 +`, ` create mode 100644 path`. */
export function readDiffstat(lines: string[], from: number, to: number): StatEntry[] {
  let i = from;
  while (i < to && (lines[i] ?? '').trimEnd() !== '---') i++;
  const entries: StatEntry[] = [];
  for (i++; i < to; i++) {
    const line = lines[i] ?? '';
    if (!line.startsWith(' ')) continue;
    const summary = STAT_SUMMARY.exec(line);
    if (summary !== null) {
      entries.push({ path: statPath(summary[2] ?? ''), status: summary[1] === 'create' ? 'added' : 'deleted' });
      continue;
    }
    const rename = STAT_RENAME.exec(line);
    if (rename !== null) {
      const paths = renamePaths(rename[2] ?? '');
      if (paths !== undefined) {
        entries.push({ path: paths.to, oldPath: paths.from, status: rename[1] === 'copy' ? 'added' : 'renamed' });
      }
      continue;
    }
    const bar = line.lastIndexOf('|');
    if (bar < 0) continue;
    const name = line.slice(1, bar).trim();
    const what = line.slice(bar + 1).trim();
    const bin = STAT_BIN.exec(what);
    if (name === '' || (bin === null && !/^\d{1,12}(?: [-+]*)?$/.test(what))) continue;
    const paths = name.includes(' => ') ? renamePaths(name) : undefined;
    const path = paths?.to ?? statPath(name);
    const entry: StatEntry = path.startsWith('.../') ? { path: path.slice(3), truncated: true } : { path };
    if (bin !== null) {
      entry.binary = true;
      entry.size = Number(bin[2]);
    }
    entries.push(entry);
  }
  return entries;
}

function statPath(text: string): string {
  const name = text.trim();
  return name.startsWith('"') ? (unquote(name)?.value ?? name) : name;
}

/** `a => b` or `dir/{old => new}/file`, as git's diffstat writes a rename. */
function renamePaths(text: string): { from: string; to: string } | undefined {
  const open = text.indexOf('{');
  const close = text.indexOf('}', open + 1);
  if (open >= 0 && close > open) {
    const inner = text.slice(open + 1, close);
    const arrow = inner.indexOf(' => ');
    if (arrow < 0) return undefined;
    const join = (middle: string): string => `${text.slice(0, open)}${middle}${text.slice(close + 1)}`.replace(/\/\/+/g, '/');
    return { from: join(inner.slice(0, arrow)), to: join(inner.slice(arrow + 4)) };
  }
  const arrow = text.indexOf(' => ');
  if (arrow < 0) return undefined;
  return { from: statPath(text.slice(0, arrow)), to: statPath(text.slice(arrow + 4)) };
}
