// SARIF 2.1.0 (OASIS), the log GitHub code scanning and most CI dashboards
// read: one run of review-post, its rules with their documented help, one
// result per finding.

import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { ReviewedInput, Severity } from '../core/types.js';
import { safeJson } from '../core/safe-text.js';
import { fingerprints, locate, replacement, type FormatOptions } from './ci.js';
import type { RuleInfo } from '../rules/info.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions extends FormatOptions {
  /** review-post's version, for `tool.driver.version`. */
  toolVersion?: string;
}

/** A repository-relative path as a relative URI reference (`%`, spaces, `#` ... percent-encoded). */
function uri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function descriptor(rule: RuleInfo): ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.fullDescription },
    help: { text: rule.fullDescription },
    defaultConfiguration: { level: LEVEL[rule.severity] },
  };
}

export function renderSarif(inputs: ReviewedInput[], rules: RuleInfo[], options: SarifOptions = {}): string {
  const located = locate(inputs, options);
  const prints = fingerprints(located);
  const descriptors = rules.map(descriptor);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // A finding of a rule the list does not know still needs its descriptor.
  for (const { finding } of located) {
    if (index.has(finding.rule)) continue;
    index.set(finding.rule, descriptors.length);
    descriptors.push({ id: finding.rule, shortDescription: { text: finding.rule } });
  }
  const results: Result[] = located.map(({ path, post, finding: f }, i) => {
    const artifactLocation = { uri: uri(path), uriBaseId: '%SRCROOT%' };
    const region = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
    const result: Result = {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region } }],
      partialFingerprints: { 'reviewPostFinding/v1': prints[i] ?? '' },
    };
    const text = replacement(post, f);
    if (text !== undefined) {
      result.fixes = [
        {
          description: { text: `Write "${text}" instead.` },
          artifactChanges: [{ artifactLocation, replacements: [{ deletedRegion: region, insertedContent: { text } }] }],
        },
      ];
    }
    return result;
  });
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'review-post', ...(options.toolVersion ? { version: options.toolVersion } : {}), rules: descriptors },
        },
        // Our columns are those of JavaScript strings (unist), SARIF's default unit.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${safeJson(log)}\n`;
}
