// pnpm bench: Admin → Logg on a million rows in each log (issue 6: "paging that
// stays fast on a million rows"). Creates its own database on the PostgreSQL
// server in BENCH_DATABASE_URL (default: the local one), fills it with
// set-based SQL, times the app's own log queries and drops the database again.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createPostgresDb } from '../client';
import { migrateDb } from '../migrate';
import { searchAccessLog, searchAuditEvents, type LogCursor, type LogFilter } from '../queries/logs';
import { demoId, seedDemoData } from '../seed';
import { testAdminScope } from '../test/test-database';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_LOG_ROWS ?? 1_000_000);
const RUNS = 9;
const name = `bmb_bench_${process.pid}`;
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const handle = createPostgresDb(dbUrl, { max: 2 });
try {
  await migrateDb(handle);
  const ws = await seedDemoData(handle.db);
  const users = ['k100ana', 'k200bo', 'k400eva', 'admin'].map((u) => demoId('prescriber', u));
  const patientRows = (await handle.db.execute<Record<string, unknown>>(sql`select id from patients`)) as { id: string }[];
  const patients = patientRows.map((p) => p.id);

  // Set-based fill through a plain connection: the app's client has a 15 s statement timeout.
  const filler = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const started = performance.now();
  const array = (ids: string[]) => `array['${ids.join("','")}']::uuid[]`;
  await filler.unsafe(`
    insert into patient_access_log (workspace_id, user_id, patient_id, action, occurred_at)
    select '${ws}', (${array(users)})[1 + g % ${users.length}], (${array(patients)})[1 + g % ${patients.length}],
           (array['patient.search', 'patient.loans.view', 'bmb.view'])[1 + g % 3], now() - g * interval '1 second'
    from generate_series(1, ${ROWS}) g`);
  await filler.unsafe(`
    insert into audit_events (workspace_id, actor_id, action, entity_type, entity_id, occurred_at)
    select '${ws}', (${array(users)})[1 + g % ${users.length}],
           (array['bmb.sent', 'bmb.accepted', 'login.succeeded', 'bmb.draft.saved'])[1 + g % 4], 'bmb',
           gen_random_uuid(), now() - g * interval '1 second'
    from generate_series(1, ${ROWS}) g`);
  await filler.unsafe('analyze');
  await filler.end();
  console.log(`Filled ${ROWS.toLocaleString('sv-SE')} rows in each log in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const deep = async (table: 'patient_access_log' | 'audit_events'): Promise<LogCursor> => {
    const [row] = (await handle.db.execute<Record<string, unknown>>(
      sql`select occurred_at::text as at, id from ${sql.identifier(table)} order by occurred_at desc, id desc offset 10000 limit 1`,
    )) as { at: string; id: number }[];
    return { occurredAt: row!.at, id: Number(row!.id) };
  };
  const median = async (run: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await run();
      samples.push(performance.now() - t);
    }
    return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  };

  const accessDeep = await deep('patient_access_log');
  const auditDeep = await deep('audit_events');
  const filters: [string, LogFilter][] = [
    ['no filter', {}],
    ['one patient', { patientId: patients[0]! }],
    ['one user', { userId: users[1]! }],
    ['one action', { action: 'bmb.view' }],
  ];
  console.log('\n| log | filter | page 1 (ms) | page 200 (ms) |\n|---|---|---|---|');
  for (const [label, filter] of filters) {
    const p1 = await median(() => searchAccessLog(handle.db, testAdminScope(ws), filter, { limit: 51 }));
    const p200 = await median(() => searchAccessLog(handle.db, testAdminScope(ws), filter, { limit: 51, cursor: accessDeep }));
    console.log(`| access | ${label} | ${p1.toFixed(1)} | ${p200.toFixed(1)} |`);
  }
  for (const [label, filter] of [...filters.slice(0, 1), ['one user', { userId: users[2]! }], ['one action', { action: 'bmb.accepted' }]] as [string, LogFilter][]) {
    const p1 = await median(() => searchAuditEvents(handle.db, testAdminScope(ws), filter, { limit: 51 }));
    const p200 = await median(() => searchAuditEvents(handle.db, testAdminScope(ws), filter, { limit: 51, cursor: auditDeep }));
    console.log(`| audit | ${label} | ${p1.toFixed(1)} | ${p200.toFixed(1)} |`);
  }
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
