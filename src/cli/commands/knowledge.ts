import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { detectLocale, normaliseLocale } from '../../core/locale.ts';
import { withApp } from '../context.ts';

/** A progress bar on stderr (a line per 10% when stderr is not a terminal). */
function progressBar(): (done: number, total: number, documentId: string) => void {
  let lastDecile = -1;
  return (done, total, documentId) => {
    if (process.stderr.isTTY) {
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${documentId.slice(0, 40).padEnd(40)}`);
      if (done === total) process.stderr.write('\n');
      return;
    }
    const decile = Math.floor((done / Math.max(total, 1)) * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`indexing: ${done}/${total}\n`);
    }
  };
}

/** `kb build|status`, `search`, `ask`: the knowledge base from the command line. */
export function registerKnowledgeCommands(program: Command): void {
  const kb = program.command('kb').description('the knowledge base index');
  kb.command('build')
    .description('build or update the index under DATA_DIR: unchanged documents are not re-embedded')
    .option('--json', 'print the build report as JSON')
    .action(async (options: { json?: boolean }) => {
      await withApp(async (app) => {
        const report = await app.knowledge.build({ onProgress: progressBar() });
        if (options.json) console.log(JSON.stringify(report));
        else
          console.log(
            `index version ${report.indexVersion}: ${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed, ${report.unchanged.length} unchanged; ${report.chunks} chunks (${report.embedded} embedded) in ${report.ms} ms`,
          );
      });
    });
  kb.command('status')
    .description('documents, chunks, and whether the content has changed since the last build')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      await withApp(async (app) => {
        const status = await app.knowledge.status();
        if (options.json) console.log(JSON.stringify(status));
        else {
          console.log(`documents: ${status.documents}, chunks: ${status.chunks}, index version: ${status.indexVersion}, built: ${status.builtAt ?? 'never'}`);
          console.log(`embedder: ${status.embedder?.id ?? 'none'}`);
          console.log(status.stale ? `stale: ${status.added.length} added, ${status.changed.length} changed, ${status.removed.length} removed since the last build` : 'up to date');
          for (const e of status.errors) console.log(`malformed: ${e.file}: ${e.reason}`);
        }
        return status.errors.length > 0 ? 1 : 0;
      });
    });

  program
    .command('search')
    .description('search the knowledge base: one question per line on stdin, one JSON line per question')
    .option('--k <n>', 'hits per question', '5')
    .option('--json', 'JSON lines (the only output format)')
    .action(async (options: { k: string }) => {
      const k = Number(options.k);
      if (!Number.isInteger(k) || k < 1 || k > 100) throw new Error('--k must be a whole number from 1 to 100');
      await withApp(async (app) => {
        await app.ensureKnowledgeIndex({ onProgress: progressBar() });
        for await (const line of createInterface({ input: process.stdin })) {
          const query = line.trim();
          if (!query) continue;
          const hits = await app.knowledge.search(query, k);
          console.log(JSON.stringify({ query, hits: hits.map((h) => ({ title: h.title, section: h.section, docType: h.docType, score: Number(h.score.toFixed(6)), chunkId: h.chunkId })) }));
        }
      });
    });

  program
    .command('ask')
    .argument('<question...>', 'the question')
    .option('--json', 'print {answer, citations, confidence, handoffSuggested, language}')
    .option('--locale <locale>', 'answer language when the question does not tell (zh-CN or en)')
    .description('answer one question from the knowledge base')
    .action(async (words: string[], options: { json?: boolean; locale?: string }) => {
      const question = words.join(' ');
      await withApp(async (app) => {
        await app.ensureKnowledgeIndex({ onProgress: progressBar() });
        const locale = detectLocale(question, normaliseLocale(options.locale) ?? app.config.defaultLocale);
        const answer = await app.answerer.answer(question, locale);
        if (options.json) {
          console.log(
            JSON.stringify({
              answer: answer.text,
              citations: answer.citations.map((c) => ({ title: c.title, section: c.section })),
              confidence: answer.confidence,
              handoffSuggested: answer.handoffSuggested,
              language: answer.language,
              kind: answer.kind,
              source: answer.source,
            }),
          );
        } else {
          console.log(answer.text);
          for (const c of answer.citations) console.log(`  · ${c.title} ${c.section}`.trimEnd());
        }
      });
    });
}
