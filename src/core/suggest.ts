// "Did you mean ...?" for a name that is not one: a rule id, a config key.
// commander does it for option names; ids and keys deserve the same.

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate `name` was most likely meant to be: one or two edits away (and
 * not mostly different), or else the only one holding it as a whole part
 * (`acronym` for `undefined-acronym`). Undefined when none is close.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const word = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word, candidate.toLowerCase());
    if (d < bestDistance && d <= 2 && (candidate.length - d) / candidate.length > 0.4) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined || word.length < 4) return best;
  const holding = candidates.filter((c) => c.toLowerCase().split(/[-_]/).includes(word));
  return holding.length === 1 ? holding[0] : undefined;
}

/** `; did you mean "x"?` when a candidate is close, else nothing. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const near = closest(name, candidates);
  return near === undefined ? '' : `; did you mean "${near}"?`;
}
