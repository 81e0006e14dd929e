import { availableParallelism } from 'node:os';
import { resolve, join } from 'node:path';
import { z } from 'zod';
import { providerOf } from './store/provider.ts';

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

const optionalChannel = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(['slack', 'teams', 'web', 'cli']).optional());

/** Minutes per case priority, written "urgent=15,high=120,normal=480"; unnamed priorities keep their default. */
type PriorityMinutes = { urgent: number; high: number; normal: number };
const priorityMinutes = (fallback: PriorityMinutes) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const out = { ...fallback };
      for (const part of (v ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
        const match = /^(urgent|high|normal)\s*=\s*(\d{1,6})$/.exec(part);
        if (!match || Number(match[2]) < 1) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not priority=minutes (e.g. urgent=15,high=120,normal=480)` });
          return z.NEVER;
        }
        out[match[1] as keyof PriorityMinutes] = Number(match[2]);
      }
      return out;
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
  WORKERS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '' || v.trim() === 'auto') return 'auto' as const;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) {
        ctx.addIssue({ code: 'custom', message: 'must be auto or a whole number from 1 to 64' });
        return z.NEVER;
      }
      return n;
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  PUBLIC_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  OPENAI_TIMEOUT_MS: intFrom(8000, 100, 120_000),
  OPENAI_EMBEDDING_DIMENSIONS: intFrom(0, 0, 100_000),
  OPENAI_PAUSE_AFTER_FAILURES: intFrom(3, 0, 1000),
  OPENAI_PAUSE_SECONDS: intFrom(30, 1, 3600),
  CRISIS_HOTLINES: optionalString,
  TICKET_FIRST_RESPONSE_MINUTES: priorityMinutes({ urgent: 15, high: 120, normal: 480 }),
  TICKET_RESOLUTION_MINUTES: priorityMinutes({ urgent: 1440, high: 4320, normal: 10080 }),
  TICKET_RETENTION_DAYS: intFrom(90, 1, 3650),
  ONCALL_CHANNEL: optionalChannel,
  ONCALL_CONVERSATION: optionalString,
  STAFF_QUEUE_CHANNEL: optionalChannel,
  STAFF_QUEUE_CONVERSATION: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
  SLACK_STAFF_CHANNEL: optionalString,
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: optionalString,
  TEAMS_STAFF_CONVERSATION: optionalString,
});

/** The parsed configuration. */
export interface Config {
  dataDir: string;
  databaseUrl: string;
  knowledgeDir: string;
  port: number;
  host: string;
  /**
   * Server processes `serve` runs (src/server/cluster.ts). WORKERS=auto (the default): one per
   * core, at most 2 on SQLite and at most 4 on PostgreSQL (scale further with more instances).
   * Why at most 2 on SQLite: every write of every worker goes through the file's one write lock;
   * two workers on two cores served 260–360 turns/s at 100 members against 190–235 for one
   * process (bench/load.ts, 2026-11-27), and more were not measured. Until 2026-11-27 the default
   * on SQLite was one process, because the workers' lock was then granted by the primary and sat
   * idle while a worker's event loop got round to reading the grant (src/store/sqlite-adapter.ts).
   */
  workers: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  defaultLocale: 'zh-CN' | 'en';
  publicUrl?: string;
  openai?: {
    apiKey: string;
    baseURL?: string;
    chatModel: string;
    embeddingModel: string;
    embeddingDimensions?: number;
    timeoutMs: number;
    /** Consecutive failures after which an endpoint is skipped for `pauseMs` (0: never skipped). */
    pauseAfterFailures: number;
    pauseMs: number;
  };
  crisisHotlines?: string;
  /** Cases: service levels per priority, retention of sensitive transcripts, where staff are alerted. */
  handoff: {
    firstResponseMinutes: PriorityMinutes;
    resolutionMinutes: PriorityMinutes;
    retentionDays: number;
    oncall?: { channel: 'slack' | 'teams' | 'web' | 'cli'; conversationKey: string };
    staffQueue?: { channel: 'slack' | 'teams' | 'web' | 'cli'; conversationKey: string };
  };
  /** Slack: present when SLACK_BOT_TOKEN is set (see slackConfig). */
  slack?: SlackConfig;
  /** Microsoft Teams (always on; without credentials it serves the Bot Framework Emulator locally). */
  teams: TeamsConfig;
}

/** A configuration error that names the variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A channel + conversation pair where staff are alerted; both or neither must be set. */
function destination(prefix: string, channel: 'slack' | 'teams' | 'web' | 'cli' | undefined, conversationKey: string | undefined) {
  if (!channel && !conversationKey) return undefined;
  if (!channel || !conversationKey) {
    throw new ConfigError(`Invalid configuration:\n  ${prefix}_CHANNEL and ${prefix}_CONVERSATION: set both (e.g. ${prefix}_CHANNEL=slack ${prefix}_CONVERSATION=C0123456) or neither`);
  }
  return { channel, conversationKey };
}

/** The Slack app: HTTP mode (signing secret) or Socket Mode (app token), and the staff channel. */
export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  /** Web API base URL override (tests, proxies); Bolt's `clientOptions.slackApiUrl`. */
  apiUrl?: string;
  staffChannel?: string;
}

/** Slack is all or nothing: a half-configured app is an error that says what is missing. */
function slackConfig(e: z.infer<typeof EnvSchema>): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken, SLACK_API_URL: apiUrl, SLACK_STAFF_CHANNEL: staffChannel } = e;
  const problem = (text: string) => new ConfigError(`Invalid configuration:\n  ${text}\nSee README.md, "Slack".`);
  if (!botToken) {
    const stray = Object.entries({ SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken, SLACK_API_URL: apiUrl, SLACK_STAFF_CHANNEL: staffChannel }).filter(([, v]) => v);
    if (stray.length > 0) throw problem(`SLACK_BOT_TOKEN: required when ${stray.map(([k]) => k).join(', ')} ${stray.length > 1 ? 'are' : 'is'} set (the app's xoxb- token from "OAuth & Permissions")`);
    return undefined;
  }
  if (!botToken.startsWith('xoxb-')) throw problem('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
  if (!signingSecret && !appToken) throw problem('SLACK_SIGNING_SECRET: required for HTTP mode (from "Basic Information"), or set SLACK_APP_TOKEN (xapp-…) for Socket Mode');
  if (appToken && !appToken.startsWith('xapp-')) throw problem('SLACK_APP_TOKEN: must be an app-level token starting with xapp- (with the connections:write scope)');
  if (apiUrl && !/^https?:\/\/[^/]+/.test(apiUrl)) throw problem('SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/');
  if (staffChannel && !/^[CGD][A-Z0-9]{2,}$/.test(staffChannel)) throw problem('SLACK_STAFF_CHANNEL: must be a channel id such as C0123456789 (channel details → bottom of the About tab), not a name');
  return { botToken, signingSecret, appToken, apiUrl: apiUrl && !apiUrl.endsWith('/') ? `${apiUrl}/` : apiUrl, staffChannel };
}

/** Teams: Bot Framework credentials (none = local Emulator mode) and the staff channel. */
export interface TeamsConfig {
  credentials?: { appId: string; appPassword?: string; tenantId?: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' };
  staffConversation?: string;
}

/** Teams credentials are all or nothing, like Slack's: say which variable is missing and where it comes from. */
function teamsConfig(e: z.infer<typeof EnvSchema>): TeamsConfig {
  const { MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: appPassword, MICROSOFT_APP_TENANT_ID: tenantId, MICROSOFT_APP_TYPE: type, TEAMS_STAFF_CONVERSATION: staffConversation } = e;
  const problem = (text: string) => new ConfigError(`Invalid configuration:\n  ${text}\nSee README.md, "Microsoft Teams".`);
  if (staffConversation && !/^19:\S+@thread\.\S+$/.test(staffConversation)) throw problem('TEAMS_STAFF_CONVERSATION: must be a Teams channel id such as 19:abc…@thread.tacv2 (from the channel\'s "Get link to channel", URL-decoded)');
  if (!appId) {
    const stray = Object.entries({ MICROSOFT_APP_PASSWORD: appPassword, MICROSOFT_APP_TENANT_ID: tenantId, MICROSOFT_APP_TYPE: type }).filter(([, v]) => v);
    if (stray.length > 0) throw problem(`MICROSOFT_APP_ID: required when ${stray.map(([k]) => k).join(', ')} ${stray.length > 1 ? 'are' : 'is'} set (the Azure Bot's "Microsoft App ID")`);
    return { staffConversation };
  }
  const appType = type ?? 'MultiTenant';
  if (appType !== 'MultiTenant' && appType !== 'SingleTenant' && appType !== 'UserAssignedMSI') throw problem('MICROSOFT_APP_TYPE: must be MultiTenant, SingleTenant or UserAssignedMSI');
  if (appType !== 'UserAssignedMSI' && !appPassword) throw problem(`MICROSOFT_APP_PASSWORD: required for a ${appType} bot (a client secret of the app registration)`);
  if (appType !== 'MultiTenant' && !tenantId) throw problem(`MICROSOFT_APP_TENANT_ID: required for a ${appType} bot (the Azure AD directory id)`);
  return { credentials: { appId, appPassword, tenantId, appType }, staffConversation };
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
    workers: e.WORKERS !== 'auto' ? e.WORKERS : Math.max(1, Math.min(availableParallelism(), providerOf(databaseUrl) === 'postgresql' ? 4 : 2)),
    logLevel: e.LOG_LEVEL,
    defaultLocale: e.DEFAULT_LOCALE,
    publicUrl: e.PUBLIC_URL,
    openai: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_CHAT_MODEL,
          embeddingModel: e.OPENAI_EMBEDDING_MODEL,
          embeddingDimensions: e.OPENAI_EMBEDDING_DIMENSIONS || undefined,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
          pauseAfterFailures: e.OPENAI_PAUSE_AFTER_FAILURES,
          pauseMs: e.OPENAI_PAUSE_SECONDS * 1000,
        }
      : undefined,
    crisisHotlines: e.CRISIS_HOTLINES,
    handoff: {
      firstResponseMinutes: e.TICKET_FIRST_RESPONSE_MINUTES,
      resolutionMinutes: e.TICKET_RESOLUTION_MINUTES,
      retentionDays: e.TICKET_RETENTION_DAYS,
      oncall: destination('ONCALL', e.ONCALL_CHANNEL, e.ONCALL_CONVERSATION),
      staffQueue: destination('STAFF_QUEUE', e.STAFF_QUEUE_CHANNEL, e.STAFF_QUEUE_CONVERSATION),
    },
    slack: slackConfig(e),
    teams: teamsConfig(e),
  };
}
