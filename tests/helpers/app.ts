import { createApp, type App, type AppOverrides } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { freshDatabase } from './database.ts';

/** A real application over a fresh database (SQLite file or PostgreSQL database). */
export async function testApp(provider: 'sqlite' | 'postgresql' = 'sqlite', overrides: AppOverrides = {}, env: Record<string, string> = {}): Promise<App & { dataDir: string; databaseUrl: string }> {
  const db = await freshDatabase(provider);
  const config = loadConfig({ DATA_DIR: db.dir, DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config, overrides);
  return {
    ...app,
    dataDir: db.dir,
    databaseUrl: db.url,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
