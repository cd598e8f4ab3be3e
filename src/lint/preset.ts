// The rules as a remark preset, for a project already on remark-cli:
//   .remarkrc.json: {"plugins": ["review-post/preset"]}
// It brings the front-matter syntaxes and GFM the rules expect. Settings that
// need the mail (patch, series) are simply absent there, and rules skip them.

import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkLint from 'remark-lint';
import remarkMessageControl from 'remark-message-control';
import type { Preset } from 'unified';
import { RULES } from '../rules/index.js';

const preset: Preset = {
  plugins: [
    [remarkFrontmatter, ['yaml', 'toml']],
    remarkGfm,
    remarkLint,
    ...RULES.map((r) => r.plugin as () => undefined),
    // `<!--review-post disable rule-->` and remark's `<!--lint disable rule-->`
    // both reach our rules, whose messages come from source `review-post`.
    // They filter the messages already made, so they come after the rules.
    [remarkMessageControl, { name: 'review-post', source: 'review-post' }],
    [remarkMessageControl, { name: 'lint', source: 'review-post' }],
  ],
};

export default preset;
