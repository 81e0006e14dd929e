/** A position (a document, a vector) and its score. */
export interface Scored {
  doc: number;
  score: number;
}

/**
 * The `limit` best of `touched[0..count)` by score, in exactly the order a stable sort of all of
 * them (score descending) would give: equal scores stay in touched order. Shared by BM25 and the
 * vector search's exact scan (sparse-scan.ts). A query touches hundreds of documents and only the
 * first hundred are read, so instead of sorting them all, the
 * `limit`-th best score is selected (quickselect on a copy of the scores), the documents above
 * it and the first-touched ones equal to it are kept in touched order, and only those are sorted
 * (stably, so equal scores keep touched order as before).
 */
export function topByScore(scores: Float64Array, touched: Int32Array, count: number, limit: number): Scored[] {
  const kept: Scored[] = [];
  if (limit <= 0) return kept;
  if (count <= limit) {
    for (let i = 0; i < count; i++) kept.push({ doc: touched[i]!, score: scores[touched[i]!]! });
  } else {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = scores[touched[i]!]!;
    const threshold = kthLargest(values, limit);
    let above = 0;
    for (let i = 0; i < count; i++) if (scores[touched[i]!]! > threshold) above++;
    let equal = limit - above;
    for (let i = 0; i < count; i++) {
      const doc = touched[i]!;
      const score = scores[doc]!;
      if (score > threshold || (score === threshold && equal-- > 0)) kept.push({ doc, score });
    }
  }
  return kept.sort((x, y) => y.score - x.score);
}

/** The k-th largest value (1-based) of `values`, which it reorders: Hoare's selection. */
function kthLargest(values: Float64Array, k: number): number {
  // Descending order: the answer is at index k - 1.
  const target = k - 1;
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else return values[target]!;
  }
  return values[target]!;
}
