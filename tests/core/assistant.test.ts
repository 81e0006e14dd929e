import { afterEach, describe, expect, it } from 'vitest';
import { Assistant } from '../../src/core/assistant.ts';
import type { Flow } from '../../src/core/flow.ts';
import { createLogger } from '../../src/core/logger.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createHelpFlow } from '../../src/flows/help/help-flow.ts';
import { createFaqFlow } from '../../src/flows/faq/faq-flow.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

const logger = createLogger('silent');
const identity = { channel: 'cli' as const, tenant: '', externalId: 'u1' };
const message = (text: string, extra: Record<string, unknown> = {}) => ({ channel: 'cli' as const, conversationKey: 'cli:u1', identity, input: { type: 'message' as const, text }, ...extra });

/** A flow that counts turns in the session, slowly, to make turns overlap. */
function counterFlow(delays: number[]): Flow {
  let call = 0;
  return {
    name: 'counter',
    async onIntent(ctx, text) {
      if (text !== 'count') return undefined;
      const state = (ctx.session.state.flow?.state as { n: number } | undefined) ?? { n: 0 };
      await new Promise((r) => setTimeout(r, delays[call++ % delays.length]));
      return { replies: [{ type: 'text', text: `n=${state.n + 1}` }], state: { flow: { name: 'counter', state: { n: state.n + 1 } } } };
    },
    async continue(ctx, text) {
      return this.onIntent!(ctx, text);
    },
  };
}

describe.each(providers)('conversation core on %s', (provider) => {
  let store: Store;
  let drop: () => Promise<void>;
  afterEach(async () => {
    await store?.close();
    await drop?.();
  });
  async function assistant(flows: Flow[] = []) {
    const db = await freshDatabase(provider);
    drop = db.drop;
    store = await openStore(db.url);
    return new Assistant({ store, logger, flows: [createHelpFlow(() => []), ...flows], fallback: createFaqFlow({ store }) });
  }

  it('answers help in the language of the message', async () => {
    const a = await assistant();
    const en = await a.handle(message('help'));
    const zh = await a.handle(message('帮助'));
    expect(en.locale).toBe('en');
    expect(zh.locale).toBe('zh-CN');
    expect(en.replies[0]).toMatchObject({ type: 'text', text: expect.stringContaining('I can') });
    expect(zh.replies[0]).toMatchObject({ type: 'text', text: expect.stringContaining('我可以') });
    // An unlinked identity is told what it cannot do, and why.
    expect(zh.replies[0]!.type === 'text' && zh.replies[0]!.text).toContain('实名核验');
  });

  it('says honestly when question answering is unavailable', async () => {
    const a = await assistant();
    const out = await a.handle(message('年假有几天'));
    expect(out.replies[0]).toMatchObject({ type: 'text', text: expect.stringContaining('暂时不可用') });
  });

  it('rejects malformed events with a clear error', async () => {
    const a = await assistant();
    await expect(a.handle({ ...message('hi'), channel: 'fax' } as never)).rejects.toThrow(/invalid inbound event: channel/);
    await expect(a.handle({ ...message('x'.repeat(9000)) })).rejects.toThrow(/input.text/);
  });

  it('never applies two concurrent turns of one conversation on the same state', async () => {
    const a = await assistant([counterFlow([80, 0, 40, 10, 60, 5])]);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => a.handle(message('count'))));
    const texts = outcomes.map((o) => (o.replies[0]!.type === 'text' ? o.replies[0]!.text : o.replies[0]!.type));
    // Each turn that applied saw the state left by the one before it: no two saw the same n.
    const applied = texts.filter((t) => t.startsWith('n='));
    expect(new Set(applied).size).toBe(applied.length);
    const session = await store.sessions.load('cli', 'cli:u1', 'zh-CN');
    expect((session.state.flow?.state as { n: number }).n).toBe(applied.length);
    expect(session.version).toBe(applied.length);
    // Turns that lost every race were told to resend, not silently dropped.
    for (const t of texts.filter((t) => !t.startsWith('n='))) expect(t).toBe('notice');
  });

  it('handles a retried delivery of the same event once', async () => {
    const a = await assistant([counterFlow([30])]);
    const [first, second] = await Promise.all([a.handle(message('count', { eventId: 'Ev1' })), a.handle(message('count', { eventId: 'Ev1' }))]);
    const third = await a.handle(message('count', { eventId: 'Ev1' }));
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    expect(third.duplicate).toBe(true);
    const session = await store.sessions.load('cli', 'cli:u1', 'zh-CN');
    expect((session.state.flow?.state as { n: number }).n).toBe(1);
    const transcript = await store.transcripts.recent(session.id);
    expect(transcript.filter((l) => l.author === 'member')).toHaveLength(1);
  });

  it('keeps nothing of a turn marked transcript: omit (a secret choice)', async () => {
    const secret: Flow = {
      name: 'secret',
      async onIntent(_ctx, text) {
        return text.startsWith('my choice') ? { replies: [{ type: 'text', text: `You chose ${text.slice(10)}` }], transcript: 'omit' } : undefined;
      },
    };
    const a = await assistant([secret]);
    await a.handle(message('help'));
    await a.handle(message('my choice Alice'));
    const session = await store.sessions.load('cli', 'cli:u1', 'zh-CN');
    const lines = await store.transcripts.recent(session.id);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('Alice');
  });

  it('refuses a forged or stale button value without crashing', async () => {
    const a = await assistant();
    const out = await a.handle({ ...message(''), input: { type: 'action', value: '{"a":"vote.cast","x":1}' } });
    expect(out.replies[0]).toMatchObject({ type: 'notice', level: 'warning' });
    const garbage = await a.handle({ ...message(''), input: { type: 'action', value: 'not json' } });
    expect(garbage.replies[0]).toMatchObject({ type: 'notice' });
  });
});
