// The machine-readable report. Other tools parse it: fields may be added,
// none changed (see README, "JSON output").

import { safeJson } from '../core/safe-text.js';
import type { ReviewedInput } from '../core/types.js';

export function renderJson(inputs: ReviewedInput[]): string {
  let patches = 0;
  let posts = 0;
  let findings = 0;
  const report = {
    version: 1,
    inputs: inputs.map((input) => ({
      source: input.source,
      patches: input.patches.map(({ patch, posts: reviewed }) => {
        patches++;
        posts += reviewed.length;
        findings += reviewed.reduce((n, p) => n + p.findings.length, 0);
        return {
          subject: patch.subject,
          from: patch.fromAddress ? `${patch.fromName} <${patch.fromAddress}>` : patch.fromName,
          date: patch.date,
          messageId: patch.messageId,
          posts: reviewed.map(({ post, findings: found }) => ({ path: post.path, status: post.status, findings: found })),
          skipped: patch.skipped,
        };
      }),
      skipped: input.skipped,
      // An archive's plain messages are counted, not listed one by one.
      ...(input.unlistedSkips ? { unlistedSkips: input.unlistedSkips } : {}),
    })),
    summary: { patches, posts, findings },
  };
  return `${safeJson(report)}\n`;
}
