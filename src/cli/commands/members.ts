import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ChannelSchema } from '../../core/inbound.ts';
import { RoleSchema, MemberStatusSchema } from '../../store/members.ts';
import { withApp } from '../context.ts';

/** `members import|list|link|roles`: the roster, the basis of real-name verification. */
export function registerMemberCommands(program: Command): void {
  const members = program.command('members').description('the member roster');

  members
    .command('import')
    .argument('<file>', 'CSV with a header: name, employee_number, department, email, status, roles')
    .option('--json', 'print the report as JSON')
    .option('--actor <id>', 'who is importing (for the audit log)', 'cli')
    .description('import or update members; invalid rows are reported by line and nothing of them is written')
    .action(async (file: string, options: { json?: boolean; actor: string }) => {
      await withApp(async (app) => {
        const report = await app.store.members.importCsv(readFileSync(file, 'utf8'));
        await app.store.audit.record({ actor: options.actor, action: 'members.import', target: 'roster', details: { created: report.created, updated: report.updated, rejected: report.errors.length } });
        if (options.json) console.log(JSON.stringify(report));
        else {
          console.log(`imported: ${report.created} created, ${report.updated} updated, ${report.errors.length} rejected`);
          for (const e of report.errors) console.error(`line ${e.line}: ${e.reason}`);
        }
        return report.errors.length > 0 ? 1 : 0;
      });
    });

  members
    .command('list')
    .option('--json', 'one JSON array')
    .option('--department <name>')
    .option('--role <role>')
    .option('--search <text>')
    .description('list members')
    .action(async (options: { json?: boolean; department?: string; role?: string; search?: string }) => {
      await withApp(async (app) => {
        const role = options.role ? RoleSchema.parse(options.role) : undefined;
        const list = await app.store.members.list({ department: options.department, role, search: options.search });
        if (options.json) console.log(JSON.stringify(list));
        else for (const m of list) console.log(`${m.employeeNumber}\t${m.name}\t${m.department}\t${m.status}\t${m.roles.join(',')}`);
      });
    });

  members
    .command('link')
    .requiredOption('--member <ref>', 'member id or employee number')
    .requiredOption('--user <externalId>', 'the platform user id (for the CLI: the --user of `chat`)')
    .option('--channel <channel>', 'slack, teams, web or cli', 'cli')
    .option('--tenant <tenant>', 'Slack team id or Teams tenant id', '')
    .option('--actor <id>', 'who is linking (for the audit log)', 'cli')
    .description('link a platform identity to a member')
    .action(async (options: { member: string; user: string; channel: string; tenant: string; actor: string }) => {
      await withApp(async (app) => {
        const channel = ChannelSchema.parse(options.channel);
        const { identity, member } = await app.store.members.link({ channel, tenant: options.tenant, externalId: options.user }, options.member);
        await app.store.audit.record({ actor: options.actor, action: 'members.link', target: member.id, details: { channel, tenant: options.tenant, identity: identity.id } });
        console.log(JSON.stringify({ identity, member: { id: member.id, name: member.name, employeeNumber: member.employeeNumber } }));
      });
    });

  members
    .command('roles')
    .argument('<member>', 'member id or employee number')
    .argument('<roles...>', 'roles: staff counsellor editor admin (member is always kept)')
    .option('--actor <id>', 'who is changing roles (for the audit log)', 'cli')
    .description('set the roles of a member')
    .action(async (ref: string, roles: string[], options: { actor: string }) => {
      await withApp(async (app) => {
        const member = (await app.store.members.get(ref)) ?? (await app.store.members.getByEmployeeNumber(ref));
        if (!member) throw new Error(`no member ${ref}`);
        const updated = await app.store.members.setRoles(member.id, roles.map((r) => RoleSchema.parse(r)));
        await app.store.audit.record({ actor: options.actor, action: 'members.roles', target: member.id, details: { roles: updated.roles } });
        console.log(JSON.stringify(updated));
      });
    });

  members
    .command('status')
    .argument('<member>', 'member id or employee number')
    .argument('<status>', 'member, non-member or suspended')
    .option('--actor <id>', 'who is changing it (for the audit log)', 'cli')
    .action(async (ref: string, status: string, options: { actor: string }) => {
      await withApp(async (app) => {
        const member = (await app.store.members.get(ref)) ?? (await app.store.members.getByEmployeeNumber(ref));
        if (!member) throw new Error(`no member ${ref}`);
        const updated = await app.store.members.setStatus(member.id, MemberStatusSchema.parse(status));
        await app.store.audit.record({ actor: options.actor, action: 'members.status', target: member.id, details: { status } });
        console.log(JSON.stringify(updated));
      });
    });
}
