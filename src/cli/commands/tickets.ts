import type { Command } from 'commander';
import type { App } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import type { Member } from '../../store/members.ts';
import { TicketCategorySchema, TicketStatusSchema } from '../../store/tickets.ts';
import type { TicketDetailView, TicketSummaryView } from '../../flows/handoff/ticket-views.ts';
import { withApp } from '../context.ts';

/** The staff member a command acts as, by employee number (or member id). */
async function actorOf(app: App, ref: string | undefined): Promise<Member> {
  if (!ref) throw new AppError('invalid_input', 'say who is acting: --as EMPLOYEE_NO (a staff member, counsellor or admin)');
  const member = (await app.store.members.getByEmployeeNumber(ref)) ?? (await app.store.members.get(ref));
  if (!member) throw new AppError('not_found', `no member with employee number ${ref}`);
  return member;
}

function listOf<T>(value: string | undefined, parse: (v: string) => T): T[] | undefined {
  return value ? value.split(',').map((v) => parse(v.trim())) : undefined;
}

function line(t: TicketSummaryView): string {
  const overdue = t.overdue.length > 0 ? ` OVERDUE(${t.overdue.join(',')})` : '';
  return [t.id, t.priority, t.category, t.status, t.member, t.assignee?.name ?? '-', t.createdAt.toISOString()].join('\t') + overdue;
}

function printDetail(view: TicketDetailView | TicketSummaryView): void {
  console.log(line(view));
  if (view.restricted) {
    console.log('(restricted: only counsellors and admins can read this case)');
    return;
  }
  if (!('transcript' in view)) return;
  const section = (title: string, entries: TicketDetailView['transcript']) => {
    if (entries.length === 0) return;
    console.log(`\n${title}`);
    for (const e of entries) console.log(`  ${e.at.toISOString()} ${e.name ?? e.author}: ${e.text}`);
  };
  section('transcript before the handoff:', view.transcript);
  section('messages:', view.messages);
  section('internal notes:', view.notes);
}

type Common = { as?: string; json?: boolean };

/**
 * `tickets …`: the staff side of cases. Every command but `list` and `purge` acts as a member
 * (`--as EMPLOYEE_NO`) and is checked and audited like the same action in Slack, Teams or the
 * web console. `list` without `--as` is the operator view (no content, ever).
 */
