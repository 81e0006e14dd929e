import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.ts';
import { parseCsv } from '../../src/store/csv.ts';
import { testApp } from '../helpers/app.ts';
import { Failures } from './harness.ts';
import { caseIndices, caseRng, LOCAL_CASES, hostileString, prototypePolluted, type Rng } from './mutate.ts';

/**
 * Fuzz of the roster import (issue 9), through the function `members import` and the console
 * call: `store.members.importCsv` over a real SQLite database. 10,000 mutated rows (by default)
 * in files of up to eight rows, plus broken headers and files. For every file: no raw error
 * (an AppError whose message names the line, or a report); every refused row is reported with
 * its line number and a reason, and nothing of it is written; every row not refused is in the
 * roster, as written.
 */

const ROWS_PER_FILE = 8;
let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  app = await testApp('sqlite');
});
afterAll(async () => {
  await app?.close();
});

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const HEADERS = [
  ['name', 'employee_number', 'department', 'email', 'status', 'roles'],
  ['姓名', '工号', '部门', '邮箱', '会籍状态', '角色'],
  ['Name', 'Employee_Number', 'Email'],
];

/** A header, sometimes broken: unknown, prototype-named, duplicated or missing columns. */
function header(rng: Rng): { columns: string[]; broken?: string } {
  const columns = [...rng.pick(HEADERS)];
  if (!rng.chance(0.05)) return { columns };
  switch (rng.int(5)) {
    case 0:
      columns.push(rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'salary']));
      return { columns, broken: 'unknown column' };
    case 1:
      return { columns: columns.filter((c) => !/^(employee_number|工号|Employee_Number)$/.test(c)), broken: 'no employee number' };
    case 2:
      columns.push(columns[0]!);
      return { columns, broken: 'duplicate column' };
    case 3:
      return { columns: [hostileString(rng).slice(0, 100).replace(/[\r\n]/g, ' ') || 'x'], broken: 'hostile column' };
    default:
      return { columns: columns.map((c) => c.toUpperCase()) };
  }
}

/** One row: valid values for its columns, then mutated. */
function row(columns: string[], id: string, rng: Rng): { fields: string[]; did: string[] } {
  const did: string[] = [];
  const fields = columns.map((column) => {
    const c = column.toLowerCase();
    if (c === 'name' || c === '姓名') return rng.pick(['张三', 'Li Si', '王 小明']);
    if (c === 'employee_number' || c === '工号') return id;
    if (c === 'department' || c === '部门') return rng.pick(['研发部', '', 'Sales']);
    if (c === 'email' || c === '邮箱') return rng.chance(0.5) ? '' : `${id.toLowerCase()}@example.com`;
    if (c === 'status' || c === '会籍状态') return rng.pick(['member', '', 'Non-Member', 'suspended']);
    if (c === 'roles' || c === '角色') return rng.pick(['', 'staff', 'staff;counsellor', 'editor admin']);
    return 'x';
  });
  const count = rng.chance(0.3) ? 0 : 1 + rng.int(2);
  for (let n = 0; n < count; n++) {
    const i = rng.int(Math.max(1, fields.length));
    switch (rng.int(7)) {
      case 0:
        fields.splice(i, 1);
        did.push(`drop field ${i}`);
        break;
      case 1:
        fields.push(rng.pick(['', 'extra', hostileString(rng).slice(0, 50)]));
        did.push('extra field');
        break;
      case 2:
        fields[i] = rng.pick(['=cmd|"/c calc"!A1', '+1', '@SUM(1)', '"', '""', 'a"b', '\r', 'a\nb', '\u0000', '\uD800', 'x'.repeat(400), ' \t ']);
        did.push(`tricky field ${i}`);
        break;
      case 3:
        fields[i] = hostileString(rng).slice(0, rng.chance(0.1) ? 100_000 : 300);
        did.push(`hostile field ${i}`);
        break;
      case 4:
        fields[i] = rng.pick(['', ' ', 'E 1', 'E/1', '../E1', 'Ｅ１', 'e1', '__proto__']);
        did.push(`odd value ${i}`);
        break;
      case 5:
        fields[i] = rng.pick(['bad@', 'a@b', 'x@example.com', 'MEMBER', 'root', 'admin;root', 'staff,admin']);
        did.push(`wrong value ${i}`);
        break;
      default:
        fields[i] = `${fields[i] ?? ''}${rng.pick(['\u202E', '\u200B', '😀', '\uFEFF'])}`;
        did.push(`unicode ${i}`);
    }
  }
  return { fields, did };
}

/** A file: header and rows, CRLF or LF, sometimes a BOM, sometimes damaged as a whole. */
function makeFile(index: number): { text: string; ids: string[]; did: string[] } {
  const rng = caseRng('csv', index);
  const { columns, broken } = header(rng);
  const did = broken ? [broken] : [];
  const ids: string[] = [];
  const lines = [columns.map(cell).join(',')];
  for (let r = 0; r < ROWS_PER_FILE; r++) {
    const id = `F${index}-${r}`;
    ids.push(id);
    const { fields, did: rowDid } = row(columns, id, rng);
    did.push(...rowDid.map((d) => `row ${r}: ${d}`));
    lines.push(fields.map(cell).join(','));
  }
  if (rng.chance(0.05)) {
    // A duplicate of an earlier row's number, or a blank line between rows.
    lines.push(rng.chance(0.5) ? lines[1]! : '');
    did.push('repeated row or blank line');
  }
  let text = lines.join(rng.chance(0.5) ? '\r\n' : '\n');
  if (rng.chance(0.1)) text = `\uFEFF${text}`;
  if (rng.chance(0.02)) {
    text = text.slice(0, rng.int(text.length)) + '"unterminated';
    did.push('unterminated quote');
  }
  if (rng.chance(0.01)) {
    text = rng.pick(['', '\n\n', '\uFEFF', ',,,', '"', 'name\n']);
    did.push('empty or trivial file');
  }
  return { text, ids, did };
}

