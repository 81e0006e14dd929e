#!/usr/bin/env node
// Runs the Prisma CLI without its downloadable Rust engines (see docs/DATABASE.md).
//
//   node scripts/prisma.mjs generate   generate both clients (SQLite and PostgreSQL)
//   node scripts/prisma.mjs schema     regenerate the migration SQL from prisma/schema/*.prisma
//   node scripts/prisma.mjs check      fail when prisma/migrations/sqlite/0001_init.sql is not what the schema gives
//
// Why: Prisma normally downloads engine binaries, which cannot happen on air-gapped machines.
// Two Prisma CLIs, each for what it can do without a binary:
// - `generate` runs Prisma 7.10 (`prisma`, the version of @prisma/client). Its client needs no
//   engine at all (the query compiler is WebAssembly inside @prisma/client).
// - `migrate diff` runs Prisma 6.19 (`prisma-6`, an npm alias among the devDependencies, with its
//   own adapters `prisma-6-adapter-*`). Prisma 7 dropped the JavaScript (WebAssembly) schema
//   engine: its `migrate diff` spawns the schema-engine binary, which cannot be downloaded here.
//   6.19's WebAssembly schema engine produces the same SQL, and only this script runs it (the
//   runtime never applies migrations through Prisma: src/store/database.ts has its own runner).
//   Being a devDependency, it is absent after `npm ci --omit=dev`, where only `generate` runs.
// The two environment variables below only have to name existing files so that neither CLI
// tries to download an engine.
// One Prisma schema serves one provider, so the PostgreSQL schema is derived from the SQLite
// one (the only difference is the datasource provider) into .prisma-build/.
// `schema` needs a running PostgreSQL for the PostgreSQL diff (the WebAssembly schema engine
// connects even for a datamodel-to-datamodel diff): scripts/start-postgres.sh starts one, and
// PRISMA_DIFF_POSTGRES_URL names another.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'prisma', 'schema');
const buildDir = join(root, '.prisma-build');
const providers = ['sqlite', 'postgresql'];

function placeholderEngines() {
  mkdirSync(buildDir, { recursive: true });
  const lib = join(buildDir, 'no-query-engine.node');
  const bin = join(buildDir, 'no-schema-engine');
  for (const file of [lib, bin]) if (!existsSync(file)) writeFileSync(file, '');
  return {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: lib,
    PRISMA_SCHEMA_ENGINE_BINARY: bin,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
}

/**
 * Writes a Prisma 6.19 config for its JavaScript (WebAssembly) schema engine, which `migrate diff`
 * uses. A diff between two datamodels never connects, but the engine still wants an adapter of
 * the right provider: the 6.19 adapters (`prisma-6-adapter-*`), whose interface it was built for.
 */
function configFor(provider) {
  const file = join(buildDir, `prisma.config.${provider}.mjs`);
  const adapter =
    provider === 'sqlite'
      ? `import { PrismaBetterSQLite3 } from 'prisma-6-adapter-better-sqlite3';\nconst make = () => new PrismaBetterSQLite3({ url: 'file::memory:' });`
      : `import { PrismaPg } from 'prisma-6-adapter-pg';\nconst make = () => new PrismaPg({ connectionString: ${JSON.stringify(process.env.PRISMA_DIFF_POSTGRES_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres')} });`;
  writeFileSync(
    file,
    `${adapter}\nexport default { engine: 'js', experimental: { adapter: true }, adapter: async () => make() };\n`,
  );
  return file;
}

/**
 * Writes .prisma-build/<provider>/*.prisma (or .prisma-build/<provider>-6/ for Prisma 6.19's
 * `migrate diff`) and returns that folder. Prisma 7 refuses a datasource `url` in the schema;
 * Prisma 6.19 requires one, though with an adapter in its config it never connects through it.
 */
function schemaFor(provider, forPrisma6 = false) {
  const out = join(buildDir, forPrisma6 ? `${provider}-6` : provider);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(schemaDir).filter((f) => f.endsWith('.prisma'))) {
    let text = readFileSync(join(schemaDir, name), 'utf8');
    text = text.replace(/provider\s*=\s*"sqlite"/, forPrisma6 ? `provider = "${provider}"\n  url      = "file:./dev.db"` : `provider = "${provider}"`);
    text = text.replace(/output\s*=\s*"[^"]*"/, `output = "${join(root, 'src', 'generated', provider)}"`);
    writeFileSync(join(out, name), text);
  }
  return out;
}

/** Prisma 7.10's CLI, for `generate`; Prisma 6.19's (`prisma-6`), for `migrate diff` (see the top). */
const cli7 = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const cli6 = join(root, 'node_modules', 'prisma-6', 'build', 'index.js');

function prisma(cli, args, env, capture = false) {
  if (!existsSync(cli)) {
    const hint = cli === cli6 ? ': `migrate diff` needs the devDependency prisma-6 (an install without --omit=dev)' : '';
    console.error(`${cli} is missing${hint}`);
    process.exit(1);
  }
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
  });
  if (result.status !== 0) {
    console.error(`prisma ${args.join(' ')} failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

const env = placeholderEngines();
const generate = (provider) => prisma(cli7, ['generate', '--schema', schemaFor(provider)], env);
const diff = (provider) =>
  prisma(cli6, ['migrate', 'diff', '--config', configFor(provider), '--from-empty', '--to-schema-datamodel', schemaFor(provider, true), '--script'], env, true);

const command = process.argv[2];
if (command === 'generate') {
  for (const provider of providers) generate(provider);
} else if (command === 'schema') {
  // Until the first release there is one baseline migration, regenerated from the schema.
  // After a release, add new numbered files instead (docs/DATABASE.md explains how).
  for (const provider of providers) {
    const sql = diff(provider);
    const dir = join(root, 'prisma', 'migrations', provider);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '0001_init.sql'), sql);
    console.log(`wrote prisma/migrations/${provider}/0001_init.sql`);
  }
  for (const provider of providers) generate(provider);
} else if (command === 'check') {
  // The SQLite baseline must be exactly what the schema produces (tests/store/migrations.test.ts).
  const sql = diff('sqlite');
  const committed = readFileSync(join(root, 'prisma', 'migrations', 'sqlite', '0001_init.sql'), 'utf8');
  if (sql !== committed) {
    console.error('prisma/migrations/sqlite/0001_init.sql does not match prisma/schema: run `npm run db:schema`');
    process.exit(1);
  }
  console.log('migrations match the schema');
} else {
  console.error('usage: node scripts/prisma.mjs generate|schema|check');
  process.exit(2);
}
