import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Secrets and message text never belong in a log line: the redaction list is a
 * safety net for fields that might carry them by accident, not a licence to log them.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      // A cluster worker (src/server/cluster.ts) names itself: UA_WORKER_SLOT is set by the primary.
      base: { service: 'union-assistant', ...(process.env.UA_CLUSTER_ROLE === 'worker' && process.env.UA_WORKER_SLOT ? { worker: Number(process.env.UA_WORKER_SLOT) } : {}) },
      redact: {
        paths: [
          'text',
          '*.text',
          'message',
          'password',
          '*.password',
          'token',
          '*.token',
          'apiKey',
          '*.apiKey',
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(2),
  );
}
