import { readFileSync } from 'node:fs';
import { createPostgresDb } from '@bmb/db/client';
import postgres from 'postgres';
import { onCleanup, runCheck } from '../harness/processes';
import { apiUpsert, removeBenchLoans } from './api-upsert';
import { explainPaths } from './explain';
import { benchFixtures, pendingForAnswerer, prepareDrafts } from './fixtures';
import { firstLoadJs, type FirstLoad } from './first-load';
import { importThroughput } from './import-throughput';
import { lighthouseScores } from './lighthouse';
import { startMachineClient } from './machine-client';
import { load, type LoadResult } from './load';
import { sampleMemory, waitIdle } from './memory';
import { benchOptions } from './options';
import { readPaths } from './paths';
import {
  explainSection,
  firstLoadTable,
  integrationTable,
  lighthouseTable,
  runTable,
  saveRun,
  writeDocSection,
  type BenchRun,
  type PathResult,
} from './report';
import { benchActionIds, ensureBenchBuild, startBenchServer } from './server';
import { createSessions } from './sessions';
import { sqlFloor } from './sql-floor';
import {
  answerChoices,
  answerPath,
  discardLeftoverDrafts,
  sendPath,
  sentCount,
  type WritePath,
} from './writes';

/**
 * `pnpm bench [-- --scale 0.1]`: issue 9's benchmark on a generated region.
 * Not a test: it prints and records the figures and exits 0 whatever they are.
 */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');

