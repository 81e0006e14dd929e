import { createApp, type App, type AppOverrides } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { FaqAnswer, FaqAnswerer } from '../../src/flows/faq/faq-flow.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Member } from '../../src/store/members.ts';
import { freshDatabase } from '../helpers/database.ts';

/** A database that outlives the apps opened over it (for restarts). */
export async function sharedDatabase(provider: 'sqlite' | 'postgresql') {
  const db = await freshDatabase(provider);
  const apps: App[] = [];
  return {
    ...db,
    /** Opens an application over the database, as a (re)started instance would. */
    async open(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<App> {
      const app = await createApp(loadConfig({ DATA_DIR: db.dir, DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...env }), overrides);
      apps.push(app);
      return app;
    },
    async closeApp(app: App): Promise<void> {
      apps.splice(apps.indexOf(app), 1);
      await app.close();
    },
    async drop(): Promise<void> {
      for (const app of apps.splice(0)) await app.close();
      await db.drop();
    },
  };
}

/** The roster the tests use: a member, two staff, a counsellor, an admin. */
export async function roster(app: App): Promise<{ member: Member; staff: Member; staff2: Member; counsellor: Member; admin: Member }> {
  const add = (employeeNumber: string, name: string, roles: string) => app.store.members.upsert({ name, employeeNumber, department: 'D', email: '', status: 'member', roles });
  const member = await add('E001', '张三', '');
  const staff = await add('E002', '李四', 'staff');
  const staff2 = await add('E005', '赵六', 'staff');
  const counsellor = await add('E003', '王五', 'counsellor');
  const admin = await add('E004', '钱七', 'admin');
  await app.store.members.link({ channel: 'cli', tenant: '', externalId: 'u1' }, 'E001');
  return { member, staff, staff2, counsellor, admin };
}

/** What the member does in the CLI channel, as the chat command sends it. */
export function member(app: App, user = 'u1') {
  const base = { channel: 'cli' as const, conversationKey: `cli:${user}`, identity: { channel: 'cli' as const, tenant: '', externalId: user, displayName: user } };
  return {
    conversationKey: base.conversationKey,
    say: async (text: string) => (await app.assistant.handle({ ...base, input: { type: 'message', text } })).replies,
    press: async (value: string) => (await app.assistant.handle({ ...base, input: { type: 'action', value } })).replies,
    /** Messages sent to this conversation outside a turn (what the chat shows first). */
    inbox: async () => (await app.store.outbox.take('cli', base.conversationKey)).flatMap((m) => m.replies),
  };
}

/** The button values of replies. */
export function buttons(replies: Reply[]): { label: string; value: string }[] {
  return replies.flatMap((r) => (r.type === 'answer' || r.type === 'card' ? r.actions : r.type === 'choices' ? r.choices : []));
}

export function textOf(replies: Reply[]): string {
  return replies.map((r) => ('text' in r ? r.text : 'prompt' in r ? r.prompt : '')).join('\n');
}

/**
 * A question answerer with a fixed, low-confidence legal answer: the FAQ flow then offers a
 * person. It stands in for the knowledge module at the answerer seam (AppOverrides.answerer) so
 * that the handoff tests do not depend on what the knowledge base says.
 */
export const unsureAnswerer: FaqAnswerer = {
  async answer(_question, locale): Promise<FaqAnswer> {
    return {
      text: locale === 'en' ? 'It depends on your contract.' : '这要看您的劳动合同约定。',
      citations: [],
      confidence: 0.2,
      handoffSuggested: true,
      language: locale,
      kind: 'legal',
      source: 'extractive',
    };
  },
};
