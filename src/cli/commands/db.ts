import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { migrate, providerOf } from '../../store/database.ts';

/** `db migrate`: apply pending migrations (start-up does this too). */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database');
  db.command('migrate')
    .description('apply pending migrations to DATABASE_URL (or the SQLite file in DATA_DIR)')
    .action(async () => {
      const config = loadConfig();
      const applied = await migrate(config.databaseUrl);
      console.log(JSON.stringify({ provider: providerOf(config.databaseUrl), applied }));
    });
}
