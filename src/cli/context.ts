import { createApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';

/**
 * Opens the application for one CLI command. Logs go to stderr; the CLI is quieter by default
 * so that stdout stays machine-readable.
 */
export async function openApp(): Promise<App> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  return createApp(config);
}

/** Runs a command body with an open app and closes it afterwards; errors become exit code 1. */
export async function withApp(body: (app: App) => Promise<number | void>): Promise<void> {
  const app = await openApp();
  let code: number | void = 0;
  try {
    code = await body(app);
  } finally {
    await app.close();
  }
  if (typeof code === 'number' && code !== 0) process.exitCode = code;
}
