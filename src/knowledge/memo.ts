/**
 * A small least-recently-used memo for pure functions of a text. Indexing analyses each chunk's
 * text twice (BM25 terms, then the local embedding) and jieba dominates both: the second pass
 * becomes a lookup.
 */
export function memoise<T>(fn: (text: string) => T, size = 512): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) {
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const value = fn(text);
    cache.set(text, value);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return value;
  };
}
