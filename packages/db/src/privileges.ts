import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { DbHandle, Tx } from './client';
import { readDbEnv, type DbEnv } from './env';
import { JOB_QUEUE_SCHEMA } from './job-queue';
import { auditEvents, bmbEvents, patientAccessLog } from './schema';

/**
 * The evidence tables (patientdatalagen): the app role may add and read rows,
 * never change or remove them. Besides the triggers of migrations 0001 and 0006
 * (which bind every role, the owner included), the app role lacks the privilege
 * altogether, so even a training sandbox's log rows are removed only by the
 * owner (`pnpm training:purge`).
 */
export const APPEND_ONLY_TABLES: readonly string[] = [auditEvents, patientAccessLog, bmbEvents].map(
  (t) => getTableName(t),
);

/** What every other table in the schema allows the app role. Never TRUNCATE, REFERENCES or TRIGGER. */
const ORDINARY_TABLE_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';
const APPEND_ONLY_REVOKED = 'UPDATE, DELETE, TRUNCATE';
const SCHEMA = 'public';
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const ROLE_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION';

export interface AppRoleOptions {
  /** The role the app connects as. */
  role: string;
  /** Set when given (also on an existing role, so rotating it is a re-run); otherwise left alone. */
  password?: string;
}

export interface AppRoleReport {
  role: string;
  /** The role that ran the grants: future tables it creates get the same privileges. */
  owner: string;
  created: boolean;
  ordinaryTables: number;
  appendOnlyTables: readonly string[];
}

/**
 * Runs one statement whose identifiers and literals PostgreSQL itself quotes:
 * `format()` with %I and %L, so neither a role name nor a password is ever
 * spliced into SQL by hand.
 */
async function execFormatted(tx: Tx, template: string, ...args: string[]): Promise<void> {
  const params = args.map((a) => sql`, ${a}::text`);
  const rows = (await tx.execute<Record<string, unknown>>(
    sql`select format(${template}::text${sql.join(params)}) as statement`,
  )) as {
    statement: string;
  }[];
  await tx.execute(sql.raw(rows[0]!.statement));
}

async function one<T>(tx: Tx, query: SQL): Promise<T | undefined> {
  const rows = (await tx.execute<Record<string, unknown>>(query)) as T[];
  return rows[0];
}

/**
 * Creates the app role if it is missing and gives it exactly what the app needs,
 * on the database this connection is to. Run as the role that owns the tables
 * (the one migrations run as). Idempotent: every run revokes and grants the
 * whole set again, in one transaction.
 */
