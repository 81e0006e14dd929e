import type { App } from '../../src/app.ts';
import type { InboundEventInput } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Member } from '../../src/store/members.ts';

/** Adds members E001…E{n} (departments by `department(i)`) and returns them in order. */
export async function roster(app: App, n: number, department: (i: number) => string = () => '研发部', extra: (i: number) => string = () => ''): Promise<Member[]> {
  const lines = ['name,employee_number,department,email,status,roles'];
  for (let i = 1; i <= n; i++) lines.push(`会员${i},E${String(i).padStart(3, '0')},${department(i)},,member,${extra(i)}`);
  const report = await app.store.members.importCsv(lines.join('\n'));
  if (report.errors.length) throw new Error(JSON.stringify(report.errors));
  const all = await app.store.members.list();
  return all.filter((m) => /^E\d{3}$/.test(m.employeeNumber)).sort((a, b) => a.employeeNumber.localeCompare(b.employeeNumber));
}

/** A chat user on the CLI channel, linked to a member (or not). */
export function chatUser(app: App, user: string) {
  const base = { channel: 'cli' as const, conversationKey: `cli:${user}`, identity: { channel: 'cli' as const, tenant: '', externalId: user } };
  let last: Reply[] = [];
  const send = async (input: InboundEventInput['input'], locale?: 'zh-CN' | 'en') => {
    const outcome = await app.assistant.handle({ ...base, input, ...(locale ? { locale } : {}) });
    last = outcome.replies;
    return outcome.replies;
  };
  return {
    say: (text: string) => send({ type: 'message', text }),
    /** Presses the first button whose label contains `label` in the replies of the last turn. */
    press: (label: string | RegExp, replies: Reply[] = last) => {
      const value = buttons(replies).find((b) => (typeof label === 'string' ? b.label.includes(label) : label.test(b.label)))?.value;
      if (!value) throw new Error(`no button ${String(label)} in ${JSON.stringify(buttons(replies).map((b) => b.label))}`);
      return send({ type: 'action', value });
    },
    action: (value: string) => send({ type: 'action', value }),
    form: (formId: string, values: Record<string, string | string[]>) => send({ type: 'form', formId, values }),
    link: (employeeNumber: string) => app.store.members.link({ channel: 'cli', tenant: '', externalId: user }, employeeNumber),
    outbox: () => app.store.outbox.take('cli', `cli:${user}`),
    get last() {
      return last;
    },
  };
}

/** Every button of some replies, in order. */
export function buttons(replies: Reply[]): { label: string; value: string }[] {
  return replies.flatMap((r) => (r.type === 'card' || r.type === 'answer' ? r.actions : r.type === 'choices' ? r.choices : []));
}

/** All the text of some replies, for assertions. */
export function text(replies: Reply[]): string {
  return JSON.stringify(replies);
}

export const inHours = (hours: number, from = new Date()) => new Date(from.getTime() + hours * 3_600_000).toISOString();
