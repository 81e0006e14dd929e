import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { InboundEventInput } from '../../core/inbound.ts';
import { normaliseLocale } from '../../core/locale.ts';
import type { Reply } from '../../core/reply.ts';
import { numberActions, renderForTerminal, type NumberedAction } from '../render.ts';
import { withApp } from '../context.ts';

/**
 * `chat --user ID`: talk to the assistant in a terminal. Typing the number of a button presses
 * it; `/say TEXT` sends text literally (e.g. a number); `/action JSON` and `/form ID JSON` send
 * raw button values and forms (for scripts).
 */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('talk to the assistant in the terminal (one message per line when stdin is not a terminal)')
    .requiredOption('--user <id>', 'the CLI identity to talk as (link it to a member with `members link`)')
    .option('--json', 'print one JSON object per message handled: {input, locale, replies, actions}')
    .option('--locale <locale>', 'fallback language when a message does not tell (zh-CN or en)')
    .action(async (options: { user: string; json?: boolean; locale?: string }) => {
      await withApp(async (app) => {
        const interactive = process.stdin.isTTY && !options.json;
        const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
        // Take the iterator now: lines that arrive while the outbox is read below are buffered, not lost.
        const lines = rl[Symbol.asyncIterator]();
        let lastActions: NumberedAction[] = [];
        const base = {
          channel: 'cli' as const,
          conversationKey: `cli:${options.user}`,
          identity: { channel: 'cli' as const, tenant: '', externalId: options.user, displayName: options.user },
          locale: normaliseLocale(options.locale),
        };
        const toInput = (line: string): InboundEventInput['input'] => {
          const trimmed = line.trim();
          if (/^\d{1,3}$/.test(trimmed) && lastActions.length > 0) {
            const chosen = lastActions.find((a) => a.n === Number(trimmed));
            if (chosen) return { type: 'action', value: chosen.value };
          }
          if (trimmed.startsWith('/say ')) return { type: 'message', text: trimmed.slice(5) };
          if (trimmed.startsWith('/action ')) return { type: 'action', value: trimmed.slice(8) };
          const form = /^\/form\s+(\S+)\s+(.+)$/.exec(trimmed);
          if (form) return { type: 'form', formId: form[1]!, values: JSON.parse(form[2]!) as Record<string, string> };
          return { type: 'message', text: line };
        };
        // Messages sent while this member was away (staff replies, reminders) come first.
        const showOutbox = async () => {
          const waiting = await app.store.outbox.take('cli', base.conversationKey);
          const replies = waiting.flatMap((m) => m.replies);
          if (replies.length === 0) return;
          const actions = numberActions(replies);
          if (actions.length > 0) lastActions = actions;
          if (options.json) console.log(JSON.stringify({ proactive: true, replies, actions }));
          else console.log(`${renderForTerminal(replies)}\n`);
        };
        await showOutbox();
        if (interactive) {
          console.log('Union Assistant — type "help" / “帮助”, a number to press a button, Ctrl+D to quit.');
          rl.setPrompt('> ');
          rl.prompt();
        }
        for await (const line of { [Symbol.asyncIterator]: () => lines }) {
          if (line.trim() === '') {
            if (interactive) rl.prompt();
            continue;
          }
          let replies: Reply[] = [];
          let locale = '';
          try {
            const outcome = await app.assistant.handle({ ...base, input: toInput(line) });
            replies = outcome.replies;
            locale = outcome.locale;
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            if (options.json) console.log(JSON.stringify({ input: line, error: message }));
            else console.error(`error: ${message}`);
            if (interactive) rl.prompt();
            continue;
          }
          const actions = numberActions(replies);
          if (actions.length > 0) lastActions = actions;
          if (options.json) console.log(JSON.stringify({ input: line, locale, replies, actions }));
          else console.log(`${renderForTerminal(replies)}\n`);
          await showOutbox();
          if (interactive) rl.prompt();
        }
      });
    });
}