export async function grantAppRole(
  handle: DbHandle,
  options: AppRoleOptions,
): Promise<AppRoleReport> {
  const { role, password } = options;
  if (handle.kind !== 'postgres')
    throw new Error('PGlite has a single role: there is no app role to grant to.');
  if (!ROLE_NAME.test(role))
    throw new Error(`"${role}" is not a lower-case PostgreSQL role name (a-z, 0-9, _).`);

  return handle.db.transaction(async (tx) => {
    // Concurrent GRANTs on one object fail with "tuple concurrently updated".
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bmb.grant-app-role'))`);
    const { owner } = (await one<{ owner: string }>(tx, sql`select current_user::text as owner`))!;
    if (owner === role)
      throw new Error(
        `The app role must not be the owner role "${owner}": run db:grant as the owner.`,
      );

    const existing = await one<{
      super: boolean;
      createdb: boolean;
      createrole: boolean;
      bypassrls: boolean;
      replication: boolean;
      login: boolean;
    }>(
      tx,
      sql`select rolsuper as super, rolcreatedb as createdb, rolcreaterole as createrole, rolbypassrls as bypassrls,
                 rolreplication as replication, rolcanlogin as login
          from pg_roles where rolname = ${role}`,
    );
    if (!existing) {
      await execFormatted(
        tx,
        `CREATE ROLE %I ${ROLE_ATTRIBUTES}${password ? ' PASSWORD %L' : ''}`,
        role,
        ...(password ? [password] : []),
      );
    } else {
      const wrong =
        existing.super ||
        existing.createdb ||
        existing.createrole ||
        existing.bypassrls ||
        existing.replication ||
        !existing.login;
      // An owner without CREATEROLE can still re-run the grants on a role a DBA made right.
      if (wrong || password) {
        await execFormatted(
          tx,
          `ALTER ROLE %I ${ROLE_ATTRIBUTES}${password ? ' PASSWORD %L' : ''}`,
          role,
          ...(password ? [password] : []),
        );
      }
    }
    const member = await one<{ member: boolean }>(
      tx,
      sql`select pg_has_role(${role}, ${owner}, 'MEMBER') as member`,
    );
    if (member?.member)
      throw new Error(
        `Role "${role}" is a member of the owner role "${owner}" and would act as the owner.`,
      );

    await execFormatted(tx, 'GRANT CONNECT ON DATABASE %I TO %I', await currentDatabase(tx), role);
    // PostgreSQL 15 no longer lets PUBLIC create in schema public; older servers did,
    // and a table the app role created would be one it owns.
    await execFormatted(tx, 'REVOKE CREATE ON SCHEMA %I FROM PUBLIC', SCHEMA);
    await execFormatted(tx, 'REVOKE ALL ON SCHEMA %I FROM %I', SCHEMA, role);
    await execFormatted(tx, 'GRANT USAGE ON SCHEMA %I TO %I', SCHEMA, role);

    await execFormatted(tx, 'REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM %I', SCHEMA, role);
    await execFormatted(
      tx,
      `GRANT ${ORDINARY_TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA %I TO %I`,
      SCHEMA,
      role,
    );
    for (const table of APPEND_ONLY_TABLES) {
      await execFormatted(
        tx,
        `REVOKE ${APPEND_ONLY_REVOKED} ON TABLE %I.%I FROM %I`,
        SCHEMA,
        table,
        role,
      );
    }
    await execFormatted(tx, 'REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM %I', SCHEMA, role);
    await execFormatted(tx, 'GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I', SCHEMA, role);

    // Tables and sequences that later migrations create (as this same owner) get
    // the ordinary set. A new append-only table must be added to APPEND_ONLY_TABLES,
    // and db:migrate re-runs these grants, which revoke what it must not have.
    await execFormatted(
      tx,
      `ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT ${ORDINARY_TABLE_PRIVILEGES} ON TABLES TO %I`,
      owner,
      SCHEMA,
      role,
    );
    await execFormatted(
      tx,
      'ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE ON SEQUENCES TO %I',
      owner,
      SCHEMA,
      role,
    );

    await grantJobQueue(tx, owner, role);

    await verify(tx, role);
    const { count } = (await one<{ count: number }>(
      tx,
      sql`select count(*)::int as count from pg_tables
          where schemaname = ${SCHEMA} and tablename not in (${sql.join(
            APPEND_ONLY_TABLES.map((t) => sql`${t}`),
            sql`, `,
          )})`,
    ))!;
    return {
      role,
      owner,
      created: !existing,
      ordinaryTables: count,
      appendOnlyTables: APPEND_ONLY_TABLES,
    };
  });
}

/**
 * The grants for DATABASE_APP_ROLE, when one is configured and the database is
 * PostgreSQL; null otherwise. db:migrate runs it after every migration so that a
 * new table never waits for a separate step.
 */
export async function grantConfiguredAppRole(
  handle: DbHandle,
  env: DbEnv = readDbEnv(),
): Promise<AppRoleReport | null> {
  if (!env.DATABASE_APP_ROLE || handle.kind !== 'postgres') return null;
  return grantAppRole(handle, { role: env.DATABASE_APP_ROLE, password: env.DATABASE_APP_PASSWORD });
}

export function describeGrant(report: AppRoleReport): string {
  return (
    `App role "${report.role}" ${report.created ? 'created' : 'updated'}: read and write on ${report.ordinaryTables} tables, ` +
    `append-only on ${report.appendOnlyTables.join(', ')}; future tables of "${report.owner}" included.`
  );
}

