// Line-level helpers of patch reading: a text as lines, the mail signature,
// short quotes and path lists for messages.

export function toLines(text: string): string[] {
  // parse-diff keeps `\r` on every line and then misses `new file mode` and
  // `\ No newline` (its patterns end in `$`), so fold CRLF before anything.
  const lines = text.replace(/\r\n/g, '\n').replace(/\r$/, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function isSignature(line: string): boolean {
  // Some mailers strip the trailing space of `-- `.
  return line === '-- ' || line === '--';
}

export function listPaths(paths: string[]): string {
  const shown = 4;
  if (paths.length <= shown + 1) return paths.join(', ');
  return `${paths.slice(0, shown).join(', ')} and ${paths.length - shown} more`;
}

export function quote(line: string): string {
  const max = 60;
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
