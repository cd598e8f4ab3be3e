// False-alarm check: lint every published post in ../shared/corpus and count
// findings per rule. Published posts were reviewed by people, so most
// findings here are false alarms; `--show` prints them to be read and judged.
//
//   npm run corpus                 counts per rule
//   npm run corpus -- --show       every finding with its line of text
//   npm run corpus -- --show link-first-mention

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { lintMarkdown } from '../src/lint/processor.js';
import { RULES } from '../src/rules/index.js';

const corpus = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return /\.(md|markdown)$/.test(name) && !/^LICENSE/.test(name) ? [path] : [];
  });
}

if (!existsSync(corpus)) {
  process.stderr.write(`corpus: ${corpus} is not there: the false-alarm check needs ../shared/corpus beside the repository\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const show = args.includes('--show');
const only = args.filter((a) => !a.startsWith('--'));
const files = markdownFiles(corpus);
const perRule = new Map<string, { findings: number; posts: number }>(RULES.map((r) => [r.meta.id, { findings: 0, posts: 0 }]));

for (const path of files) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const findings = await lintMarkdown(text, path);
  const rulesHere = new Set<string>();
  for (const f of findings) {
    const count = perRule.get(f.rule)!;
    count.findings++;
    rulesHere.add(f.rule);
    if (show && (only.length === 0 || only.includes(f.rule))) {
      console.log(`${relative(corpus, path)}:${f.line}: ${f.rule}: ${f.message}\n    | ${lines[f.line - 1]}`);
    }
  }
  for (const rule of rulesHere) perRule.get(rule)!.posts++;
}

console.log(`\n${files.length} posts in ${corpus}`);
for (const [rule, { findings, posts }] of perRule) {
  const share = ((100 * posts) / files.length).toFixed(1);
  console.log(`${rule.padEnd(26)} ${String(findings).padStart(4)} findings in ${String(posts).padStart(3)} posts (${share}%)`);
}
