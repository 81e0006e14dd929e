import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { adminActor } from '../../democracy/admin-actor.ts';
import { readDefinitionFile } from '../../democracy/definition-file.ts';
import type { EventView } from '../../store/events.ts';
import { withApp } from '../context.ts';

type Json = { json?: boolean };
type Acting = Json & { as?: string };

function summary(e: EventView): string {
  return `${e.id}\t${e.status}\t${e.startsAt.toISOString()}\t${e.confirmed}/${e.capacity} (+${e.waitlisted} waitlisted)\t${e.title['zh-CN']}`;
}

/** `events …`: events and their attendees, for administrators. */
export function registerEventCommands(program: Command): void {
  const events = program.command('events').description('events: create, open, close, attendees, check-in');
  const acting = (c: Command) => c.option('--json', 'print JSON').option('--as <employeeNo>', 'the admin this is done as (recorded in the audit log)');

  acting(events.command('create').requiredOption('--file <file>', 'definition (YAML or JSON)').option('--open', 'open sign-ups at once'))
    .description('create an event from a definition file (a draft unless --open)')
    .action(async (options: Acting & { file: string; open?: boolean }) => {
      await withApp(async (app) => {
        const actor = await adminActor(app.store, options.as);
        let event = await app.events.create(readDefinitionFile(options.file), actor, options.file);
        if (options.open) event = await app.events.open(event.id, actor);
        console.log(options.json ? JSON.stringify(event) : `created ${summary(event)}`);
      });
    });

  acting(events.command('edit').argument('<id>').requiredOption('--file <file>', 'definition (YAML or JSON)'))
    .description('change an event (a larger capacity promotes from the waitlist)')
    .action(async (id: string, options: Acting & { file: string }) => {
      await withApp(async (app) => {
        const event = await app.events.update(id, readDefinitionFile(options.file), await adminActor(app.store, options.as), options.file);
        console.log(options.json ? JSON.stringify(event) : `updated ${summary(event)}`);
      });
    });

  events
    .command('list')
    .option('--json', 'print JSON')
    .option('--status <status>', 'draft, open, closed or cancelled')
    .action(async (options: Json & { status?: string }) => {
      await withApp(async (app) => {
        const list = await app.events.list({ status: options.status ? [options.status as EventView['status']] : undefined });
        if (options.json) console.log(JSON.stringify(list));
        else for (const e of list) console.log(summary(e));
      });
    });

  events
    .command('show')
    .argument('<id>', 'event id (or a unique prefix)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: Json) => {
      await withApp(async (app) => {
        const event = await app.events.get(id);
        console.log(options.json ? JSON.stringify(event) : summary(event));
      });
    });

  for (const verb of ['open', 'close'] as const) {
    acting(events.command(verb).argument('<id>', 'event id (or a unique prefix)'))
      .description(verb === 'open' ? 'open sign-ups (idempotent; schedules reminders)' : 'close sign-ups (idempotent; places are kept)')
      .action(async (id: string, options: Acting) => {
        await withApp(async (app) => {
          const actor = await adminActor(app.store, options.as);
          const event = verb === 'open' ? await app.events.open(id, actor) : await app.events.close(id, actor);
          console.log(options.json ? JSON.stringify(event) : `${event.status} ${summary(event)}`);
        });
      });
  }

  const attendees = async (id: string, options: Json & { out?: string; csv?: boolean }) => {
    await withApp(async (app) => {
      if (options.csv || options.out) {
        const csv = await app.events.attendeesCsv(id);
        if (options.out) writeFileSync(options.out, csv);
        else process.stdout.write(csv);
        return;
      }
      const { event, attendees: list } = await app.events.attendees(id);
      if (options.json) console.log(JSON.stringify({ id: event.id, capacity: event.capacity, attendees: list.map((a) => ({ ...a.registration, employeeNumber: a.member?.employeeNumber, name: a.member?.name, department: a.member?.department })) }));
      else for (const a of list) console.log(`${a.registration.status}${a.registration.position ? ` #${a.registration.position}` : ''}\t${a.member?.employeeNumber ?? ''}\t${a.member?.name ?? ''}\t${a.registration.checkInCode}${a.registration.checkedInAt ? '\tchecked in' : ''}`);
    });
  };
  events
    .command('attendees')
    .argument('<id>', 'event id (or a unique prefix)')
    .option('--json', 'print JSON')
    .option('--csv', 'CSV (safe to open in a spreadsheet)')
    .option('--out <file>', 'write the CSV to a file')
    .description('confirmed attendees, then the waitlist in order')
    .action(attendees);
  events
    .command('export')
    .argument('<id>', 'event id (or a unique prefix)')
    .option('--out <file>', 'write to a file instead of stdout')
    .description('the attendee list as CSV')
    .action((id: string, options: { out?: string }) => attendees(id, { ...options, csv: true }));

  acting(events.command('checkin').argument('<id>', 'event id (or a unique prefix)').argument('<code>', 'the check-in code on the attendee’s invitation'))
    .description('check an attendee in (idempotent)')
    .action(async (id: string, code: string, options: Acting) => {
      await withApp(async (app) => {
        const attendee = await app.events.checkIn(id, code, await adminActor(app.store, options.as));
        console.log(options.json ? JSON.stringify({ ...attendee.registration, name: attendee.member?.name, employeeNumber: attendee.member?.employeeNumber }) : `checked in: ${attendee.member?.name ?? attendee.registration.memberId}`);
      });
    });
}
