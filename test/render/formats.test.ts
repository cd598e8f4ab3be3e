// The CI formats (issue 5) on the seed patches through the real pipeline,
// and on hand-made findings for what the seed does not show: escaping,
// GitHub's 10-per-level cap, pass/warn/fail, hostile text.

import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { readSource } from '../../src/mail/input.js';
import { reviewSource } from '../../src/pipeline.js';
import { renderB4Check, type B4CheckResult } from '../../src/render/b4-check.js';
import { renderCodeQuality, type CodeQualityIssue } from '../../src/render/codequality.js';
import { ANNOTATIONS_PER_LEVEL, renderGithub } from '../../src/render/github.js';
import { renderJson } from '../../src/render/json.js';
import { renderRdjsonl } from '../../src/render/rdjsonl.js';
import { describeRule, ruleInfos } from '../../src/rules/info.js';
import { renderSarif } from '../../src/render/sarif.js';
import { renderTerse } from '../../src/render/terse.js';
import type { Finding, ReviewedInput, Severity } from '../../src/core/types.js';
import { fixture, root } from '../helpers.js';

const POST = '_posts/2020-11-04-osv-virtio-fs.md';
const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const GITLAB_SEVERITY = { error: 'major', warning: 'minor', info: 'info' } as const;
const RANK = { info: 1, warning: 2, error: 3, none: Infinity } as const;

/** Raw controls a printed report must not carry: C0 but newline, DEL, C1, bidi. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const review = async (name: string): Promise<ReviewedInput> => reviewSource(await readSource(fixture(name)));

/** The findings count of the JSON report: the reference the CI formats must agree with. */
function jsonCount(inputs: ReviewedInput[]): number {
  return (JSON.parse(renderJson(inputs)) as { summary: { findings: number } }).summary.findings;
}

function withoutFindings(input: ReviewedInput): ReviewedInput {
  return { ...input, patches: input.patches.map((p) => ({ ...p, posts: p.posts.map((x) => ({ ...x, findings: [] })) })) };
}

let v1: ReviewedInput;
let v2: ReviewedInput;

/** A post of the seed patch with other content and findings, for cases the seed does not show. */
function handInput(findings: Finding[], content = 'Some text.\n', path = 'dir/post.md'): ReviewedInput {
  const base = v1.patches[0]!;
  const post = { ...base.posts[0]!.post, path, content, addedLines: new Set(content.split('\n').map((_, i) => i + 1)) };
  return { source: 'hand.mbox', skipped: [], patches: [{ patch: { ...base.patch, skipped: [] }, posts: [{ post, findings }] }] };
}

function finding(severity: Severity, message = `a ${severity}`, more: Partial<Finding> = {}): Finding {
  return { rule: 'some-rule', severity, line: 1, column: 1, endLine: 1, endColumn: 5, message, ...more };
}

beforeAll(async () => {
  v1 = await review('osv-virtio-fs-v1.mbox');
  v2 = await review('osv-virtio-fs-v2.mbox');
});

describe('rule info', () => {
  it('has one entry per registered rule, with a sentence of help and the full text', () => {
    const infos = ruleInfos();
    expect(infos.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const info of infos) {
      expect(info.severity).toBe(RULES.find((r) => r.meta.id === info.id)!.meta.severity);
      expect(info.shortDescription).toMatch(/^\S.{10,}[.!?]$/);
      expect(info.shortDescription).not.toContain('\n');
      expect(info.shortDescription).not.toContain('review-post:');
      expect(info.fullDescription.startsWith(info.shortDescription)).toBe(true);
      expect(info.fullDescription.length).toBeGreaterThan(info.shortDescription.length);
    }
  });

  it('ends the first sentence outside parentheses and quotes', () => {
    const info = describeRule('x', 'warning', 'review-post:x\n\nFlags a question ("What is that?\nIt is ...") in prose. More\ntext.\n\nSecond paragraph.');
    expect(info.shortDescription).toBe('Flags a question ("What is that? It is ...") in prose.');
    expect(info.fullDescription).toBe('Flags a question ("What is that? It is ...") in prose. More text.\n\nSecond paragraph.');
  });

  it('finds each rule\'s doc comment in its own module', () => {
    for (const rule of RULES) expect(fileURLToPath(rule.meta.docs)).toMatch(new RegExp(`/src/rules/[a-z]+/${rule.meta.id}\\.ts$`));
  });

  it.skipIf(!existsSync(join(root, 'dist', 'src', 'rules', 'info.js')))('reads the doc comments from dist/ when built', () => {
    const script = `import('./dist/src/rules/info.js').then((m) => console.log(JSON.stringify(m.ruleInfos())))`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(ruleInfos());
  });
});

