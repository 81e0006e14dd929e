import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { PlatformIdentity } from '../core/inbound.ts';
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Prisma } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';
import { parseCsv } from './csv.ts';
import { newId } from './ids.ts';
import { isUniqueViolation } from './errors.ts';

export const ROLES = ['member', 'staff', 'counsellor', 'editor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
/** What a person may do: staff handle cases, counsellors see psychological ones, editors edit content. */
export type Role = z.infer<typeof RoleSchema>;

export const MEMBER_STATUSES = ['member', 'non-member', 'suspended'] as const;
export const MemberStatusSchema = z.enum(MEMBER_STATUSES);
/** Union membership status; only `member` is in good standing. */
export type MemberStatus = z.infer<typeof MemberStatusSchema>;

/** A roster entry as the rest of the application sees it. */
export interface Member {
  id: string;
  name: string;
  employeeNumber: string;
  department: string;
  email: string | null;
  status: MemberStatus;
  roles: Role[];
  locale: string | null;
}

/** A platform account and the member it is linked to, if any. */
export interface IdentityView {
  id: string;
  channel: PlatformIdentity['channel'];
  tenant: string;
  externalId: string;
  displayName: string | null;
  memberId: string | null;
}

const RolesJson = z.array(RoleSchema);

/** An identity joined with its member's columns (all null when it is not linked). */
type IdentityMemberRow = Omit<IdentityView, 'channel'> & { channel: string } & { [K in keyof Omit<MemberRow, 'id'>]: MemberRow[K] | null };

type MemberRow = {
  id: string;
  name: string;
  employeeNumber: string;
  department: string;
  email: string | null;
  status: string;
  roles: string;
  locale: string | null;
};

function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    name: row.name,
    employeeNumber: row.employeeNumber,
    department: row.department,
    email: row.email,
    status: MemberStatusSchema.parse(row.status),
    roles: RolesJson.parse(JSON.parse(row.roles)),
    locale: row.locale,
  };
}

function toIdentityView(row: Omit<IdentityView, 'channel'> & { channel: string }): IdentityView {
  return { id: row.id, channel: row.channel as IdentityView['channel'], tenant: row.tenant, externalId: row.externalId, displayName: row.displayName, memberId: row.memberId };
}

export function hasRole(member: Pick<Member, 'roles'> | undefined | null, ...roles: Role[]): boolean {
  return !!member && roles.some((role) => member.roles.includes(role));
}

export function inGoodStanding(member: Pick<Member, 'status'> | undefined | null): boolean {
  return member?.status === 'member';
}

/** One roster row as imported: validated before anything is written. */
export const MemberInputSchema = z.object({
  name: z.string().trim().min(1, 'name is empty').max(100),
  employeeNumber: z
    .string()
    .trim()
    .min(1, 'employee_number is empty')
    .max(50)
    .regex(/^[A-Za-z0-9._-]+$/, 'employee_number may contain only letters, digits, ".", "_" and "-"'),
  department: z.string().trim().max(100).default(''),
  email: z
    .string()
    .trim()
    .max(320)
    .transform((v) => (v === '' ? null : v.toLowerCase()))
    .pipe(z.email('email is not a valid address').nullable())
    .default(null),
  status: z
    .string()
    .trim()
    .transform((v) => (v === '' ? 'member' : v.toLowerCase()))
    .pipe(MemberStatusSchema),
  roles: z
    .string()
    .trim()
    .transform((v) => [...new Set(['member', ...v.split(/[;|\s]+/).filter(Boolean).map((r) => r.toLowerCase())])])
    .pipe(z.array(RoleSchema)),
});
export type MemberInput = z.output<typeof MemberInputSchema>;

/** The outcome of a roster import: what was applied and what was refused, by line. */
export interface ImportReport {
  created: number;
  updated: number;
  errors: { line: number; reason: string }[];
}

const HEADER_ALIASES: Record<string, keyof z.input<typeof MemberInputSchema>> = {
  name: 'name',
  real_name: 'name',
  姓名: 'name',
  employee_number: 'employeeNumber',
  employeenumber: 'employeeNumber',
  employee_no: 'employeeNumber',
  工号: 'employeeNumber',
  department: 'department',
  部门: 'department',
  email: 'email',
  邮箱: 'email',
  status: 'status',
  会籍状态: 'status',
  roles: 'roles',
  角色: 'roles',
};

