import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeService } from '../../src/knowledge/index.ts';
import { repoRoot } from './cli.ts';

/**
 * Builds the knowledge index of knowledge-base/ once per test run. `freshDatabase` copies it into
 * each test's DATA_DIR, so that tests which ask questions do not each spend seconds indexing.
 * The copy is a real index built by the real code; a test that is about indexing builds its own.
 */
export default async function setup(): Promise<() => void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ua-test-index-'));
  const service = await KnowledgeService.open({ contentDir: join(repoRoot, 'knowledge-base'), dataDir });
  await service.build();
  process.env.UA_TEST_KNOWLEDGE_INDEX = join(dataDir, 'knowledge');
  return () => rmSync(dataDir, { recursive: true, force: true });
}
