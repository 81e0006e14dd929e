import { App as BoltApp, webApi } from '@slack/bolt';
import type { App } from '../../app.ts';
import type { SlackConfig } from '../../config.ts';
import type { HttpServer } from '../../server/http.ts';
import { AppHome, registerAppHome } from './app-home.ts';
import { boltLogger } from './bolt-logger.ts';
import { casesSection, eventsSection, surveysSection, votesSection } from './home-sections.ts';
import { SlackDeliverer } from './deliverer.ts';
import { SlackDirectory } from './directory.ts';
import { registerInteractions } from './interactions.ts';
import { registerMemberEvents } from './member-events.ts';
import { RouteReceiver } from './route-receiver.ts';
import { SlackSender } from './sender.ts';
import type { SlackContext } from './slack-context.ts';
import { registerSlashCommand } from './slash-command.ts';
import { SlackTurns } from './slack-turns.ts';
import { SlackStaffCases } from './staff-cases.ts';

/** A running Slack channel. */
export interface SlackChannel {
  context: SlackContext;
  /** Stops Socket Mode, or waits for acknowledged HTTP work to finish. */
  close(): Promise<void>;
  /** Resolves once every acknowledged HTTP request has been handled (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Web API client options. Rate-limited calls are rejected rather than slept on inside the
 * client, so Retry-After is honoured by the outbox (durable, and shared by every instance);
 * transient network and 5xx failures get a few quick retries.
 */
function clientOptions(config: SlackConfig, app: App): webApi.WebClientOptions {
  return {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
    timeout: 10_000,
    logger: boltLogger(app.logger),
  };
}

/**
 * The bot's own ids (for ignoring its own messages and recognising its mention), from
 * auth.test once; a failed lookup is tried again on the next event rather than failing it.
 */
function botIdentity(client: webApi.WebClient, app: App): () => Promise<{ botId?: string; botUserId?: string }> {
  let cached: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    cached ??= client.auth.test().then((r) => ({ botId: r.bot_id as string | undefined, botUserId: r.user_id }));
    try {
      return await cached;
    } catch (error) {
      cached = undefined;
      app.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'slack auth.test failed');
      return {};
    }
  };
}

/**
 * Assembles the Slack channel: a Bolt app whose transport is our route on the shared server
 * (HTTP mode) or Slack's WebSocket (Socket Mode, when SLACK_APP_TOKEN is set), the listeners
 * for members, the deliverer for the outbox, the App Home tab and, with SLACK_STAFF_CHANNEL,
 * the staff side. Returns undefined when Slack is not configured.
 */
export async function attachSlack(server: HttpServer, app: App): Promise<SlackChannel | undefined> {
  const config = app.config.slack;
  if (!config) return undefined;
  const options = clientOptions(config, app);
  const client = new webApi.WebClient(config.botToken, options);
  const identity = botIdentity(client, app);
  const authorize = async () => ({ botToken: config.botToken, ...(await identity()) });
  const receiver = config.appToken ? undefined : new RouteReceiver({ signingSecret: config.signingSecret!, logger: app.logger });
  const bolt = new BoltApp({
    authorize,
    ...(receiver ? { receiver } : { appToken: config.appToken, socketMode: true }),
    clientOptions: options,
    logger: boltLogger(app.logger),
    convoStore: false,
    extendedErrorHandler: false,
  });
  bolt.error(async (error) => {
    app.logger.error({ err: error.message, code: error.code }, 'slack listener failed');
  });

  const records = app.store.slack;
  const directory = new SlackDirectory(client, app.logger);
  const sender = new SlackSender({ client, records, logger: app.logger, publicUrl: app.config.publicUrl, defaultLocale: app.config.defaultLocale });
  const turns = new SlackTurns({ app, directory, sender });
  const home = new AppHome({ app, client, directory, records }).add(surveysSection).add(votesSection).add(eventsSection).add(casesSection);
  const context: SlackContext = { app, config, bolt, client, records, directory, sender, turns, home };

  registerMemberEvents(context);
  registerInteractions(context);
  registerSlashCommand(context);
  registerAppHome(context, home);
  app.delivery.register(new SlackDeliverer({ app, sender, directory }));
  const staff = config.staffChannel ? new SlackStaffCases(context, config.staffChannel) : undefined;
  if (staff && config.staffChannel) {
    staff.attach();
    context.staff = staff;
    const queue = app.config.handoff.staffQueue;
    if (queue?.channel === 'slack' && queue.conversationKey === config.staffChannel) {
      app.logger.warn('STAFF_QUEUE_CONVERSATION is the Slack staff channel: every case will be announced twice there (plain alerts and case cards); unset STAFF_QUEUE_* or point it elsewhere');
    }
  }

  if (receiver) {
    receiver.attach(server);
    app.logger.info({ mode: 'http', path: '/slack/events', staffChannel: !!config.staffChannel }, 'slack channel attached');
  } else {
    await bolt.start();
    app.logger.info({ mode: 'socket', staffChannel: !!config.staffChannel }, 'slack channel connected');
  }
  return {
    context,
    idle: async () => {
      await receiver?.idle();
      await staff?.idle();
    },
    async close() {
      if (receiver) await receiver.stop();
      else await bolt.stop();
      await staff?.idle();
    },
  };
}