runCheck(async () => {
  const o = benchOptions();
  const loadBefore = loadAverage();
  ensureBenchBuild(o.rebuild, o.reuseBuild);
  const ids = benchActionIds();

  const sql = postgres(o.databaseUrl, { max: 4, onnotice: () => {} });
  onCleanup('close sql', () => sql.end({ timeout: 5 }));
  const fx = await benchFixtures(sql, o.scale);
  const rows: Record<string, number> = {};
  for (const r of await sql<{ relname: string; n: number }[]>`
    select relname, reltuples::bigint as n from pg_class
    where relname in ('patients', 'loans', 'bmbs', 'audit_events', 'patient_access_log') order by relname`)
    rows[r.relname] = Number(r.n);

  const drafts = await prepareDrafts(sql, fx, o.writes1 + o.writes20 + 60);
  onCleanup('discard leftover drafts', async () =>
    console.log(`Discarded ${await discardLeftoverDrafts(sql, fx)} unsent drafts.`),
  );
  const sessions = await createSessions(sql, [
    fx.holder,
    fx.busyReceiver,
    fx.admin,
    fx.answerer,
    ...drafts.map((d) => d.sender),
  ]);
  onCleanup('remove bench sessions', () => sessions.remove());
  const prescriberIds = new Map(
    (
      await sql<
        { username: string; id: string }[]
      >`select username, id from prescribers where workspace_id = ${fx.workspaceId}
      and username in ${sql([fx.holder, fx.busyReceiver, fx.admin, fx.answerer])}`
    ).map((r) => [r.username, r.id]),
  );
  const url = `http://localhost:${o.port}`;
  // The stock system's tokens come from the dev IdP, on the port the bench server names as its issuer.
  const machine = await startMachineClient(url);
  const paths = readPaths({
    fx,
    sessions,
    ids,
    origin: url,
    prescriberId: (u) => prescriberIds.get(u)!,
    token: (u) => sessions.cookie(u).split('=')[1]!,
    machineAuthorization: () => machine.authorization(),
  });

  console.log('EXPLAIN (ANALYZE, BUFFERS) of every hot query …');
  const explains = await explainPaths(o.databaseUrl, paths);
  for (const e of explains.filter((x) => x.bigSeqScans.length))
    console.log(`  seq scan in ${e.path}: ${e.bigSeqScans.join(', ')}`);

  console.log('Bare SQL through postgres.js …');
  const floorDb = createPostgresDb(o.databaseUrl, { max: 20 });
  const floors = new Map<
    string,
    { c1: Awaited<ReturnType<typeof sqlFloor>>; c20: Awaited<ReturnType<typeof sqlFloor>> }
  >();
  try {
    for (const p of paths) {
      await sqlFloor(floorDb.db, p.sql, 4, 1);
      const c1 = await sqlFloor(floorDb.db, p.sql, 1, o.seconds / 2);
      const c20 = await sqlFloor(floorDb.db, p.sql, 20, o.seconds / 2);
      floors.set(p.key, { c1, c20 });
      console.log(
        `  ${p.label}: ${c20.opsPerSec.toFixed(0)} ops/s @20, p95 @1 ${c1.p95.toFixed(1)} ms`,
      );
    }
  } finally {
    await floorDb.close();
  }

  console.log(`Starting next start on ${url} (${o.database}) …`);
  const server = await startBenchServer(o.port, o.databaseUrl);
  onCleanup('stop server', () => server.process.stop());

  for (const p of paths) {
    console.log(`  checking ${p.label} …`);
    await p.prepare?.();
    const r = await fetch(`${url}${p.request.path}`, {
      method: p.request.method,
      headers: p.request.headers,
      body: p.request.body,
      redirect: 'manual',
    });
    const text = await r.text();
    if (!p.ok(r.status, Object.fromEntries(r.headers)))
      throw new Error(`${p.label} answered ${r.status}: ${text.slice(0, 300)}`);
  }

  console.log('Every path answers as expected; first-load JS …');
  const firstLoad: Record<string, FirstLoad> = {};
  const cache = new Map<string, number>();
  const pages: [string, string, string][] = [
    ['Dina uppgifter', '/dina-uppgifter', fx.holder],
    ['Hjälpmedel (patient)', `/hjalpmedel/${fx.tenLoanPatientId}`, fx.holder],
    ['BMB form', `/hjalpmedel/${fx.tenLoanPatientId}/bmb`, fx.holder],
    [
      'Skickade BMB (summary, Verkställ)',
      `/skickade-bmb/${drafts.at(-1)!.bmbId}`,
      drafts.at(-1)!.sender,
    ],
    ['Kvittera BMB', '/kvittera-bmb', fx.busyReceiver],
    ['Individkort', `/individkort?individ=${fx.individ}`, fx.admin],
    ['Admin Låsta BMB', '/admin/lasta-bmb', fx.admin],
    ['Admin Logg', '/admin/logg', fx.admin],
  ];
  for (const [name, path, user] of pages)
    firstLoad[name] = await firstLoadJs(
      url,
      { method: 'GET', path, headers: { cookie: sessions.cookie(user), 'sec-fetch-site': 'same-origin' } },
      cache,
    );

  console.log('Lighthouse (desktop, logged in) …');
  const lighthouse = await lighthouseScores(url, [
    { name: 'Hjälpmedel (patient)', path: `/hjalpmedel/${fx.tenLoanPatientId}`, cookie: sessions.cookie(fx.holder) },
    { name: 'Kvittera BMB', path: '/kvittera-bmb', cookie: sessions.cookie(fx.busyReceiver) },
  ]);
  if (!lighthouse) console.log('  no Chromium here: skipped');
  for (const [name, score] of Object.entries(lighthouse ?? {}))
    console.log(`  ${name}: performance ${score.performance}, accessibility ${score.accessibility}`);

  console.log('Load …');
  let maxRssMb = 0;
  const measure = async (
    run: (connections: number) => Promise<LoadResult>,
  ): Promise<{ c1: LoadResult; c20: LoadResult }> => {
    await waitIdle(server.process.pid);
    const c1 = await run(1);
    const memory = sampleMemory(server.process.pid);
    const c20 = await run(20);
    maxRssMb = Math.max(maxRssMb, memory.stop());
    await waitIdle(server.process.pid);
    return { c1, c20 };
  };
  const results: PathResult[] = [];
  for (const p of paths) {
    await p.prepare?.();
    const next = () => p.request;
    await load({ url, connections: 1, seconds: 3, next, ok: p.ok }); // warm-up, without leaving a backlog
    const { c1, c20 } = await measure((connections) =>
      load({ url, connections, seconds: o.seconds, next, ok: p.ok }),
    );
    const floor = floors.get(p.key)!;
    results.push({
      key: p.key,
      label: p.label,
      kind: p.floorOnly ? 'floor' : 'read',
      c1,
      c20,
      sql1: floor.c1,
      sql20: floor.c20,
    });
    console.log(
      `  ${p.label}: ${c20.reqPerSec.toFixed(0)} req/s @20, p95 @1 ${c1.p95.toFixed(1)} ms, errors ${c1.errors + c20.errors} ${c1.samples.concat(c20.samples).slice(0, 2).join(' | ')}`,
    );
  }

  const runWrite = async (path: WritePath, verify?: (requests: number) => Promise<number>) => {
    const { c1, c20 } = await measure((connections) =>
      load({
        url,
        connections,
        amount: connections === 1 ? o.writes1 : o.writes20,
        next: path.next,
        ok: path.ok,
      }),
    );
    // Requests that answered well but changed nothing count as errors too.
    const missing = verify ? c1.requests + c20.requests - (await verify(c1.requests + c20.requests)) : 0;
    if (missing > 0) c20.errors += missing;
    results.push({ key: path.key, label: path.label, kind: 'write', c1, c20 });
    console.log(
      `  ${path.label}: ${c20.reqPerSec.toFixed(0)} req/s @20, p95 @1 ${c1.p95.toFixed(1)} ms, errors ${c1.errors + c20.errors} ${c1.samples.concat(c20.samples).slice(0, 2).join(' | ')}`,
    );
  };
  const sends = sendPath(drafts, sessions, ids, url);
  await runWrite(sends, async (requests) => sentCount(sql, drafts.slice(0, requests)));
  const pending = await pendingForAnswerer(sql, fx);
  const answerCookie = sessions.cookie(fx.answerer);
  firstLoad['Kvittera BMB (answer page)'] = await firstLoadJs(
    url,
    { method: 'GET', path: `/kvittera-bmb/${pending[0]}`, headers: { cookie: answerCookie, 'sec-fetch-site': 'same-origin' } },
    cache,
  );
  await runWrite(
    answerPath(
      pending,
      fx,
      sessions,
      ids,
      await answerChoices(url, answerCookie, pending[0]!),
      url,
    ),
  );

  console.log(`The API's batch upsert: ${o.upsertBatches} batches of 10,000 new loans …`);
  onCleanup('remove the bench loans', async () =>
    console.log(`Removed ${await removeBenchLoans(sql, fx)} loans the upsert made.`),
  );
  const upsert = await apiUpsert(sql, fx, url, () => machine.authorization(), {
    batches: o.upsertBatches,
    rowsPerBatch: 10_000,
  });
  for (const [name, p] of Object.entries({ created: upsert.created, unchanged: upsert.unchanged }))
    console.log(
      `  ${name}: ${p.rowsPerSec.toFixed(0)} loan rows/s, batch p95 ${p.p95.toFixed(0)} ms, errors ${p.errors} ${p.sample ?? ''}`,
    );
  console.log(`Removed ${await removeBenchLoans(sql, fx)} loans the upsert made.`);

  await server.process.stop();
  let imported;
  if (o.import) {
    console.log('The initial load (export, pnpm run import, bare COPY) …');
    imported = await importThroughput(o.databaseUrl);
    console.log(
      `  import ${imported.importSeconds.toFixed(0)} s (${imported.importRowsPerSec.toFixed(0)} rows/s), COPY ${imported.copySeconds.toFixed(0)} s (${imported.copyRowsPerSec.toFixed(0)} rows/s)`,
    );
  }
  const run: BenchRun = {
    scale: o.scale,
    database: o.database,
    at: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    loadBefore,
    loadAfter: loadAverage(),
    rows,
    paths: results,
    maxRssMb,
    firstLoad,
    lighthouse: lighthouse ?? undefined,
    explains,
    upsert,
    import: imported,
  };
  saveRun(run);
  const table = runTable(run);
  console.log(`\n${table}\n\n${firstLoadTable(run)}\n\n${integrationTable(run)}`);
  if (o.docs) {
    writeDocSection(`scale-${o.scale}`, table);
    // Page weight does not depend on the data; the plans shown are the reference region's (scale 1).
    writeDocSection('first-load', firstLoadTable(run));
    if (run.lighthouse) writeDocSection('lighthouse', lighthouseTable(run));
    if (o.scale === 1) writeDocSection('explain-1', explainSection(run));
    writeDocSection(`integration-${o.scale}`, integrationTable(run));
  }
  return true;
});