/** Members, their platform identities and roles. */
export class MemberRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  async get(id: string): Promise<Member | undefined> {
    const row = await this.prisma.member.findUnique({ where: { id } });
    return row ? toMember(row) : undefined;
  }

  async getByEmployeeNumber(employeeNumber: string): Promise<Member | undefined> {
    const row = await this.prisma.member.findUnique({ where: { employeeNumber } });
    return row ? toMember(row) : undefined;
  }

  async list(filter: { department?: string; role?: Role; search?: string } = {}): Promise<Member[]> {
    const rows = await this.prisma.member.findMany({
      where: {
        department: filter.department,
        roles: filter.role ? { contains: `"${filter.role}"` } : undefined,
        OR: filter.search
          ? [{ name: { contains: filter.search } }, { employeeNumber: { contains: filter.search } }, { email: { contains: filter.search.toLowerCase() } }]
          : undefined,
      },
      orderBy: { employeeNumber: 'asc' },
    });
    return rows.map(toMember);
  }

  /** Members holding any of the roles (for notifications to staff or counsellors). */
  async withRole(...roles: Role[]): Promise<Member[]> {
    const rows = await this.prisma.member.findMany({ where: { OR: roles.map((role) => ({ roles: { contains: `"${role}"` } })) } });
    return rows.map(toMember);
  }

  /** Creates or updates one member by employee number. */
  async upsert(input: z.input<typeof MemberInputSchema>): Promise<Member> {
    const data = MemberInputSchema.parse(input);
    const row = await this.prisma.member.upsert({
      where: { employeeNumber: data.employeeNumber },
      create: { id: newId(), ...data, roles: JSON.stringify(data.roles) },
      update: { ...data, roles: JSON.stringify(data.roles) },
    });
    return toMember(row);
  }

  async setRoles(memberId: string, roles: Role[]): Promise<Member> {
    const unique = [...new Set<Role>(['member', ...roles])];
    const row = await this.prisma.member.update({ where: { id: memberId }, data: { roles: JSON.stringify(unique) } });
    return toMember(row);
  }

  async setStatus(memberId: string, status: MemberStatus): Promise<Member> {
    const row = await this.prisma.member.update({ where: { id: memberId }, data: { status } });
    return toMember(row);
  }

  /**
   * Imports a roster CSV: a header row, then one member per line. Every row is validated first;
   * valid rows are applied in one transaction (all or none of them), invalid rows are reported
   * with their line number and reason and change nothing.
   */
  async importCsv(text: string): Promise<ImportReport> {
    let records;
    try {
      records = parseCsv(text);
    } catch (error) {
      // The parser's own message names the line ("line 7: a quoted field is not closed").
      throw new AppError('invalid_input', (error as Error).message);
    }
    const header = records.shift();
    if (!header) throw new AppError('invalid_input', 'the file is empty: it needs a header row');
    // Own keys only: a column named "constructor" or "__proto__" is unknown, not Object's own.
    const alias = (name: string) => (Object.hasOwn(HEADER_ALIASES, name) ? HEADER_ALIASES[name] : undefined);
    const columns = header.fields.map((name) => alias(name.trim().toLowerCase()) ?? alias(name.trim()));
    const unknown = header.fields.filter((_, i) => !columns[i]);
    if (unknown.length > 0) throw new AppError('invalid_input', `line ${header.line}: unknown column(s): ${unknown.join(', ')}`);
    const twice = columns.find((column, i) => columns.indexOf(column) !== i);
    if (twice) throw new AppError('invalid_input', `line ${header.line}: the ${twice === 'employeeNumber' ? 'employee_number' : twice} column appears twice`);
    for (const required of ['name', 'employeeNumber'] as const) {
      if (!columns.includes(required)) throw new AppError('invalid_input', `line ${header.line}: the header has no ${required === 'name' ? 'name' : 'employee_number'} column`);
    }
    const errors: ImportReport['errors'] = [];
    const valid: { line: number; data: MemberInput }[] = [];
    const seenNumbers = new Map<string, number>();
    const seenEmails = new Map<string, number>();
    for (const record of records) {
      if (record.fields.length !== columns.length) {
        errors.push({ line: record.line, reason: `expected ${columns.length} fields, found ${record.fields.length}` });
        continue;
      }
      const raw: Record<string, string> = { department: '', email: '', status: '', roles: '' };
      columns.forEach((column, i) => (raw[column!] = record.fields[i] ?? ''));
      // NUL and half a UTF-16 pair cannot be stored (PostgreSQL refuses NUL, Prisma a lone surrogate).
      const unstorable = Object.entries(raw).find(([, value]) => /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value));
      if (unstorable) {
        errors.push({ line: record.line, reason: `${unstorable[0] === 'employeeNumber' ? 'employee_number' : unstorable[0]} contains a character that cannot be stored (NUL or half of a UTF-16 pair)` });
        continue;
      }
      const parsed = MemberInputSchema.safeParse(raw);
      if (!parsed.success) {
        errors.push({ line: record.line, reason: parsed.error.issues.map((i) => i.message.replace(/^Invalid option: expected one of/, `${String(i.path[0])} must be one of`)).join('; ') });
        continue;
      }
      const data = parsed.data;
      const firstNumber = seenNumbers.get(data.employeeNumber);
      if (firstNumber !== undefined) {
        errors.push({ line: record.line, reason: `employee_number ${data.employeeNumber} already appears on line ${firstNumber}` });
        continue;
      }
      if (data.email) {
        const firstEmail = seenEmails.get(data.email);
        if (firstEmail !== undefined) {
          errors.push({ line: record.line, reason: `email ${data.email} already appears on line ${firstEmail}` });
          continue;
        }
        seenEmails.set(data.email, record.line);
      }
      seenNumbers.set(data.employeeNumber, record.line);
      valid.push({ line: record.line, data });
    }
    // An email that belongs to a different existing member would fail the unique index halfway.
    const emails = valid.flatMap((v) => (v.data.email ? [v.data.email] : []));
    const owners = await this.prisma.member.findMany({ where: { email: { in: emails } }, select: { email: true, employeeNumber: true } });
    const ownerOf = new Map(owners.map((o) => [o.email!, o.employeeNumber]));
    const applicable = valid.filter((v) => {
      const owner = v.data.email ? ownerOf.get(v.data.email) : undefined;
      if (owner && owner !== v.data.employeeNumber) {
        errors.push({ line: v.line, reason: `email ${v.data.email} belongs to member ${owner}` });
        return false;
      }
      return true;
    });
    const existing = new Set(
      (await this.prisma.member.findMany({ where: { employeeNumber: { in: applicable.map((v) => v.data.employeeNumber) } }, select: { employeeNumber: true } })).map((m) => m.employeeNumber),
    );
    // All valid rows or none; a large roster needs longer than Prisma's default 5 s.
    await this.prisma.$transaction(async (tx) => {
      for (const { data } of applicable) {
        await tx.member.upsert({
          where: { employeeNumber: data.employeeNumber },
          create: { id: newId(), ...data, roles: JSON.stringify(data.roles) },
          update: { ...data, roles: JSON.stringify(data.roles) },
        });
      }
    }, { timeout: 600_000, maxWait: 60_000 });
    errors.sort((a, b) => a.line - b.line);
    const updated = applicable.filter((v) => existing.has(v.data.employeeNumber)).length;
    return { created: applicable.length - updated, updated, errors };
  }

  /**
   * Finds or records the platform identity of an inbound event. An unlinked identity whose
   * platform-verified email matches exactly one member is linked to that member (real-name
   * verification through the company directory the platform trusts).
   */
  async resolveIdentity(identity: PlatformIdentity): Promise<{ identity: IdentityView; member?: Member }> {
    const key = { channel: identity.channel, tenant: identity.tenant, externalId: identity.externalId };
    // Every turn starts here: the usual case, a known identity, is one raw statement
    // (docs/DATABASE.md, "Raw statements"); creating and linking go through the model API.
    const [known] = await this.sql.query<IdentityMemberRow>(this.prisma, sql`SELECT i."id", i."channel", i."tenant", i."externalId", i."displayName", i."memberId", m."name", m."employeeNumber", m."department", m."email", m."status", m."roles", m."locale" FROM "Identity" i LEFT JOIN "Member" m ON m."id" = i."memberId" WHERE i."channel" = ${key.channel} AND i."tenant" = ${key.tenant} AND i."externalId" = ${key.externalId}`);
    let resolved: { identity: IdentityView; member?: Member };
    if (known) {
      const { memberId } = known;
      // A member row whose id the identity names; `name` is never null in a member row.
      resolved = { identity: toIdentityView(known), member: memberId && known.name !== null ? toMember({ ...(known as MemberRow), id: memberId }) : undefined };
    } else {
      let row;
      try {
        row = await this.prisma.identity.create({ data: { id: newId(), ...key, displayName: identity.displayName ?? null }, include: { member: true } });
      } catch (error) {
        // First contact arriving twice at once: the other request created it; use that row.
        if (!isUniqueViolation(error)) throw error;
        row = await this.prisma.identity.findUniqueOrThrow({ where: { channel_tenant_externalId: key }, include: { member: true } });
      }
      resolved = { identity: toIdentityView(row), member: row.member ? toMember(row.member) : undefined };
    }
    if (!resolved.identity.memberId && identity.email) {
      const byEmail = await this.prisma.member.findUnique({ where: { email: identity.email.toLowerCase() } });
      if (byEmail) {
        const row = await this.prisma.identity.update({ where: { id: resolved.identity.id }, data: { memberId: byEmail.id } });
        resolved = { identity: toIdentityView(row), member: toMember(byEmail) };
      }
    }
    return resolved;
  }

  /** Links a platform identity to a member (by member id or employee number). */
  async link(identity: Pick<PlatformIdentity, 'channel' | 'tenant' | 'externalId' | 'displayName'>, memberRef: string): Promise<{ identity: IdentityView; member: Member }> {
    const member = (await this.get(memberRef)) ?? (await this.getByEmployeeNumber(memberRef));
    if (!member) throw new AppError('not_found', `no member with id or employee number ${memberRef}`);
    const key = { channel: identity.channel, tenant: identity.tenant ?? '', externalId: identity.externalId };
    const row = await this.prisma.identity.upsert({
      where: { channel_tenant_externalId: key },
      create: { id: newId(), ...key, displayName: identity.displayName ?? null, memberId: member.id },
      update: { memberId: member.id },
    });
    return { identity: toIdentityView(row), member };
  }

  /** The platform identities of a member (to reach them proactively). */
  async identitiesOf(memberId: string): Promise<IdentityView[]> {
    const rows = await this.prisma.identity.findMany({ where: { memberId }, orderBy: { updatedAt: 'desc' } });
    return rows.map(toIdentityView);
  }
}