describe('roster CSV import under fuzz', () => {
  it('refuses hand-written hostile headers and files with the line and the reason', async () => {
    const cases: [string, RegExp][] = [
      ['name,employee_number,__proto__\n张三,E1,x\n', /^line 1: unknown column\(s\): __proto__$/],
      ['name,employee_number,constructor\n张三,E1,x\n', /^line 1: unknown column\(s\): constructor$/],
      ['name,employee_number,toString,hasOwnProperty\n张三,E1,x,y\n', /^line 1: unknown column\(s\): toString, hasOwnProperty$/],
      ['name,employee_number,姓名\n张三,E1,李四\n', /^line 1: the name column appears twice$/],
      ['\uFEFF\n\nname\n', /^line 3: the header has no employee_number column$/],
      ['name,employee_number\n张三,"E1\n', /^line 2: a quoted field is not closed$/],
      ['', /file is empty/],
    ];
    for (const [text, message] of cases) {
      const before = await app.store.db.prisma.member.count();
      await expect(app.store.members.importCsv(text), JSON.stringify(text)).rejects.toThrow(message);
      expect(await app.store.db.prisma.member.count()).toBe(before);
    }
    const report = await app.store.members.importCsv('name,employee_number\n"a\u0000b",H1\n"\uD800",H2\n=1+1,H3\n');
    expect(report.errors).toEqual([
      { line: 2, reason: 'name contains a character that cannot be stored (NUL or half of a UTF-16 pair)' },
      { line: 3, reason: 'name contains a character that cannot be stored (NUL or half of a UTF-16 pair)' },
    ]);
    expect(report.created).toBe(1);
    expect(prototypePolluted()).toBeUndefined();
  });

  it('reports every bad row by line, writes nothing of it, and keeps every good row', async () => {
    const failures = new Failures('csv');
    // Cases are rows: LOCAL_CASES rows (10,000) in files of ROWS_PER_FILE.
    const files = caseIndices('csv', Math.ceil(LOCAL_CASES / ROWS_PER_FILE));
    let refused = 0;
    let written = 0;
    for (const index of files) {
      const { text, did } = makeFile(index);
      let report;
      try {
        report = await app.store.members.importCsv(text);
      } catch (error) {
        if (!isAppError(error, 'invalid_input')) failures.add(index, `threw ${(error as Error)?.name}: ${(error as Error)?.message?.slice(0, 200)}`, did);
        else if (!/^line \d+: /.test(error.message) && !/file is empty/.test(error.message)) failures.add(index, `refused the file without a line number: ${error.message.slice(0, 200)}`, did);
        continue;
      }
      const records = parseCsv(text);
      const [head, ...rows] = records;
      const lines = new Set(rows.map((r) => r.line));
      for (const e of report.errors) {
        if (!lines.has(e.line)) failures.add(index, `error on line ${e.line}, which is no row`, did);
        if (typeof e.reason !== 'string' || !e.reason.trim() || /undefined|\[object|TypeError/.test(e.reason)) failures.add(index, `unclear reason "${e.reason}" on line ${e.line}`, did);
      }
      if (report.created + report.updated + report.errors.length !== rows.length) failures.add(index, `${rows.length} rows but ${report.created} created, ${report.updated} updated, ${report.errors.length} refused`, did);
      // The employee number column, to find each row in the roster.
      const column = head!.fields.findIndex((f) => /^(employee_number|工号)$/i.test(f.trim()));
      const bad = new Set(report.errors.map((e) => e.line));
      const numbers = rows.map((r) => (r.fields[column] ?? '').trim());
      // Only numbers the roster allows can be in it (and only those can be queried: Prisma refuses a lone surrogate).
      const members = await app.store.db.prisma.member.findMany({ where: { employeeNumber: { in: numbers.filter((n) => /^[A-Za-z0-9._-]+$/.test(n)) } }, select: { employeeNumber: true } });
      const stored = new Set(members.map((m) => m.employeeNumber));
      rows.forEach((r, i) => {
        const number = numbers[i]!;
        const generated = /^F\d+-\d$/.test(number);
        if (bad.has(r.line)) {
          refused++;
          // A refused row with its own (generated, unique) number left no member behind, unless a good row has the same number.
          const twin = rows.some((o, j) => j !== i && !bad.has(o.line) && numbers[j] === number);
          if (generated && stored.has(number) && !twin) failures.add(index, `refused line ${r.line} was written anyway`, did);
        } else {
          written++;
          if (!stored.has(number)) failures.add(index, `line ${r.line} was accepted but is not in the roster`, did);
        }
      });
    }
    failures.assertNone();
    expect(prototypePolluted()).toBeUndefined();
    // The fuzz must have exercised both outcomes, or it proves nothing.
    if (files.length > 100) {
      expect(refused).toBeGreaterThan(files.length / 2);
      expect(written).toBeGreaterThan(files.length / 2);
    }
  }, 300_000);
});
