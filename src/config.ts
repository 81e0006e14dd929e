import { resolve, join } from 'node:path';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const intFrom = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/**
 * Every environment variable the assistant reads, with its default. README.md's configuration
 * reference is written from this list; keep the two together.
 */
const EnvSchema = z.object({
  DATA_DIR: optionalString,
  DATABASE_URL: optionalString,
  KNOWLEDGE_DIR: optionalString,
  PORT: intFrom(3978, 0, 65535),
  HOST: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  PUBLIC_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  OPENAI_TIMEOUT_MS: intFrom(8000, 100, 120_000),
  CRISIS_HOTLINES: optionalString,
});

/** The parsed configuration. */
export interface Config {
  dataDir: string;
  databaseUrl: string;
  knowledgeDir: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  defaultLocale: 'zh-CN' | 'en';
  publicUrl?: string;
  openai?: { apiKey: string; baseURL?: string; chatModel: string; embeddingModel: string; timeoutMs: number };
  crisisHotlines?: string;
}

/** A configuration error that names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee README.md, "Configuration".`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR ?? './data');
  const databaseUrl = e.DATABASE_URL ?? `file:${join(dataDir, 'union-assistant.db')}`;
  if (!/^(file:|postgres(ql)?:\/\/)/i.test(databaseUrl)) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: must start with file: (SQLite) or postgresql:// (PostgreSQL)');
  }
  return {
    dataDir,
    databaseUrl,
    knowledgeDir: resolve(e.KNOWLEDGE_DIR ?? './knowledge-base'),
    port: e.PORT,
    host: e.HOST ?? '0.0.0.0',
    logLevel: e.LOG_LEVEL,
    defaultLocale: e.DEFAULT_LOCALE,
    publicUrl: e.PUBLIC_URL,
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_CHAT_MODEL,
          embeddingModel: e.OPENAI_EMBEDDING_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
        }
      : undefined,
    crisisHotlines: e.CRISIS_HOTLINES,
  };
}
