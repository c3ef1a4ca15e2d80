/** "Did you mean" hints for unknown prop and field names. */

/**
 * The known name closest to `name`, for "did you mean" hints: the shortest known name that begins
 * with `name` (the name itself in another case, else a name cut short: `iamAuth` for
 * `iamAuthentication`), else the one with the fewest single-character edits; case ignored.
 * Undefined when nothing is known.
 */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const completions = lower === "" ? [] : known.filter((candidate) => candidate.toLowerCase().startsWith(lower));
  if (completions.length > 0) return completions.reduce((shortest, candidate) => (candidate.length < shortest.length ? candidate : shortest));
  let nearest: string | undefined;
  let nearestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < nearestDistance) [nearest, nearestDistance] = [candidate, distance];
  }
  return nearest;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit ("minCapcity"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const substitution = rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}