/**
 * The official schema (vendored, see test/schemas/README.md): draft-04, with
 * the `uri`, `uri-reference` and `date-time` formats checked.
 */
const validateSarif = (() => {
  const schema = JSON.parse(readFileSync(join(root, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv04.default({ allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
})();

function valid(text: string): Log {
  const log = JSON.parse(text) as Log;
  const ok = validateSarif(log);
  expect(ok ? [] : validateSarif.errors).toEqual([]);
  return log;
}

describe('sarif', () => {
  it('is checked by a validator that rejects what the schema forbids', () => {
    const log = JSON.parse(renderSarif([v1], ruleInfos())) as Log;
    expect(validateSarif(log)).toBe(true);
    const badLevel = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    badLevel.runs[0]!.results[0]!.level = 'warn';
    expect(validateSarif(badLevel)).toBe(false);
    const badUri = structuredClone(log);
    badUri.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri = 'a b\\c';
    expect(validateSarif(badUri)).toBe(false);
  });

  it('is valid against the official SARIF 2.1.0 schema, with findings and without', () => {
    valid(renderSarif([v1], ruleInfos()));
    valid(renderSarif([v2], ruleInfos()));
    valid(renderSarif([], ruleInfos(), { toolVersion: '0.1.0' }));
  });

  it('describes every rule and points each result at its rule', () => {
    const log = valid(renderSarif([v1], ruleInfos()));
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const rule of rules) {
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.help?.text).toBeTruthy();
      expect(rule.defaultConfiguration?.level).toBe(SARIF_LEVEL[RULES.find((r) => r.meta.id === rule.id)!.meta.severity]);
    }
    const results = run.results!;
    expect(results).toHaveLength(jsonCount([v1]));
    const found = v1.patches[0]!.posts[0]!.findings;
    results.forEach((result, i) => {
      const f = found[i]!;
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
      expect(result.ruleId).toBe(f.rule);
      expect(result.level).toBe(SARIF_LEVEL[f.severity]);
      expect(result.message.text).toBe(f.message);
      const location = result.locations![0]!.physicalLocation!;
      expect(location.artifactLocation!.uri).toBe(POST);
      expect(location.region).toEqual({ startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    });
  });

  it('gives stable fingerprints, one per finding', async () => {
    const prints = (input: ReviewedInput): string[] =>
      (JSON.parse(renderSarif([input], ruleInfos())) as Log).runs[0]!.results!.map((r) => r.partialFingerprints!['reviewPostFinding/v1']!);
    const first = prints(v1);
    expect(prints(await review('osv-virtio-fs-v1.mbox'))).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it('still describes a rule the list does not know', () => {
    const log = valid(renderSarif([handInput([finding('error')])], []));
    expect(log.runs[0]!.tool.driver.rules!.map((r) => r.id)).toEqual(['some-rule']);
    expect(log.runs[0]!.results![0]!.ruleIndex).toBe(0);
  });
});

describe('gitlab code quality', () => {
  const issues = (inputs: ReviewedInput[], rootDir?: string): CodeQualityIssue[] =>
    JSON.parse(renderCodeQuality(inputs, rootDir ? { root: rootDir } : {})) as CodeQualityIssue[];

  it('lists one issue per finding with the fields GitLab reads', () => {
    const list = issues([v1]);
    expect(list).toHaveLength(jsonCount([v1]));
    const found = v1.patches[0]!.posts[0]!.findings;
    list.forEach((issue, i) => {
      expect(issue.description).toBe(found[i]!.message);
      expect(issue.check_name).toBe(found[i]!.rule);
      expect(issue.severity).toBe(GITLAB_SEVERITY[found[i]!.severity]);
      expect(issue.location.path).toBe(POST);
      expect(issue.location.lines.begin).toBe(found[i]!.line);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(issues([v2])).toHaveLength(jsonCount([v2]));
  });

  it('maps severities to GitLab words', () => {
    const list = issues([handInput([finding('error'), finding('warning'), finding('info')])]);
    expect(list.map((i) => i.severity)).toEqual(['major', 'minor', 'info']);
  });

  it('keeps fingerprints across runs and unique, even for identical findings', async () => {
    const again = issues([await review('osv-virtio-fs-v1.mbox')]);
    expect(again.map((i) => i.fingerprint)).toEqual(issues([v1]).map((i) => i.fingerprint));
    const twice = issues([handInput([finding('warning'), finding('warning')]), handInput([finding('warning')])]);
    expect(new Set(twice.map((i) => i.fingerprint)).size).toBe(3);
  });

  it('keeps fingerprints when lines above the findings move them', async () => {
    const content = v1.patches[0]!.posts[0]!.post.content;
    // Blank lines after the front matter change no finding, only line numbers.
    const shifted = content.replace(/^(---\n[\s\S]*?\n---\n)/, '$1\n\n');
    expect(shifted).not.toBe(content);
    const name = join(root, 'fixtures', 'formats-post.md');
    const before = issues([await reviewSource({ name, data: Buffer.from(content) })], root);
    const after = issues([await reviewSource({ name, data: Buffer.from(shifted) })], root);
    expect(before.length).toBeGreaterThan(0);
    // Findings in the front matter stay where they are; the others move down two lines.
    const end = content.indexOf('\n---\n', 4);
    const matterLines = content.slice(0, end).split('\n').length + 1;
    expect(after.map((i) => i.location.lines.begin)).toEqual(
      before.map((i) => i.location.lines.begin + (i.location.lines.begin > matterLines ? 2 : 0)),
    );
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    // An absolute path typed by the user is made relative to the root.
    expect(before[0]!.location.path).toBe('fixtures/formats-post.md');
  });
});

describe('github workflow commands', () => {
  it('annotates each finding of the seed with file, lines, columns and rule', () => {
    const lines = renderGithub([v1]).trimEnd().split('\n');
    expect(lines).toHaveLength(jsonCount([v1]));
    // The most severe first, in report order within a level.
    const found = (['error', 'warning', 'info'] as const).flatMap((s) => v1.patches[0]!.posts[0]!.findings.filter((f) => f.severity === s));
    const command = { error: 'error', warning: 'warning', info: 'notice' } as const;
    lines.forEach((line, i) => {
      const f = found[i]!;
      const columns = f.line === f.endLine ? `,col=${f.column},endColumn=${f.endColumn}` : '';
      const props = `file=${POST},line=${f.line},endLine=${f.endLine}${columns},title=${f.rule}`;
      expect(line.startsWith(`::${command[f.severity]} ${props}::`)).toBe(true);
    });
    expect(renderGithub([withoutFindings(v1)])).toBe('');
  });

  it("escapes the message and the properties the way GitHub's runner reads them", () => {
    const message = 'Use 100% of it,\r\nplease: now';
    const out = renderGithub([handInput([finding('error', message, { rule: 'odd:rule,id' })], 'x\n', 'dir/a,b:c%.md')]);
    expect(out).toBe(
      '::error file=dir/a%2Cb%3Ac%25.md,line=1,endLine=1,col=1,endColumn=5,title=odd%3Arule%2Cid::Use 100%25 of it,%0D%0Aplease: now\n',
    );
  });

  it('shows at most 10 annotations per level, the most severe first, and counts the rest', () => {
    const mixed = [
      ...Array.from({ length: 13 }, (_, i) => finding('warning', `warning ${i}`)),
      ...Array.from({ length: 3 }, (_, i) => finding('info', `info ${i}`)),
      ...Array.from({ length: 12 }, (_, i) => finding('error', `error ${i}`)),
    ];
    const lines = renderGithub([handInput(mixed)]).trimEnd().split('\n');
    const kinds = lines.map((l) => /^::(\w+) /.exec(l)?.[1] ?? 'plain');
    expect(kinds).toEqual([
      ...Array<string>(ANNOTATIONS_PER_LEVEL).fill('error'),
      ...Array<string>(ANNOTATIONS_PER_LEVEL).fill('warning'),
      ...Array<string>(3).fill('notice'),
      'plain',
    ]);
    expect(lines[0]).toMatch(/::error 0$/);
    expect(lines.at(-1)).toBe(
      'review-post: 2 more errors and 3 more warnings not shown as annotations (see the full report with --format text)',
    );
  });
});

describe('reviewdog rdjsonl', () => {
  interface Diagnostic {
    message: string;
    location: { path: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } };
    severity: string;
    source: { name: string };
    code: { value: string };
    suggestions?: { range: unknown; text: string }[];
  }
  const parse = (text: string): Diagnostic[] =>
    text === '' ? [] : text.trimEnd().split('\n').map((l) => JSON.parse(l) as Diagnostic);

  it('prints one diagnostic per line for the seed', () => {
    const list = parse(renderRdjsonl([v1]));
    expect(list).toHaveLength(jsonCount([v1]));
    const found = v1.patches[0]!.posts[0]!.findings;
    list.forEach((d, i) => {
      expect(d).toMatchObject({
        message: found[i]!.message,
        location: { path: POST, range: { start: { line: found[i]!.line }, end: { line: found[i]!.endLine } } },
        severity: found[i]!.severity.toUpperCase(),
        source: { name: 'review-post' },
        code: { value: found[i]!.rule },
      });
      // These rules' suggestions rewrite more than the flagged range: no replacement.
      if (['no-rhetorical-question', 'link-first-mention'].includes(found[i]!.rule)) expect(d.suggestions).toBeUndefined();
    });
    expect(parse(renderRdjsonl([v2]))).toHaveLength(jsonCount([v2]));
  });

  it('counts columns in UTF-8 bytes and suggests a replacement for one flagged word', () => {
    // "Ça va, were here." : "were" is UTF-16 columns 8-12, bytes 9-13.
    const typo = finding('info', 'Typo', { line: 1, column: 8, endLine: 1, endColumn: 12, suggestion: 'we are' });
    const [d] = parse(renderRdjsonl([handInput([typo], 'Ça va, were here.\n')]));
    expect(d!.severity).toBe('INFO');
    expect(d!.location.range).toEqual({ start: { line: 1, column: 9 }, end: { line: 1, column: 13 } });
    expect(d!.suggestions).toEqual([{ range: d!.location.range, text: 'we are' }]);
  });
});

describe('terse', () => {
  it('prints path:line: LEVEL:rule: message, one line per finding', () => {
    const lines = renderTerse([v1]).trimEnd().split('\n');
    expect(lines).toHaveLength(jsonCount([v1]));
    const found = v1.patches[0]!.posts[0]!.findings;
    lines.forEach((line, i) => {
      const f = found[i]!;
      expect(line).toBe(`${POST}:${f.line}: ${f.severity.toUpperCase()}:${f.rule}: ${f.message}`);
    });
    const levels = renderTerse([handInput([finding('error'), finding('info')])]);
    expect(levels).toBe('dir/post.md:1: ERROR:some-rule: a error\ndir/post.md:1: INFO:some-rule: a info\n');
  });

  it('prints nothing at all when there is no finding', () => {
    expect(renderTerse([withoutFindings(v1)])).toBe('');
    expect(renderTerse([v2]).split('\n').filter(Boolean)).toHaveLength(jsonCount([v2]));
  });
});

describe('b4 check', () => {
  const results = (inputs: ReviewedInput[], level: Parameters<typeof renderB4Check>[1]): B4CheckResult[] =>
    JSON.parse(renderB4Check(inputs, level)) as B4CheckResult[];

  it('passes a post without findings', () => {
    expect(results([withoutFindings(v1)], 'warning')).toEqual([{ tool: 'review-post', status: 'pass', summary: 'no comments on 1 post' }]);
  });

  it('fails at or above the fail level and warns below it', () => {
    const found = v1.patches[0]!.posts[0]!.findings;
    expect(found.length).toBeGreaterThan(0);
    const worst = Math.max(...found.map((f) => RANK[f.severity]));
    for (const level of ['error', 'warning', 'info', 'none'] as const) {
      const [result] = results([v1], level);
      expect(result).toMatchObject({ tool: 'review-post', status: worst >= RANK[level] ? 'fail' : 'warn' });
      expect(result!.summary).toMatch(/^\d+ (errors?|warnings?|info)(, \d+ (errors?|warnings?|info))* on 1 post$/);
      expect(result!.details!.split('\n')).toEqual(renderTerse([v1]).trimEnd().split('\n'));
    }
    const mixed = results([handInput([finding('error'), finding('info'), finding('info')])], 'error')[0]!;
    expect(mixed).toMatchObject({ status: 'fail', summary: '1 error, 2 info on 1 post' });
  });

  it('reports nothing for a patch without posts, and fails a damaged one', () => {
    const none: ReviewedInput = { ...v1, patches: v1.patches.map((p) => ({ ...p, posts: [] })) };
    expect(renderB4Check([none], 'warning')).toBe('[]\n');
    const damaged: ReviewedInput = {
      ...none,
      patches: none.patches.map((p) => ({ ...p, patch: { ...p.patch, skipped: [{ reason: 're-flowed (format=flowed)', damaged: true }] } })),
    };
    expect(results([damaged], 'none')).toEqual([
      {
        tool: 'review-post',
        status: 'fail',
        summary: '1 patch not reviewed; no comments on 0 posts',
        details: 'not reviewed: re-flowed (format=flowed)',
      },
    ]);
  });
});

describe('hostile text', () => {
  // Terminal escapes (CSI colour, OSC title with BEL and ST), C1 CSI, bidi
  // override, carriage return and NUL, in every field that reaches a report.
  const evil = 'red\u001b[31m!\u001b]0;owned\u0007 \u001b]8;;http://x\u001b\\link\u009b2J \u202Eevil\u202C\r\nnext\u0000 100%: a,b\ttab';
  const input = (): ReviewedInput =>
    handInput(
      [
        finding('error', evil, { rule: `rule${evil}`, suggestion: evil }),
        finding('warning', evil, { line: 2, column: 1, endLine: 2, endColumn: 4, suggestion: `x${evil}` }),
        finding('info', evil, { line: 1, endLine: 2 }),
      ],
      `${evil}\nword\n`,
      `dir/${evil}.md`,
    );

  const FORMATS = ['sarif', 'codequality', 'github', 'rdjsonl', 'terse', 'b4'] as const;
  const outputs = (): Record<(typeof FORMATS)[number], string> => {
    const inputs = [input()];
    return {
      sarif: renderSarif(inputs, ruleInfos()),
      codequality: renderCodeQuality(inputs),
      github: renderGithub(inputs),
      rdjsonl: renderRdjsonl(inputs),
      terse: renderTerse(inputs),
      b4: renderB4Check(inputs, 'warning'),
    };
  };

  it.each(FORMATS)('leaves no raw control character in %s', (format) => {
    const text = outputs()[format];
    expect(text.length).toBeGreaterThan(0);
    expect(text.match(RAW_CONTROL)).toBeNull();
  });

  it('keeps one line per finding in the line formats', () => {
    expect(outputs().terse.trimEnd().split('\n')).toHaveLength(3);
    expect(outputs().github.trimEnd().split('\n')).toHaveLength(3);
    expect(outputs().rdjsonl.trimEnd().split('\n')).toHaveLength(3);
  });

  it('leaves no raw control character in what b4 shows once it decodes the JSON', () => {
    const [result] = JSON.parse(outputs().b4) as B4CheckResult[];
    expect(`${result!.summary}${result!.details}`.match(RAW_CONTROL)).toBeNull();
  });

  it('keeps a valid SARIF log', () => {
    valid(outputs().sarif);
  });
});
