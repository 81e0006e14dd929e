import type { Config } from '../../config.ts';
import type { SafetyGate } from '../../core/assistant.ts';
import type { Flow } from '../../core/flow.ts';
import type { Logger } from '../../core/logger.ts';
import type { Scheduler } from '../../runtime/scheduler.ts';
import type { Store } from '../../store/index.ts';
import { createCrisisGate, type CrisisSafety, type CrisisVerdict } from './crisis-gate.ts';
import { createHandoffFlow } from './handoff-flow.ts';
import { TicketCore } from './ticket-core.ts';
import { TicketIntake } from './ticket-intake.ts';
import { TicketService } from './ticket-service.ts';
import { SLA_JOB, SlaJobSchema } from './ticket-sla.ts';
import { TicketUpkeep } from './ticket-upkeep.ts';

/** The scheduled-job kind of the daily retention purge. */
export const PURGE_JOB = 'handoff.purge';

/** Everything the handoff contributes to the application. */
export interface Handoff {
  /** The staff-side operations (App.tickets). */
  service: TicketService;
  /** The member-side conversation flow. */
  flow: Flow;
  /** The crisis safety gate; `answer` (the FAQ flow) answers messages that only raised concern. */
  gate<A extends CrisisVerdict>(safety: CrisisSafety<A>, answer?: Flow): SafetyGate;
  /** Registers the service-level and retention job handlers. */
  registerJobs(scheduler: Scheduler): void;
  /** Makes sure the daily retention purge is scheduled (called when the server starts). */
  start(): Promise<void>;
}

function dayKey(date: Date): string {
  return `${PURGE_JOB}:${date.toISOString().slice(0, 10)}`;
}

/** Assembles cases, the handoff flow, the crisis gate and their jobs. */
export function createHandoff(options: { config: Config; store: Store; logger: Logger }): Handoff {
  const { config, store, logger } = options;
  const core = new TicketCore({ store, logger, config: config.handoff, staffLocale: config.defaultLocale });
  const intake = new TicketIntake(core);
  const upkeep = new TicketUpkeep(core);
  const service = new TicketService(core, upkeep);
  const flow = createHandoffFlow({
    store,
    intake,
    sla: core.sla,
    erase: (ctx) => (ctx.member ? service.eraseForMember(ctx.member, ctx.member) : service.eraseForIdentity(ctx.identity.id)),
  });

  async function schedulePurge(runAt: Date): Promise<void> {
    await store.jobs.schedule(store.db.prisma, { kind: PURGE_JOB, runAt, dedupeKey: dayKey(runAt) });
  }

  return {
    service,
    flow,
    gate: (safety, answer) => createCrisisGate({ store, intake, safety, logger, answer }),
    registerJobs(scheduler) {
      scheduler.register(SLA_JOB, async (payload) => {
        const parsed = SlaJobSchema.safeParse(payload);
        // A malformed payload will not get better by retrying it.
        if (!parsed.success) return void logger.error({ kind: SLA_JOB }, 'malformed service-level job payload; skipped');
        await service.escalate(parsed.data.ticketId, parsed.data.check);
      });
      scheduler.register(PURGE_JOB, async (_payload, job) => {
        // A job that waited (server down) purges as of now; the next run is a day after this one.
        const now = new Date(Math.max(job.runAt.getTime(), Date.now()));
        await service.purgeExpired(now);
        await schedulePurge(new Date(now.getTime() + 86_400_000));
      });
    },
    async start() {
      if (!config.handoff.oncall) logger.warn('no on-call contact configured (ONCALL_CHANNEL, ONCALL_CONVERSATION): crisis cases are only in the case list');
      const pending = await store.jobs.list({ kind: PURGE_JOB, status: 'pending' });
      if (pending.length === 0) await schedulePurge(new Date());
    },
  };
}
