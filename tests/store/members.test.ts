import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

describe.each(providers)('member roster on %s', (provider) => {
  let store: Store;
  let drop: () => Promise<void>;

  async function open() {
    const db = await freshDatabase(provider);
    drop = db.drop;
    store = await openStore(db.url);
  }

  afterEach(async () => {
    await store?.close();
    await drop?.();
  });

  const csv = [
    'name,employee_number,department,email,status,roles',
    '张三,E001,研发部,zhang@example.com,member,',
    '李四,E002,研发部,li@example.com,member,staff;counsellor',
    ',E003,行政部,,member,', // line 4: no name
    'Wang Wu,E004,Sales,wang@example.com,member,admin',
    '赵六,E005,财务部,not-an-email,member,', // line 6: bad email
  ].join('\n');

  it('applies valid rows and reports invalid ones by line, writing nothing of them', async () => {
    await open();
    const report = await store.members.importCsv(csv);
    expect(report.created).toBe(3);
    expect(report.updated).toBe(0);
    expect(report.errors.map((e) => e.line)).toEqual([4, 6]);
    expect(report.errors[0]!.reason).toMatch(/name/);
    expect(report.errors[1]!.reason).toMatch(/email/);
    const all = await store.members.list();
    expect(all.map((m) => m.employeeNumber)).toEqual(['E001', 'E002', 'E004']);
    expect(all.find((m) => m.employeeNumber === 'E002')!.roles).toEqual(['member', 'staff', 'counsellor']);
  });

  it('updates existing members on re-import and refuses duplicates within a file', async () => {
    await open();
    await store.members.importCsv(csv);
    const again = await store.members.importCsv(
      ['employee_number,name,department,status', 'E001,张三,市场部,suspended', 'E001,张三,市场部,member', 'E009,新人,市场部,retired'].join('\r\n'),
    );
    expect(again.updated).toBe(1);
    expect(again.created).toBe(0);
    expect(again.errors).toEqual([
      { line: 3, reason: 'employee_number E001 already appears on line 2' },
      { line: 4, reason: expect.stringMatching(/status/) },
    ]);
    const zhang = await store.members.getByEmployeeNumber('E001');
    expect(zhang).toMatchObject({ department: '市场部', status: 'suspended' });
  });

  it('rejects a file with an unknown column or without required columns, writing nothing', async () => {
    await open();
    await expect(store.members.importCsv('name,shoe_size\nA,42')).rejects.toThrow(/unknown column.*shoe_size/);
    await expect(store.members.importCsv('name,department\nA,B')).rejects.toThrow(/employee_number/);
    await expect(store.members.importCsv('name,employee_number\n"A,E1')).rejects.toThrow(/line 2/);
    expect(await store.members.list()).toEqual([]);
  });

  it('refuses an email that belongs to another member', async () => {
    await open();
    await store.members.importCsv(csv);
    const report = await store.members.importCsv('name,employee_number,email\nX,E100,zhang@example.com');
    expect(report.errors).toEqual([{ line: 2, reason: 'email zhang@example.com belongs to member E001' }]);
  });

  it('links platform identities, by hand and by verified email', async () => {
    await open();
    await store.members.importCsv(csv);
    const unknown = await store.members.resolveIdentity({ channel: 'slack', tenant: 'T1', externalId: 'U1' });
    expect(unknown.member).toBeUndefined();
    const linked = await store.members.link({ channel: 'slack', tenant: 'T1', externalId: 'U1' }, 'E002');
    expect(linked.member.name).toBe('李四');
    expect((await store.members.resolveIdentity({ channel: 'slack', tenant: 'T1', externalId: 'U1' })).member?.employeeNumber).toBe('E002');
    const byEmail = await store.members.resolveIdentity({ channel: 'teams', tenant: 'tenant', externalId: 'aad-1', email: 'Wang@Example.com' });
    expect(byEmail.member?.employeeNumber).toBe('E004');
    await expect(store.members.link({ channel: 'cli', tenant: '', externalId: 'x' }, 'E999')).rejects.toThrow(/no member/);
  });

  // A known identity is resolved by one raw statement (src/store/members.ts): it must give what
  // the model API gives, and see roster changes at once.
  it('resolves a known identity exactly as the roster says, on every turn', async () => {
    await open();
    await store.members.importCsv(csv);
    await store.members.link({ channel: 'slack', tenant: 'T1', externalId: 'U2', displayName: 'Li' }, 'E002');
    const resolved = await store.members.resolveIdentity({ channel: 'slack', tenant: 'T1', externalId: 'U2', email: 'someone.else@example.com' });
    expect(resolved.member).toEqual(await store.members.getByEmployeeNumber('E002'));
    expect(resolved.member).toEqual({ id: expect.any(String), name: '李四', employeeNumber: 'E002', department: '研发部', email: 'li@example.com', status: 'member', roles: ['member', 'staff', 'counsellor'], locale: null });
    expect(resolved.identity).toMatchObject({ channel: 'slack', tenant: 'T1', externalId: 'U2', memberId: resolved.member!.id });
    // Same external id in another workspace: another identity.
    expect((await store.members.resolveIdentity({ channel: 'slack', tenant: 'T2', externalId: 'U2' })).member).toBeUndefined();
    // The roster changes (suspended, roles taken away): the next turn sees it.
    await store.members.importCsv(['name,employee_number,department,email,status,roles', '李四,E002,研发部,li@example.com,suspended,'].join('\n'));
    expect((await store.members.resolveIdentity({ channel: 'slack', tenant: 'T1', externalId: 'U2' })).member).toMatchObject({ status: 'suspended', roles: ['member'] });
    // A known but unlinked identity whose verified email matches is linked on its next turn.
    await store.members.resolveIdentity({ channel: 'teams', tenant: 'tenant', externalId: 'aad-2' });
    const later = await store.members.resolveIdentity({ channel: 'teams', tenant: 'tenant', externalId: 'aad-2', email: 'zhang@example.com' });
    expect(later.member?.employeeNumber).toBe('E001');
    expect((await store.members.resolveIdentity({ channel: 'teams', tenant: 'tenant', externalId: 'aad-2' })).identity.memberId).toBe(later.member!.id);
  });
});