/**
 * The job queue's schema (job-queue.ts), once db:migrate has installed it: the
 * app role reads and writes its tables (the notification worker) but creates
 * nothing; tables the owner adds later (a new queue) get the same.
 */
async function grantJobQueue(tx: Tx, owner: string, role: string): Promise<void> {
  const installed = await one<{ exists: boolean }>(
    tx,
    sql`select exists (select 1 from pg_namespace where nspname = ${JOB_QUEUE_SCHEMA}) as exists`,
  );
  if (!installed?.exists) return;
  await execFormatted(tx, 'REVOKE ALL ON SCHEMA %I FROM %I', JOB_QUEUE_SCHEMA, role);
  await execFormatted(tx, 'GRANT USAGE ON SCHEMA %I TO %I', JOB_QUEUE_SCHEMA, role);
  await execFormatted(
    tx,
    `GRANT ${ORDINARY_TABLE_PRIVILEGES} ON ALL TABLES IN SCHEMA %I TO %I`,
    JOB_QUEUE_SCHEMA,
    role,
  );
  await execFormatted(
    tx,
    'GRANT USAGE ON ALL SEQUENCES IN SCHEMA %I TO %I',
    JOB_QUEUE_SCHEMA,
    role,
  );
  await execFormatted(
    tx,
    `ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT ${ORDINARY_TABLE_PRIVILEGES} ON TABLES TO %I`,
    owner,
    JOB_QUEUE_SCHEMA,
    role,
  );
}

async function currentDatabase(tx: Tx): Promise<string> {
  return (await one<{ name: string }>(tx, sql`select current_database()::text as name`))!.name;
}

/**
 * Refuses to report success if the role could still change a log, whatever the
 * route: a grant to PUBLIC, membership of another role, or ownership.
 */
async function verify(tx: Tx, role: string): Promise<void> {
  const schema = (await one<{ usage: boolean; create: boolean }>(
    tx,
    sql`select has_schema_privilege(${role}, ${SCHEMA}, 'USAGE') as usage, has_schema_privilege(${role}, ${SCHEMA}, 'CREATE') as create`,
  ))!;
  if (!schema.usage)
    throw new Error(
      `Role "${role}" cannot use schema ${SCHEMA}: run db:grant as the owner of the database.`,
    );
  if (schema.create)
    throw new Error(
      `Role "${role}" can create tables in schema ${SCHEMA} (through PUBLIC or another role).`,
    );
  for (const table of APPEND_ONLY_TABLES) {
    const qualified = `${SCHEMA}.${table}`;
    const row = (await one<{
      update: boolean;
      delete: boolean;
      truncate: boolean;
      insert: boolean;
      select: boolean;
    }>(
      tx,
      sql`select has_table_privilege(${role}, ${qualified}, 'UPDATE') as update,
                 has_table_privilege(${role}, ${qualified}, 'DELETE') as delete,
                 has_table_privilege(${role}, ${qualified}, 'TRUNCATE') as truncate,
                 has_table_privilege(${role}, ${qualified}, 'INSERT') as insert,
                 has_table_privilege(${role}, ${qualified}, 'SELECT') as select`,
    ))!;
    if (row.update || row.delete || row.truncate) {
      throw new Error(
        `Role "${role}" can still change ${table} (through PUBLIC or another role it belongs to); fix that before running the app as it.`,
      );
    }
    if (!row.insert || !row.select) throw new Error(`Role "${role}" cannot append to ${table}.`);
  }
  const owned = (await tx.execute<Record<string, unknown>>(
    sql`select c.relname as name from pg_class c join pg_roles r on r.oid = c.relowner
        where r.rolname = ${role} and c.relnamespace = ${SCHEMA}::regnamespace`,
  )) as { name: string }[];
  if (owned.length > 0) {
    throw new Error(
      `Role "${role}" owns ${owned.map((o) => o.name).join(', ')}: reassign them to the owner (REASSIGN OWNED BY ${role} TO …).`,
    );
  }
}
