/**
 * Democracy benchmark: ballots per second and event sign-ups per second, on SQLite and (when
 * TEST_POSTGRES_URL names a server) PostgreSQL, through the same services the chat flows use.
 * Prints JSON.
 *
 *   npm run bench:democracy [-- --voters 1000 --concurrency 50]
 *
 * Every run also checks what the load must not break: one ballot per voter and a tally equal to
 * the ballots; exactly `capacity` confirmed sign-ups and the rest on the waitlist.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../src/core/logger.ts';
import { EventService } from '../src/democracy/event-service.ts';
import { VoteService } from '../src/democracy/vote-service.ts';
import { openStore } from '../src/store/index.ts';
import { freshDatabase } from '../tests/helpers/database.ts';

const { values } = parseArgs({ options: { voters: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '50' } } });
const voters = Number(values.voters);
const concurrency = Number(values.concurrency);
const logger = createLogger('silent');
const round = (n: number) => Math.round(n * 10) / 10;

/** Runs `work` for every item with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function run(provider: 'sqlite' | 'postgresql') {
  const db = await freshDatabase(provider);
  const store = await openStore(db.url);
  try {
    const votes = new VoteService({ store, logger });
    const events = new EventService({ store, logger });
    // In chunks: one import is one transaction, under Prisma's default 5 s interactive timeout.
    for (let from = 0; from < voters; from += 200) {
      const rows = Array.from({ length: Math.min(200, voters - from) }, (_, k) => `会员${from + k},B${String(from + k).padStart(6, '0')},D${(from + k) % 20},,member,`);
      await store.members.importCsv(['name,employee_number,department,email,status,roles', ...rows].join('\n'));
    }
    const members = await store.members.list();

    const election = await votes.create({ kind: 'choose-up-to', seats: 2, title: 'Bench', candidates: ['A', 'B', 'C', 'D'].map((name) => ({ name })) }, 'bench');
    await votes.open(election.id, 'bench');
    let started = performance.now();
    await pool(members.map((m, i) => ({ m, i })), concurrency, ({ m, i }) => votes.cast({ member: m, electionId: election.id, choices: [election.candidates[i % 4]!.id, election.candidates[(i + 1) % 4]!.id] }));
    const ballotSeconds = (performance.now() - started) / 1000;
    const tally = await votes.close(election.id, 'bench');
    const recount = await votes.recount(election.id);

    const capacity = Math.max(1, Math.floor(voters / 5));
    const event = await events.create({ title: 'Bench', place: 'Hall', startsAt: new Date(Date.now() + 86_400_000).toISOString(), endsAt: new Date(Date.now() + 90_000_000).toISOString(), capacity }, 'bench');
    await events.open(event.id, 'bench');
    started = performance.now();
    await pool(members, concurrency, (m) => events.signUp({ member: m, eventId: event.id }));
    const signUpSeconds = (performance.now() - started) / 1000;
    const after = await events.get(event.id);

    return {
      provider,
      ballots: tally.ballots,
      ballotsPerSecond: round(tally.ballots / ballotSeconds),
      tallyMatchesBallots: recount.matches && tally.ballots === voters,
      signUps: after.confirmed + after.waitlisted,
      signUpsPerSecond: round(voters / signUpSeconds),
      capacityHeld: after.confirmed === capacity && after.waitlisted === voters - capacity,
    };
  } finally {
    await store.close();
    await db.drop();
  }
}

const results = [await run('sqlite')];
if (process.env.TEST_POSTGRES_URL) results.push(await run('postgresql'));
console.log(JSON.stringify({ voters, concurrency, node: process.version, results }, null, 2));
