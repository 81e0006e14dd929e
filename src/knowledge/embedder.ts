/** Turns texts into vectors. The index records `id` and `dimensions`; a change rebuilds it. */
export interface Embedder {
  /** Identifies the model and its settings, e.g. "local-hash-v1/2048/ab12cd" or "openai/text-embedding-3-small". */
  readonly id: string;
  readonly dimensions: number;
  /** One vector per text, in order. */
  embed(texts: string[]): Promise<number[][]>;
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalise(vector: number[]): number[] {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
