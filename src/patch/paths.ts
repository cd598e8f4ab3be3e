// File names as git writes them in a diff: `a/` and `b/` prefixes, C-quoted
// names with unusual bytes, the two names of a `diff --git` line.

export function stripPrefix(name: string): string {
  return name.startsWith('a/') || name.startsWith('b/') ? name.slice(2) : name;
}

/** The name in a `---`/`+++`/`rename` line: C-quoted by git, or cut at a tab (plain diff timestamps). */
export function fileName(text: string): string {
  if (text.startsWith('"')) {
    const q = unquote(text);
    if (q !== undefined) return q.value;
  }
  const tab = text.indexOf('\t');
  return tab < 0 ? text : text.slice(0, tab);
}

export function gitLinePaths(line: string): [string, string] | undefined {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const a = unquote(rest);
    if (a === undefined || !a.rest.startsWith(' ')) return undefined;
    const b = a.rest.slice(1);
    return [a.value, b.startsWith('"') ? (unquote(b)?.value ?? b) : b];
  }
  // Usually both sides name the same file: `a/P b/P`, which settles spaces in P.
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (rest[half] === ' ' && a.slice(2) === b.slice(2)) return [a, b];
  }
  const quoted = rest.indexOf(' "');
  if (quoted >= 0) return [rest.slice(0, quoted), unquote(rest.slice(quoted + 1))?.value ?? rest.slice(quoted + 1)];
  const split = rest.lastIndexOf(' b/');
  if (split >= 0) return [rest.slice(0, split), rest.slice(split + 1)];
  const space = rest.indexOf(' ');
  return space < 0 ? undefined : [rest.slice(0, space), rest.slice(space + 1)];
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-style quoting of names with unusual bytes (octal escapes are UTF-8 bytes). */
export function unquote(text: string): { value: string; rest: string } | undefined {
  const bytes: number[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"') return { value: Buffer.from(bytes).toString('utf8'), rest: text.slice(i + 1) };
    if (c === '\\') {
      const octal = /^[0-3][0-7]{2}/.exec(text.slice(i + 1, i + 4));
      if (octal !== null) {
        bytes.push(parseInt(octal[0], 8));
        i += 4;
        continue;
      }
      const code = ESCAPES[text[i + 1] ?? ''];
      if (code === undefined) return undefined;
      bytes.push(code);
      i += 2;
      continue;
    }
    const point = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(point);
    bytes.push(...Buffer.from(char, 'utf8'));
    i += char.length;
  }
  return undefined;
}
