/** The database kinds the store runs on. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

/**
 * Which database a DATABASE_URL names. Its own module (no Prisma import) so that the
 * configuration can ask it too (WORKERS=auto depends on it, src/config.ts).
 */
export function providerOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}