export function registerTicketCommands(program: Command): void {
  const tickets = program.command('tickets').description('cases handed to union staff: list, read, claim, reply, close');

  const print = (options: Common, view: TicketSummaryView, verb: string) => {
    if (options.json) console.log(JSON.stringify(view));
    else console.log(`${verb} ${view.id}: ${view.status}${view.assignee ? `, ${view.assignee.name}` : ''}`);
  };

  tickets
    .command('list')
    .option('--status <status>', 'open, claimed, waiting, resolved or closed (comma-separated for several)')
    .option('--category <category>', 'legal, psychological, workplace-dispute, general or crisis (comma-separated)')
    .option('--as <employeeNo>', 'list as this staff member (cases they cannot handle are restricted)')
    .option('--json', 'one JSON array')
    .description('list cases, most urgent first (without --as: the operator view, without content)')
    .action(async (options: Common & { status?: string; category?: string }) => {
      await withApp(async (app) => {
        const actor = options.as ? await actorOf(app, options.as) : undefined;
        const list = await app.tickets.list(actor, {
          status: listOf(options.status, (v) => TicketStatusSchema.parse(v)),
          category: listOf(options.category, (v) => TicketCategorySchema.parse(v)),
        });
        if (options.json) console.log(JSON.stringify(list));
        else for (const t of list) console.log(line(t));
      });
    });

  tickets
    .command('show')
    .argument('<id>', 'the case id')
    .option('--as <employeeNo>', 'the staff member reading it')
    .option('--json', 'JSON')
    .description('show a case with its transcript, messages and notes (if you may read it)')
    .action(async (id: string, options: Common) => {
      await withApp(async (app) => {
        const view = await app.tickets.show(await actorOf(app, options.as), id);
        if (options.json) console.log(JSON.stringify(view));
        else printDetail(view);
      });
    });

  const simple = (name: string, description: string, run: (app: App, actor: Member, id: string) => Promise<TicketSummaryView>) =>
    tickets
      .command(name)
      .argument('<id>', 'the case id')
      .option('--as <employeeNo>', 'the staff member acting')
      .option('--json', 'print the case as JSON')
      .description(description)
      .action(async (id: string, options: Common) => {
        await withApp(async (app) => print(options, await run(app, await actorOf(app, options.as), id), name));
      });

  simple('claim', 'take an unassigned case', (app, actor, id) => app.tickets.claim(actor, id));
  simple('close', 'close a case (the member is asked for a rating)', (app, actor, id) => app.tickets.close(actor, id));
  simple('reopen', 'reopen a closed case', (app, actor, id) => app.tickets.reopen(actor, id));

  for (const [name, description] of [
    ['reply', 'send a message to the member, in the channel they used'],
    ['note', 'add an internal note (never shown to the member)'],
  ] as const) {
    tickets
      .command(name)
      .argument('<id>', 'the case id')
      .argument('<text...>', 'the message')
      .option('--as <employeeNo>', 'the staff member acting')
      .option('--json', 'print the case as JSON')
      .description(description)
      .action(async (id: string, words: string[], options: Common) => {
        await withApp(async (app) => {
          const actor = await actorOf(app, options.as);
          const text = words.join(' ');
          print(options, name === 'reply' ? await app.tickets.reply(actor, id, text) : await app.tickets.note(actor, id, text), name);
        });
      });
  }

  tickets
    .command('status')
    .argument('<id>', 'the case id')
    .argument('<status>', 'claimed, waiting (for the member) or resolved')
    .option('--as <employeeNo>', 'the staff member acting')
    .option('--json', 'print the case as JSON')
    .description('set the status of an open case (use close and reopen for the rest)')
    .action(async (id: string, status: string, options: Common) => {
      await withApp(async (app) => {
        if (status !== 'claimed' && status !== 'waiting' && status !== 'resolved') throw new AppError('invalid_input', 'status must be claimed, waiting or resolved (use `tickets close` to close)');
        print(options, await app.tickets.setStatus(await actorOf(app, options.as), id, status), 'status');
      });
    });

  tickets
    .command('reassign')
    .argument('<id>', 'the case id')
    .requiredOption('--to <employeeNo>', 'the staff member to hand it to')
    .option('--as <employeeNo>', 'the staff member acting')
    .option('--json', 'print the case as JSON')
    .description('hand a case to another staff member')
    .action(async (id: string, options: Common & { to: string }) => {
      await withApp(async (app) => {
        const actor = await actorOf(app, options.as);
        print(options, await app.tickets.reassign(actor, id, await actorOf(app, options.to)), 'reassigned');
      });
    });

  tickets
    .command('erase')
    .requiredOption('--member <employeeNo>', 'the member who asked for their closed cases to be erased')
    .option('--as <employeeNo>', 'the admin acting (or the member themself)')
    .option('--json', 'JSON')
    .description("erase the content of a member's closed cases at their request")
    .action(async (options: Common & { member: string }) => {
      await withApp(async (app) => {
        const result = await app.tickets.eraseForMember(await actorOf(app, options.as), await actorOf(app, options.member));
        console.log(options.json ? JSON.stringify(result) : `erased ${result.erased} closed case(s)`);
      });
    });

  tickets
    .command('purge')
    .option('--json', 'JSON')
    .description('remove transcripts of closed psychological and crisis cases past TICKET_RETENTION_DAYS (also runs daily)')
    .action(async (options: { json?: boolean }) => {
      await withApp(async (app) => {
        const result = await app.tickets.purgeExpired(new Date(), 'cli');
        console.log(options.json ? JSON.stringify(result) : `purged ${result.purged} case(s)`);
      });
    });
}
