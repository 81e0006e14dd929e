import { Command } from 'commander';
import { ConfigError } from '../config.ts';
import { isAppError } from '../core/errors.ts';
import { registerAccountCommands } from './commands/accounts.ts';
import { registerChatCommand } from './commands/chat.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerEventCommands } from './commands/events.ts';
import { registerMemberCommands } from './commands/members.ts';
import { registerKnowledgeCommands } from './commands/knowledge.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSurveyCommands } from './commands/surveys.ts';
import { registerTicketCommands } from './commands/tickets.ts';
import { registerVoteCommands } from './commands/votes.ts';

/** The `union-assistant` command line. */
const program = new Command('union-assistant')
  .description('Union Assistant (工会助手): a trade union assistant for Slack, Microsoft Teams and web chat')
  .showHelpAfterError();

registerServeCommand(program);
registerChatCommand(program);
registerDbCommands(program);
registerMemberCommands(program);
registerKnowledgeCommands(program);
registerTicketCommands(program);
registerAccountCommands(program);
registerSurveyCommands(program);
registerVoteCommands(program);
registerEventCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || isAppError(error)) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
