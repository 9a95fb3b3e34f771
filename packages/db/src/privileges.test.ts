import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, recordPatientAccess } from './audit';
import { createPostgresDb, type Db, type DbHandle } from './client';
import { createJobQueue, installJobQueue, jobQueues } from './job-queue';
import { migrateDb } from './migrate';
import { APPEND_ONLY_TABLES, grantAppRole, type AppRoleReport } from './privileges';
import { purgeTrainingSandboxes, startTrainingRun } from './queries/training';
import { bmbs, prescribers, workspaces } from './schema';
import { demoId, seedDemoData } from './seed';
import { createTestDb, testDbKinds } from './test/test-database';

// Roles are PostgreSQL's, not PGlite's (a single-user embedded server).
const onPostgres = testDbKinds().includes('postgres');

/** The error PostgreSQL raised, wherever the driver put it. */
async function pgError(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { cause?: unknown } & Record<string, unknown>;
    const inner = (e.cause ?? e) as Record<string, unknown>;
    return { code: inner.code as string | undefined, message: String(inner.message ?? e.message) };
  }
  throw new Error('expected the database to refuse');
}

const rows = <T>(result: unknown) => result as T[];
const unique = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

function urlAs(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = password;
  return u.toString();
}

async function dropRoles(...names: string[]): Promise<void> {
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    for (const name of names) await admin.unsafe(`drop role if exists ${name}`);
  } finally {
    await admin.end();
  }
}

