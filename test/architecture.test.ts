// The tree reads as the pipeline: each stage folder of src/ imports only the
// stages below it, no module imports itself back through others, rules see
// only their kit, and no folder grows past about a dozen modules.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const src = join(root, 'src');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return /\.c?ts$/.test(entry.name) ? [path] : [];
  });
}

/** The project modules a module imports: relative specifiers, `.js`/`.cjs` read as their sources. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    found.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts')));
  }
  return found;
}

const files = modules(src);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const name = (f: string): string => relative(src, f);

/** The stage a module belongs to, and how high it sits: imports point to lower stages only. */
const STAGES: [RegExp, string, number][] = [
  [/^core\//, 'core', 0],
  [/^rules\/kit\//, 'rules/kit', 1],
  [/^rules\//, 'rules', 2],
  // The site model reads the posts with the kit's front matter; config finds the site with it.
  [/^site\//, 'site', 3],
  [/^config\//, 'config', 4],
  [/^mail\//, 'mail', 4],
  [/^patch\//, 'patch', 4],
  [/^lint\//, 'lint', 5],
  [/^quote\.ts$/, 'quote', 5],
  [/^pipeline\.ts$/, 'pipeline', 6],
  [/^render\//, 'render', 6],
  [/^follow-up\//, 'follow-up', 7],
  [/^fix\//, 'fix', 7],
  [/^cli\//, 'cli', 8],
  [/^(?:bin\.cts|cli\.ts)$/, 'entry', 9],
];

function stageOf(file: string): { stage: string; rank: number } {
  const found = STAGES.find(([pattern]) => pattern.test(name(file)));
  if (!found) throw new Error(`${name(file)} is in no stage`);
  return { stage: found[1], rank: found[2] };
}

describe('the module tree', () => {
  it('resolves every relative import to a module of src/', () => {
    const missing = [...graph].flatMap(([f, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${name(f)} -> ${relative(root, d)}`));
    expect(missing).toEqual([]);
  });

  it('has no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...path.slice(path.indexOf(f)), f].map(name).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });

  it('imports only down the pipeline, or within a stage', () => {
    const upward = [...graph].flatMap(([f, deps]) => {
      const from = stageOf(f);
      return deps.filter((d) => graph.has(d)).flatMap((d) => {
        const to = stageOf(d);
        return to.stage === from.stage || to.rank < from.rank ? [] : [`${name(f)} (${from.stage}) -> ${name(d)} (${to.stage})`];
      });
    });
    expect(upward).toEqual([]);
  });

  it('lets a rule see only its kit and the core, never another rule, the config, the linter or the CLI', () => {
    const rules = files.filter((f) => /^rules\/(?!kit\/)[^/]+\//.test(name(f)));
    expect(rules.length).toBeGreaterThan(10);
    const wrong = rules.flatMap((f) => (graph.get(f) ?? []).filter((d) => !/^(?:rules\/kit|core)\//.test(name(d))).map((d) => `${name(f)} -> ${name(d)}`));
    expect(wrong).toEqual([]);
  });

  it('keeps every folder to about a dozen modules', () => {
    const counts = new Map<string, number>();
    for (const f of files) counts.set(dirname(name(f)), (counts.get(dirname(name(f))) ?? 0) + 1);
    const crowded = [...counts].filter(([, n]) => n > 13).map(([dir, n]) => `${dir}: ${n}`);
    expect(crowded).toEqual([]);
  });
});
