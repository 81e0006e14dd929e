/**
 * Whether a database error is a unique-constraint violation (a second ballot, a retried event, a
 * second open case …): P2002 from Prisma's model API, or P2010 ("raw query failed") whose driver
 * error says so, from the raw statements on a chat turn's path (docs/DATABASE.md), on SQLite and
 * PostgreSQL alike, or the driver adapter's own error when such a statement ran without the client.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta, name, cause } = error as { code?: unknown; name?: unknown; cause?: { kind?: unknown }; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return (
    code === 'P2002' ||
    (code === 'P2010' && meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation') ||
    // A raw statement run on the SQLite adapter without the Prisma client (src/store/sql.ts).
    (name === 'DriverAdapterError' && cause?.kind === 'UniqueConstraintViolation')
  );
}
