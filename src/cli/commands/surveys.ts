import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { adminActor, localeOption } from '../../democracy/admin-actor.ts';
import { readDefinitionFile } from '../../democracy/definition-file.ts';
import { resultsText } from '../../flows/survey/survey-admin.ts';
import type { SurveyView } from '../../store/surveys.ts';
import { withApp } from '../context.ts';

type Json = { json?: boolean };
type Acting = Json & { as?: string };

function summary(s: SurveyView): string {
  return `${s.id}\t${s.status}\t${s.anonymous ? 'anonymous' : 'attributed'}\t${s.config.questions.length} questions\t${s.title['zh-CN']}`;
}

/** `surveys …`: surveys, for administrators. */
export function registerSurveyCommands(program: Command): void {
  const surveys = program.command('surveys').description('surveys: create, open, close, results, export, reminders');
  const acting = (c: Command) => c.option('--json', 'print JSON').option('--as <employeeNo>', 'the admin this is done as (recorded in the audit log)');

  acting(surveys.command('create').requiredOption('--file <file>', 'definition (YAML or JSON)').option('--open', 'open it at once'))
    .description('create a survey from a definition file (a draft unless --open)')
    .action(async (options: Acting & { file: string; open?: boolean }) => {
      await withApp(async (app) => {
        const actor = await adminActor(app.store, options.as);
        let survey = await app.surveys.create(readDefinitionFile(options.file), actor, options.file);
        if (options.open) survey = await app.surveys.open(survey.id, actor);
        console.log(options.json ? JSON.stringify(survey) : `created ${summary(survey)}`);
      });
    });

  acting(surveys.command('edit').argument('<id>').requiredOption('--file <file>', 'definition (YAML or JSON)'))
    .description('replace a draft survey’s definition')
    .action(async (id: string, options: Acting & { file: string }) => {
      await withApp(async (app) => {
        const survey = await app.surveys.update(id, readDefinitionFile(options.file), await adminActor(app.store, options.as), options.file);
        console.log(options.json ? JSON.stringify(survey) : `updated ${summary(survey)}`);
      });
    });

  surveys
    .command('list')
    .option('--json', 'print JSON')
    .option('--status <status>', 'draft, open or closed')
    .action(async (options: Json & { status?: string }) => {
      await withApp(async (app) => {
        const list = await app.surveys.list({ status: options.status ? [options.status as SurveyView['status']] : undefined });
        if (options.json) console.log(JSON.stringify(list));
        else for (const s of list) console.log(summary(s));
      });
    });

  surveys
    .command('show')
    .argument('<id>', 'survey id (or a unique prefix)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: Json) => {
      await withApp(async (app) => {
        const survey = await app.surveys.get(id);
        const counts = await app.store.surveys.counts(survey.id);
        if (options.json) console.log(JSON.stringify({ ...survey, ...counts }));
        else {
          console.log(summary(survey));
          for (const q of survey.config.questions) console.log(`  ${q.id}\t${q.type}${q.required ? '' : ' (optional)'}${q.showIf ? ` if ${q.showIf.question} in ${q.showIf.anyOf.join('|')}` : ''}\t${q.text['zh-CN']}`);
          console.log(`started: ${counts.started}, submitted: ${counts.submitted}`);
        }
      });
    });

  for (const verb of ['open', 'close'] as const) {
    acting(surveys.command(verb).argument('<id>', 'survey id (or a unique prefix)'))
      .description(verb === 'open' ? 'open a draft (idempotent; schedules reminders and closing)' : 'close (idempotent)')
      .action(async (id: string, options: Acting) => {
        await withApp(async (app) => {
          const actor = await adminActor(app.store, options.as);
          const survey = verb === 'open' ? await app.surveys.open(id, actor) : await app.surveys.close(id, actor);
          console.log(options.json ? JSON.stringify(survey) : `${survey.status} ${summary(survey)}`);
        });
      });
  }

  surveys
    .command('results')
    .argument('<id>', 'survey id (or a unique prefix)')
    .option('--json', 'print JSON')
    .option('--locale <locale>', 'zh-CN or en')
    .description('counts and percentages per question, free text, and a department breakdown where every group is large enough')
    .action(async (id: string, options: Json & { locale?: string }) => {
      await withApp(async (app) => {
        const { survey, results, started, submitted } = await app.surveys.results(id);
        if (options.json) console.log(JSON.stringify({ id: survey.id, started, submitted, ...results }));
        else console.log(resultsText(survey.title[localeOption(options.locale, app.config.defaultLocale)], results, survey.minGroupSize, localeOption(options.locale, app.config.defaultLocale)));
      });
    });

  surveys
    .command('export')
    .argument('<id>', 'survey id (or a unique prefix)')
    .option('--responses', 'the responses, one per row, instead of the results')
    .option('--out-dir <dir>', 'write results.csv and responses.csv into this folder')
    .option('--locale <locale>', 'zh-CN or en')
    .description('CSV safe to open in a spreadsheet (no formula injection)')
    .action(async (id: string, options: { responses?: boolean; outDir?: string; locale?: string }) => {
      await withApp(async (app) => {
        const csv = await app.surveys.exportCsv(id, localeOption(options.locale, app.config.defaultLocale));
        if (options.outDir) {
          writeFileSync(join(options.outDir, 'results.csv'), csv.results);
          writeFileSync(join(options.outDir, 'responses.csv'), csv.responses);
          console.log(JSON.stringify({ results: join(options.outDir, 'results.csv'), responses: join(options.outDir, 'responses.csv') }));
        } else process.stdout.write(options.responses ? csv.responses : csv.results);
      });
    });

  surveys
    .command('remind')
    .argument('<id>', 'survey id (or a unique prefix)')
    .option('--json', 'print JSON')
    .description('remind every eligible member who has not submitted, now (once per member per day)')
    .action(async (id: string, options: Json) => {
      await withApp(async (app) => {
        const result = await app.surveys.remind(id, `manual-${new Date().toISOString().slice(0, 10)}`);
        console.log(options.json ? JSON.stringify(result) : `reminded ${result.reminded}; ${result.unreachable} could not be reached`);
      });
    });
}
