import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalEmbedder, type Embedder } from '../../src/knowledge/index.ts';

export const FIXTURE_CONTENT = fileURLToPath(new URL('./fixtures/content', import.meta.url));

/** A temporary copy of the fixture knowledge base and an empty data directory. */
export async function workspace(): Promise<{ contentDir: string; dataDir: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'knowledge-test-'));
  const contentDir = join(root, 'content');
  const dataDir = join(root, 'data');
  await cp(FIXTURE_CONTENT, contentDir, { recursive: true });
  return { contentDir, dataDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** The real local embedder, counting the texts it embeds. */
export function countingEmbedder(inner: Embedder = createLocalEmbedder()): Embedder & { texts: string[]; reset(): void } {
  const texts: string[] = [];
  return {
    id: inner.id,
    dimensions: inner.dimensions,
    texts,
    reset: () => {
      texts.length = 0;
    },
    async embed(batch) {
      texts.push(...batch);
      return inner.embed(batch);
    },
  };
}
