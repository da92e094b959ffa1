/**
 * The candidate nearest to `input` by edit distance (case-insensitive), for
 * "did you mean" hints. Returns undefined when nothing is close: more than a
 * third of the longer string would have to change. The first candidate at the
 * smallest distance wins; a candidate that cannot beat the best so far (its
 * length alone differs by as much) is not compared, and a comparison stops as
 * soon as it cannot.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - needle.length) >= bestDistance) continue;
    const distance = editDistance(needle, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.ceil(Math.max(needle.length, best.length) / 3) ? best : undefined;
}

/**
 * Levenshtein distance, two rows at a time. With `bound`, any distance over
 * it is answered as `bound + 1` as soon as a row shows it must be over.
 */
export function editDistance(a: string, b: string, bound = Infinity): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const cell = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    // Every later row's cells are at least this row's smallest: the distance cannot come back under the bound.
    if (rowMin > bound) return bound + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
