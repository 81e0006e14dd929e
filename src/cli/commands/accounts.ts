import type { Command } from 'commander';
import { webContext } from '../../bots/web/attach-web.ts';
import { withApp } from '../context.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the first line: `echo secret | …` adds a newline that is not part of the password.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

function linkUrl(publicUrl: string | undefined, token: string): string {
  return `${(publicUrl ?? 'http://localhost:3978').replace(/\/$/, '')}/login/link?token=${token}`;
}

/**
 * `accounts create|reset`: web sign-ins for the console and the member chat, so that the first
 * admin can be set up without the web. With --password-stdin the password is read from standard
 * input (never from an argument, which other users could see); without it a one-time sign-in
 * link is printed, valid for 24 hours.
 */
export function registerAccountCommands(program: Command): void {
  const accounts = program.command('accounts').description('web console and web chat sign-ins');
  for (const verb of ['create', 'reset'] as const) {
    accounts
      .command(verb)
      .requiredOption('--member <ref>', 'employee number or member id')
      .option('--password-stdin', 'read the password from standard input (at least 10 characters)')
      .option('--json', 'print the result as JSON')
      .option('--actor <id>', 'who is doing this (for the audit log)', 'cli')
      .description(verb === 'create' ? 'create the web account of a member' : 'set a new password or issue a new sign-in link; signs the account out everywhere')
      .action(async (options: { member: string; passwordStdin?: boolean; json?: boolean; actor: string }) => {
        const password = options.passwordStdin ? await readStdin() : undefined;
        await withApp(async (app) => {
          const { auth } = webContext(app);
          const result = verb === 'create' ? await auth.createAccount(options.member, password, options.actor) : await auth.resetAccount(options.member, password, options.actor);
          const link = result.link ? { url: linkUrl(app.config.publicUrl, result.link.token), expiresAt: result.link.expiresAt.toISOString() } : undefined;
          if (options.json) console.log(JSON.stringify({ username: result.account.username, memberId: result.account.memberId, link }));
          else {
            console.log(`${verb === 'create' ? 'created' : 'reset'} web account ${result.account.username}`);
            if (link) console.log(`one-time sign-in link (valid until ${link.expiresAt}): ${link.url}`);
          }
        });
      });
  }
}
