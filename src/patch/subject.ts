// A patch mail's subject as the list reads it: `Re:` prefixes, the bracket
// that names the list and the version (`[qemu-web PATCH v2 1/3]`), and the
// title after it. The follow-up tells versions and replies apart by it; the
// fixer writes the next version's subject with it.

export interface SubjectParts {
  /** `Re:` (and `Aw:`, `Sv:` ...) prefixes before it: a reply. */
  reply: boolean;
  /** The version the bracket names, 1 when it names none. */
  version: number;
  /** `n/m` of a series, when the bracket numbers the patch. */
  number?: { n: number; of: number };
  /** The subject without `Re:` and brackets. */
  title: string;
}

const REPLY = /^\s*(?:re|aw|sv|antw|fwd?)\s*(?:\[\d+\])?\s*:\s*/i;
const BRACKET = /^\s*\[([^\]]*)\]/;
const VERSION = /^v(\d{1,4})$/i;
const NUMBER = /^(\d{1,5})\/(\d{1,5})$/;
// A bracket about the patch, as opposed to `[Qemu-devel]` that a list adds.
const PATCH_WORD = /^(?:patch|rfc|resend)$/i;

function isPatchBracket(tokens: string[]): boolean {
  return tokens.some((t) => PATCH_WORD.test(t) || VERSION.test(t) || NUMBER.test(t));
}

export function parseSubject(subject: string): SubjectParts {
  let rest = subject;
  let reply = false;
  for (let m = REPLY.exec(rest); m; m = REPLY.exec(rest)) {
    reply = true;
    rest = rest.slice(m[0].length);
  }
  let version = 1;
  let number: SubjectParts['number'];
  for (let m = BRACKET.exec(rest); m; m = BRACKET.exec(rest)) {
    for (const token of m[1]!.split(/\s+/)) {
      const v = VERSION.exec(token);
      if (v) version = Number(v[1]);
      const n = NUMBER.exec(token);
      if (n) number = { n: Number(n[1]), of: Number(n[2]) };
    }
    rest = rest.slice(m[0].length);
    // A list's own tag may stand between `Re:` and the bracket.
    for (let r = REPLY.exec(rest); r; r = REPLY.exec(rest)) {
      reply = true;
      rest = rest.slice(r[0].length);
    }
  }
  return { reply, version, ...(number ? { number } : {}), title: rest.trim().replace(/\s+/g, ' ') };
}

/**
 * The subject of the next version, as `git format-patch -v` writes it: the
 * patch bracket keeps the list's prefix and gets `vN+1` after `PATCH`
 * (before `n/m`); a subject without one gets `[PATCH v2]`.
 */
export function nextVersionSubject(subject: string): string {
  const head = /^(\s*(?:\[[^\]]*\]\s*)*)/.exec(subject)?.[1] ?? '';
  const brackets = [...head.matchAll(/\[([^\]]*)\]/g)];
  const target = brackets.find((b) => isPatchBracket(b[1]!.split(/\s+/)));
  if (!target) return `[PATCH v2] ${subject.trim()}`;
  const tokens = target[1]!.split(/\s+/).filter(Boolean);
  const at = tokens.findIndex((t) => VERSION.test(t));
  if (at >= 0) {
    tokens[at] = `v${Number(VERSION.exec(tokens[at]!)![1]) + 1}`;
  } else {
    const word = tokens.findIndex((t) => /^patch$/i.test(t));
    const numbered = tokens.findIndex((t) => NUMBER.test(t));
    tokens.splice(word >= 0 ? word + 1 : numbered >= 0 ? numbered : tokens.length, 0, 'v2');
  }
  const start = target.index!;
  return `${subject.slice(0, start)}[${tokens.join(' ')}]${subject.slice(start + target[0].length)}`;
}