describe.skipIf(!onPostgres)('the app role on PostgreSQL', () => {
  const role = unique('bmb_app_test');
  const password = randomBytes(12).toString('hex');
  let owner: DbHandle & { url?: string };
  let app: DbHandle;
  let appDb: Db;
  let report: AppRoleReport;
  let ws: string;
  const ana = demoId('prescriber', 'k100ana');
  const bo = demoId('prescriber', 'k200bo');
  const patient = demoId('patient', '191212121212');

  beforeAll(async () => {
    owner = await createTestDb('postgres');
    ws = await seedDemoData(owner.db);
    await installJobQueue(owner);
    report = await grantAppRole(owner, { role, password });
    app = createPostgresDb(urlAs(owner.url!, role, password), { max: 2 });
    appDb = app.db;
  });
  afterAll(async () => {
    await app?.close();
    await owner?.close(); // drops the database, and with it every grant to the role
    await dropRoles(role);
  });

  it('is a login role that is not superuser and owns no table', async () => {
    expect(report).toMatchObject({ role, created: true });
    const [me] = rows<Record<string, unknown>>(
      await appDb.execute(sql`
        select current_user::text as name, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication
        from pg_roles where rolname = current_user`),
    );
    expect(me).toEqual({
      name: role,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolbypassrls: false,
      rolreplication: false,
    });
    const [owned] = rows<{ count: number }>(
      await appDb.execute(
        sql`select count(*)::int as count from pg_class where relowner = (select oid from pg_roles where rolname = current_user)`,
      ),
    );
    expect(owned!.count).toBe(0);
  });

  it.each(APPEND_ONLY_TABLES)(
    'may not UPDATE, DELETE or TRUNCATE %s: permission denied',
    async (table) => {
      // Refused by privilege, before the append-only trigger is even asked.
      for (const statement of [
        `update ${table} set workspace_id = workspace_id`,
        `delete from ${table}`,
        `truncate ${table}`,
      ]) {
        const refused = await pgError(appDb.execute(sql.raw(statement)));
        expect(refused.code, statement).toBe('42501');
        expect(refused.message, statement).toBe(`permission denied for table ${table}`);
      }
    },
  );

  it('appends to and reads both logs', async () => {
    await recordAudit(appDb, {
      workspaceId: ws,
      actorId: ana,
      action: 'contact-details.updated',
      entityType: 'test',
    });
    await recordPatientAccess(appDb, {
      workspaceId: ws,
      userId: ana,
      careUnitId: null,
      patientId: patient,
      action: 'patient.search',
    });
    const [counts] = rows<{ audit: number; access: number }>(
      await appDb.execute(sql`
        select (select count(*)::int from audit_events where action = 'contact-details.updated') as audit,
               (select count(*)::int from patient_access_log where action = 'patient.search') as access`),
    );
    expect(counts).toEqual({ audit: 1, access: 1 });
  });

  it('reads and writes every other table, but truncates none', async () => {
    const others = rows<{ name: string; all: boolean; truncate: boolean }>(
      await appDb.execute(sql`
        select tablename::text as name,
               has_table_privilege(format('%I', tablename), 'SELECT') and has_table_privilege(format('%I', tablename), 'INSERT') and
               has_table_privilege(format('%I', tablename), 'UPDATE') and has_table_privilege(format('%I', tablename), 'DELETE') as all,
               has_table_privilege(format('%I', tablename), 'TRUNCATE') as truncate
        from pg_tables where schemaname = 'public' order by 1`),
    ).filter((t) => !APPEND_ONLY_TABLES.includes(t.name));
    expect(others.length).toBe(report.ordinaryTables);
    expect(others.filter((t) => !t.all || t.truncate)).toEqual([]);

    // And for real: a draft BMB written, changed and removed by the app role.
    const [draft] = await appDb
      .insert(bmbs)
      .values({
        workspaceId: ws,
        senderId: ana,
        receiverId: bo,
        fromPatientId: patient,
        toPatientId: patient,
        bmbDate: '2026-11-25',
      })
      .returning({ id: bmbs.id });
    await appDb
      .update(bmbs)
      .set({ bmbDate: '2026-11-26' })
      .where(and(eq(bmbs.workspaceId, ws), eq(bmbs.id, draft!.id)));
    const removed = await appDb
      .delete(bmbs)
      .where(and(eq(bmbs.workspaceId, ws), eq(bmbs.id, draft!.id)))
      .returning({ id: bmbs.id });
    expect(removed).toHaveLength(1);
  });

  it('cannot create tables or run the migrations', async () => {
    const created = await pgError(appDb.execute(sql`create table app_role_probe (id int)`));
    expect(created).toEqual({ code: '42501', message: 'permission denied for schema public' });
    const migrated = await pgError(migrateDb(app));
    expect(migrated.code).toBe('42501');
  });

  it("leaves a training sandbox's purge to the owner", async () => {
    const [learner] = await owner.db
      .select()
      .from(prescribers)
      .where(and(eq(prescribers.workspaceId, ws), eq(prescribers.id, ana)));
    const now = new Date();
    // Starting a run and acting in its sandbox is the app's work; it logs there.
    const run = await appDb.transaction((tx) =>
      startTrainingRun(
        tx,
        ws,
        { id: ana, username: learner!.username, name: learner!.name },
        'skicka-bmb',
        now,
      ),
    );
    await recordAudit(appDb, {
      workspaceId: run.sandboxWorkspaceId,
      actorId: run.sandboxLearnerId,
      action: 'training.started',
      entityType: 'test',
    });
    const later = new Date(now.getTime() + 60_000);

    // The trigger would let a training row go; the app role's privileges do not.
    const refused = await pgError(appDb.transaction((tx) => purgeTrainingSandboxes(tx, later)));
    expect(refused).toEqual({ code: '42501', message: 'permission denied for table audit_events' });

    expect(await owner.db.transaction((tx) => purgeTrainingSandboxes(tx, later))).toBe(1);
    expect(
      await owner.db.select().from(workspaces).where(eq(workspaces.id, run.sandboxWorkspaceId)),
    ).toEqual([]);
  });

  it("runs the notification worker's job queue, which the owner installed, without DDL", async () => {
    const boss = createJobQueue(app);
    boss.on('error', () => {});
    await boss.start();
    try {
      const queue = jobQueues.notificationDelivery;
      await boss.createQueue(queue, { name: queue, policy: 'standard' }); // exists: nothing to create
      const id = await boss.send(queue, { probe: true });
      const [job] = await boss.fetch(queue);
      expect(job?.id).toBe(id);
      await boss.complete(queue, id!);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    expect((await pgError(appDb.execute(sql`create table pgboss.probe (id int)`))).code).toBe(
      '42501',
    );
  });

  it('keeps working when the owner migrates and grants again', async () => {
    const grants = async () =>
      rows<{ table_name: string; privilege_type: string }>(
        await owner.db.execute(sql`
          select table_name::text, privilege_type::text from information_schema.role_table_grants
          where grantee = ${role} order by 1, 2`),
      );
    const before = await grants();
    await migrateDb(owner); // nothing left to apply; the drizzle schema stays the owner's
    expect(await grantAppRole(owner, { role })).toMatchObject({ created: false });
    expect(await grants()).toEqual(before);

    // A later migration's new table, created by the owner: default privileges cover it.
    await owner.db.execute(
      sql`create table future_probe (id int primary key generated always as identity, note text)`,
    );
    await appDb.execute(sql`insert into future_probe (note) values ('a')`);
    await appDb.execute(sql`update future_probe set note = 'b'`);
    expect(rows<{ note: string }>(await appDb.execute(sql`select note from future_probe`))).toEqual(
      [{ note: 'b' }],
    );
    await appDb.execute(sql`delete from future_probe`);
    expect((await pgError(appDb.execute(sql`truncate future_probe`))).code).toBe('42501');

    // The logs stay append-only for the app after all of it.
    expect((await pgError(appDb.execute(sql`delete from audit_events`))).message).toBe(
      'permission denied for table audit_events',
    );
  });
});

describe.skipIf(!onPostgres)('production shape: an owner role that is not superuser', () => {
  const ownerRole = unique('bmb_owner_test');
  const appRole = unique('bmb_app_test');
  const database = unique('bmb_test_owner');
  const password = randomBytes(12).toString('hex');
  let admin: postgres.Sql;
  let owner: DbHandle | undefined;
  let app: DbHandle | undefined;

  beforeAll(async () => {
    admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(
      `create role ${ownerRole} login nosuperuser createrole password '${password}'`,
    );
    await admin.unsafe(`create database ${database} owner ${ownerRole}`);
  });
  afterAll(async () => {
    await app?.close();
    await owner?.close();
    await admin.unsafe(`drop database if exists ${database} with (force)`);
    await admin.end();
    await dropRoles(appRole, ownerRole);
  });

  it('migrates, seeds and grants as the owner; the app role appends but cannot change the logs', async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${database}`;
    owner = createPostgresDb(urlAs(url.toString(), ownerRole, password), { max: 1 });
    await migrateDb(owner);
    const ws = await seedDemoData(owner.db);
    await grantAppRole(owner, { role: appRole, password });

    app = createPostgresDb(urlAs(url.toString(), appRole, password), { max: 1 });
    await recordAudit(app.db, {
      workspaceId: ws,
      actorId: null,
      action: 'contact-details.updated',
      entityType: 'test',
    });
    const refused = await pgError(app.db.execute(sql`update audit_events set action = 'changed'`));
    expect(refused).toEqual({ code: '42501', message: 'permission denied for table audit_events' });
    const [owned] = rows<{ tables: number }>(
      await owner.db.execute(
        sql`select count(*)::int as tables from pg_tables where schemaname = 'public' and tableowner = ${ownerRole}`,
      ),
    );
    expect(owned!.tables).toBeGreaterThan(10);
  });
});
