import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { adminActor, localeOption } from '../../democracy/admin-actor.ts';
import { readDefinitionFile } from '../../democracy/definition-file.ts';
import { tallyText } from '../../flows/vote/vote-admin.ts';
import { toCsv } from '../../store/csv.ts';
import type { ElectionView } from '../../store/votes.ts';
import { withApp } from '../context.ts';

type Json = { json?: boolean };
type Acting = Json & { as?: string };

function summary(e: ElectionView): string {
  return `${e.id}\t${e.status}\t${e.kind}${e.kind === 'choose-up-to' ? `(${e.seats})` : ''}\t${e.secret ? 'secret' : 'open'}\t${e.title['zh-CN']}`;
}

/** `votes …`: elections, awards and motions, for administrators. */
export function registerVoteCommands(program: Command): void {
  const votes = program.command('votes').description('votes, elections and awards (评先评优): create, open, close, results');
  const acting = (c: Command) => c.option('--json', 'print JSON').option('--as <employeeNo>', 'the admin this is done as (recorded in the audit log)');

  acting(votes.command('create').requiredOption('--file <file>', 'definition (YAML or JSON)').option('--open', 'open it at once'))
    .description('create a vote from a definition file (a draft unless --open)')
    .action(async (options: Acting & { file: string; open?: boolean }) => {
      await withApp(async (app) => {
        const actor = await adminActor(app.store, options.as);
        let election = await app.votes.create(readDefinitionFile(options.file), actor, options.file);
        if (options.open) election = await app.votes.open(election.id, actor);
        console.log(options.json ? JSON.stringify(election) : `created ${summary(election)}`);
      });
    });

  acting(votes.command('edit').argument('<id>').requiredOption('--file <file>', 'definition (YAML or JSON)'))
    .description('replace a draft vote’s definition')
    .action(async (id: string, options: Acting & { file: string }) => {
      await withApp(async (app) => {
        const election = await app.votes.update((await app.votes.get(id)).id, readDefinitionFile(options.file), await adminActor(app.store, options.as), options.file);
        console.log(options.json ? JSON.stringify(election) : `updated ${summary(election)}`);
      });
    });

  votes
    .command('list')
    .option('--json', 'print JSON')
    .option('--status <status>', 'draft, open or closed')
    .action(async (options: Json & { status?: string }) => {
      await withApp(async (app) => {
        const status = options.status ? [options.status as ElectionView['status']] : undefined;
        const list = await app.votes.list({ status });
        if (options.json) console.log(JSON.stringify(list));
        else for (const e of list) console.log(summary(e));
      });
    });

  votes
    .command('show')
    .argument('<id>', 'vote id (or a unique prefix)')
    .option('--json', 'print JSON')
    .description('a vote’s definition, status and turnout (never results before it closes)')
    .action(async (id: string, options: Json) => {
      await withApp(async (app) => {
        const election = await app.votes.get(id);
        const turnout = await app.votes.turnout(election.id);
        const shown = { ...election, result: election.status === 'closed' ? election.result : null, turnout };
        if (options.json) console.log(JSON.stringify(shown));
        else {
          console.log(summary(election));
          for (const c of election.candidates) console.log(`  ${c.position + 1}. ${c.name['zh-CN']}${c.name.en !== c.name['zh-CN'] ? ` / ${c.name.en}` : ''}`);
          console.log(`turnout: ${turnout.participants} / ${turnout.eligible}`);
        }
      });
    });

  for (const verb of ['open', 'close'] as const) {
    acting(votes.command(verb).argument('<id>', 'vote id (or a unique prefix)'))
      .description(verb === 'open' ? 'open a draft for ballots (idempotent)' : 'close and count (idempotent; publishes winners to the honor roll)')
      .action(async (id: string, options: Acting) => {
        await withApp(async (app) => {
          const actor = await adminActor(app.store, options.as);
          const election = await app.votes.get(id);
          if (verb === 'open') {
            const opened = await app.votes.open(election.id, actor);
            console.log(options.json ? JSON.stringify(opened) : `open ${summary(opened)}`);
          } else {
            const tally = await app.votes.close(election.id, actor);
            console.log(options.json ? JSON.stringify({ id: election.id, status: 'closed', tally }) : tallyText(election, tally, app.config.defaultLocale));
          }
        });
      });
  }

  votes
    .command('results')
    .argument('<id>', 'vote id (or a unique prefix)')
    .option('--json', 'print JSON')
    .option('--locale <locale>', 'zh-CN or en')
    .description('the stored result of a closed vote (hidden while it is open)')
    .action(async (id: string, options: Json & { locale?: string }) => {
      await withApp(async (app) => {
        const { election, tally } = await app.votes.results(id);
        console.log(options.json ? JSON.stringify({ id: election.id, tally }) : tallyText(election, tally, localeOption(options.locale, app.config.defaultLocale)));
      });
    });

  votes
    .command('tally')
    .argument('<id>', 'vote id (or a unique prefix)')
    .option('--json', 'print JSON')
    .description('recount a closed vote from its ballots and compare with the stored result; exit code 1 if they differ')
    .action(async (id: string, options: Json) => {
      await withApp(async (app) => {
        const recount = await app.votes.recount(id);
        console.log(options.json ? JSON.stringify(recount) : recount.matches ? `recount matches the stored result (${recount.recounted.ballots} ballots)` : 'RECOUNT DIFFERS from the stored result');
        return recount.matches ? 0 : 1;
      });
    });

  votes
    .command('export')
    .argument('<id>', 'vote id (or a unique prefix)')
    .option('--out <file>', 'write to a file instead of stdout')
    .description('the ballots of a closed vote as CSV (choices only, in random order) for an independent recount')
    .action(async (id: string, options: { out?: string }) => {
      await withApp(async (app) => {
        const { election } = await app.votes.results(id);
        const ballots = await app.store.ballots.choices(election.id);
        const name = (choice: string) => election.candidates.find((c) => c.id === choice)?.name['zh-CN'] ?? choice;
        const csv = toCsv(['ballot', 'choices'], ballots.map((b, i) => [i + 1, b.map(name).join(';')]));
        if (options.out) writeFileSync(options.out, csv);
        else process.stdout.write(csv);
      });
    });

  votes
    .command('verify')
    .argument('<receipt>', 'a voter’s receipt code')
    .option('--json', 'print JSON')
    .description('check that the ballot with this receipt is in the count (shows no choices); exit code 1 if not')
    .action(async (receipt: string, options: Json) => {
      await withApp(async (app) => {
        const result = await app.votes.verifyReceipt(receipt);
        if (options.json) console.log(JSON.stringify(result ?? { counted: false }));
        else console.log(result ? `counted: a ballot with this receipt is in "${result.election.title['zh-CN']}" (${result.ballots} ballots, ${result.election.status})` : 'not counted: no ballot has this receipt');
        return result ? 0 : 1;
      });
    });

  votes
    .command('honor-roll')
    .option('--member <employeeNo>', 'one member’s honours')
    .option('--json', 'print JSON')
    .description('published winners (the honor roll)')
    .action(async (options: Json & { member?: string }) => {
      await withApp(async (app) => {
        const member = options.member ? await app.store.members.getByEmployeeNumber(options.member) : undefined;
        if (options.member && !member) throw new Error(`no member ${options.member}`);
        const roll = await app.votes.honorRoll(member?.id);
        if (options.json) console.log(JSON.stringify(roll));
        else for (const r of roll) console.log(`${r.awardedAt.toISOString().slice(0, 10)}\t${r.title['zh-CN']}\t${r.name['zh-CN']}\t${r.votes}`);
      });
    });
}
