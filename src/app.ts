import type { Config } from './config.ts';
import { Assistant, type SafetyGate } from './core/assistant.ts';
import type { Flow } from './core/flow.ts';
import { createLogger, type Logger } from './core/logger.ts';
import { createFaqFlow, type FaqAnswerer } from './flows/faq/faq-flow.ts';
import { openKnowledge, type Knowledge } from './flows/faq/knowledge-setup.ts';
import type { KnowledgeService } from './knowledge/index.ts';
import { createHelpFlow, type MenuEntry } from './flows/help/help-flow.ts';
import { createHandoff } from './flows/handoff/create-handoff.ts';
import { crisisSafety } from './flows/handoff/crisis-safety.ts';
import { createDemocracy, type EventService, type SurveyService, type VoteService } from './democracy/index.ts';
import type { TicketService } from './flows/handoff/ticket-service.ts';
import { openStore, type Store } from './store/index.ts';
import { DeliveryWorker } from './runtime/delivery.ts';
import { Scheduler } from './runtime/scheduler.ts';

/** The assembled application: what the server, the CLI and the tests share. */
export interface App {
  config: Config;
  logger: Logger;
  store: Store;
  assistant: Assistant;
  /** Runs scheduled jobs (escalations, reminders); started by the server. */
  scheduler: Scheduler;
  /** Delivers outbox messages to push channels; channels register their deliverers. */
  delivery: DeliveryWorker;
  /** Cases (handoff to people): staff operations with role checks, and `onTicketEvent` for case cards. */
  tickets: TicketService;
  /** Surveys: definitions, answering, results and exports (src/democracy/survey-service.ts). */
  surveys: SurveyService;
  /** Votes and elections: ballots, receipts, closing and tallies, honor roll (src/democracy/vote-service.ts). */
  votes: VoteService;
  /** Events: sign-ups, waitlists, invitations, attendees (src/democracy/event-service.ts). */
  events: EventService;
  /** The knowledge base: index, search, status, and document editing (publish re-indexes at once). */
  knowledge: KnowledgeService;
  /** Answers questions (model answerer when configured, falling back to the extractive one). */
  answerer: Knowledge['answerer'];
  /** Builds the knowledge index when it is missing or stale (start-up, `kb build`). */
  ensureKnowledgeIndex: Knowledge['ensureIndex'];
  /** Starts the background workers (the server does; one-shot CLI commands do not). */
  start(): void;
  close(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  answerer?: FaqAnswerer;
  safety?: SafetyGate;
  /** This process is one worker of `serve`'s cluster (src/server/cluster.ts): its store shares the database with the other workers. */
  clusterWorker?: boolean;
}

/**
 * The composition root: config → store → knowledge → flows → assistant. Channels (server,
 * CLI) are attached by their callers.
 */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const store = await openStore(config.databaseUrl, { clusterWorker: overrides.clusterWorker });
  const menu: MenuEntry[] = [];
  const handoff = createHandoff({ config, store, logger });
  // Reminders and promotions queue outbox messages: `poke` delivers them without waiting for a tick.
  const democracy = createDemocracy({ store, logger, poke: () => delivery.poke() });
  menu.push(...democracy.menu);
  const flows: Flow[] = [createHelpFlow(() => menu), handoff.flow, ...democracy.flows];
  const knowledge = await openKnowledge(config, logger);
  const faq = createFaqFlow({ store, answerer: overrides.answerer ?? knowledge.answerer });
  const assistant = new Assistant({
    store,
    logger,
    flows,
    fallback: faq,
    // Crisis check first on every message; messages of concern get the FAQ answer after the offer of a counsellor.
    safety: overrides.safety ?? handoff.gate(crisisSafety(config, logger), faq),
    defaultLocale: config.defaultLocale,
  });
  const scheduler = new Scheduler({ jobs: store.jobs, logger });
  const delivery = new DeliveryWorker(store.outbox, logger);
  handoff.registerJobs(scheduler);
  democracy.registerJobs(scheduler);
  // Case changes queue proactive messages: deliver them now rather than at the next tick.
  handoff.service.onTicketEvent(() => delivery.poke());
  let reloadTimer: NodeJS.Timeout | undefined;
  return {
    config,
    logger,
    store,
    assistant,
    scheduler,
    delivery,
    tickets: handoff.service,
    surveys: democracy.surveys,
    votes: democracy.votes,
    events: democracy.events,
    knowledge: knowledge.service,
    ensureKnowledgeIndex: knowledge.ensureIndex,
    answerer: knowledge.answerer,
    start() {
      // Another instance (or the console of another process) may publish a new index version.
      reloadTimer ??= setInterval(() => {
        knowledge.service.reloadIfChanged().catch((error: unknown) => logger.warn({ err: error }, 'knowledge reload failed'));
      }, 5_000).unref();
      scheduler.start();
      delivery.start();
      handoff.start().catch((error: unknown) => logger.error({ err: error }, 'could not schedule the retention purge'));
    },
    async close() {
      if (reloadTimer) clearInterval(reloadTimer);
      await scheduler.stop();
      await delivery.stop();
      await store.close();
    },
  };
}
