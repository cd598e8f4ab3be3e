// Linting whole posts: front matter stays out of the prose rules, and the
// seed post gets what its reviewer asked for.

import { describe, expect, it } from 'vitest';
import { capFindings } from '../../src/core/limits.js';
import { lintMarkdown, lintPost } from '../../src/lint/processor.js';
import { seedPost } from '../helpers.js';

const SEED_RULES = ['no-rhetorical-question', 'link-first-mention', 'prefer-reference-links', 'usage-pointer'];
const QUESTIONS_IN_MATTER = ['What is it? It is a unikernel.', 'How is it used? Upon request.'];

describe('front matter', () => {
  it('keeps YAML front matter out of the prose rules', async () => {
    const post = `---\ntitle: "${QUESTIONS_IN_MATTER[0]}"\ndescription: "${QUESTIONS_IN_MATTER[1]}"\n---\n\nA plain paragraph.\n`;
    expect(await lintMarkdown(post, 'a.md')).toEqual([]);
  });

  it('keeps TOML front matter (Zola, the Rust blog) out of the prose rules', async () => {
    const post = `+++\ntitle = "${QUESTIONS_IN_MATTER[0]}"\ndescription = "${QUESTIONS_IN_MATTER[1]}"\n+++\n\nA plain paragraph.\n`;
    expect(await lintMarkdown(post, 'a.md')).toEqual([]);
  });

  it('would flag the same text in the body, so the tests above can fail', async () => {
    const post = `+++\ntitle = "x"\n+++\n\n${QUESTIONS_IN_MATTER[0]}\n`;
    expect((await lintMarkdown(post, 'a.md')).map((f) => f.rule)).toEqual(['no-rhetorical-question']);
  });

  it('reads the title from TOML front matter for usage-pointer', async () => {
    const post = '+++\ntitle = "Using virtio-fs on a unikernel"\n+++\n\nIt shares files.\n\n## End\n\nThat is all.\n';
    const [finding] = await lintMarkdown(post, 'a.md');
    expect(finding?.rule).toBe('usage-pointer');
    expect(finding?.message).toContain('a short example of using virtio-fs on a unikernel');
  });
});

describe('the seed post', () => {
  it('v1 gets the four comments of the seed review, at the right lines', async () => {
    const all = await lintMarkdown(seedPost('osv-virtio-fs-v1.mbox'), '_posts/2020-11-04-osv-virtio-fs.md');
    const found = all.filter((f) => SEED_RULES.includes(f.rule));
    expect(found.map((f) => `${f.rule}@${f.line}-${f.endLine}`)).toEqual([
      'link-first-mention@9-11',
      'no-rhetorical-question@34-34',
      'no-rhetorical-question@35-35',
      'usage-pointer@119-123',
    ]);
    expect(found[0]!.message).toMatch(/^I'd add the links to virtio-fs and OSv in this paragraph already/);
    expect(found[0]!.suggestion).toBe('[virtio-fs](https://virtio-fs.gitlab.io/)');
    expect(found[1]!.message).toBe('I\'d rather say "This is a shared memory window ..." and drop the "What is that?" question.');
    expect(found[2]!.message).toBe('I\'d rather drop the "How is it used?" question.');
  });

  it('v2, revised after the review, gets none of them', async () => {
    const found = await lintMarkdown(seedPost('osv-virtio-fs-v2.mbox'), '_posts/2020-11-04-osv-virtio-fs.md');
    expect(found.filter((f) => SEED_RULES.includes(f.rule))).toEqual([]);
  });
});

describe('rules build only the findings the review keeps (issue 15)', () => {
  // Doubled words everywhere, vague links reported after the walk (out of place order, one comment per link text), a lint comment in one variant.
  const paragraphs = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} has the the word twice, and [here](/p/${i}) too.`);
  const post = `---\ntitle: Doubled\n---\n\n${paragraphs.join('\n\n')}\n`;
  const lines = post.split('\n').length;

  it.each([
    ['every line added', undefined],
    ['the second half added', new Set(Array.from({ length: lines }, (_, i) => i + 1).filter((l) => l > lines / 2))],
  ])('the same capped review as building them all: %s', async (_name, addedLines) => {
    const kept = (f: { line: number }): boolean => addedLines === undefined || addedLines.has(f.line);
    const all = capFindings((await lintMarkdown(post, 'a.md')).filter(kept));
    const budgeted = await lintPost(post, 'a.md', undefined, {}, { most: 50, ...(addedLines ? { addedLines } : {}) });
    expect(budgeted.findings.length).toBeLessThan(300);
    expect([...budgeted.elided.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(capFindings(budgeted.findings.filter(kept), 50, budgeted.elided)).toEqual(all);
    expect(all.some((f) => /I stopped here: the same comes [\d,]+ more times below/.test(f.message))).toBe(true);
  });

  it('builds them all when a lint comment may silence some', async () => {
    const silenced = post.replace('Paragraph 3 ', '<!-- review-post disable doubled-words -->\n\nParagraph 3 ');
    const budgeted = await lintPost(silenced, 'a.md', undefined, {}, { most: 50 });
    expect(budgeted.elided.size).toBe(0);
    expect(capFindings(budgeted.findings)).toEqual(capFindings(await lintMarkdown(silenced, 'a.md')));
  });
});
