import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDb } from '@bmb/db/client';
import postgres from 'postgres';
import { onCleanup, runCheck } from '../harness/processes';
import { apiUpsert, removeBenchLoans } from './api-upsert';
import { explainPaths } from './explain';
import { benchFixtures, pendingForAnswerer, prepareDrafts, type Draft } from './fixtures';
import { firstLoadJs, type FirstLoad } from './first-load';
import { importThroughput } from './import-throughput';
import { lighthouseScores } from './lighthouse';
import { startMachineClient } from './machine-client';
import { load, type LoadResult } from './load';
import { sampleMemory, serverCpu, waitIdle } from './memory';
import { nodeBinaries, type NodeBinary } from './node-versions';
import { benchOptions } from './options';
import { readPaths, type ReadPath } from './paths';
import {
  explainSection,
  firstLoadTable,
  integrationTable,
  lighthouseTable,
  runTable,
  saveRun,
  writeDocSection,
  type BenchRun,
  type NodeRun,
  type PageShape,
  type PathResult,
} from './report';
import {
  DIST_DIR,
  benchActionIds,
  ensureBareBuild,
  ensureBenchBuild,
  startBareServer,
  startBenchServer,
  type BenchServer,
} from './server';
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
 * `pnpm bench [-- --scale 0.1]`: issue 9's benchmark on a generated region,
 * with issue 21's floors and costs, on each Node.js version of `--node`.
 * Not a test: it prints and records the figures and exits 0 whatever they are.
 */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');

runCheck(async () => {
  const o = benchOptions();
  const nodes = nodeBinaries(o.node);
  const loadBefore = loadAverage();
  ensureBenchBuild(o.rebuild, o.reuseBuild, o.distDir);
  ensureBareBuild(o.rebuild);
  const ids = benchActionIds(o.distDir);

  const sql = postgres(o.databaseUrl, { max: 4, onnotice: () => {} });
  onCleanup('close sql', () => sql.end({ timeout: 5 }));
  const floorDb = createPostgresDb(o.databaseUrl, { max: 20 });
  onCleanup('close the floor pool', () => floorDb.close());
  const fx = await benchFixtures(sql, floorDb.db, o.scale);
  const rows: Record<string, number> = {};
  for (const r of await sql<{ relname: string; n: number }[]>`
    select relname, reltuples::bigint as n from pg_class
    where relname in ('patients', 'loans', 'bmbs', 'audit_events', 'patient_access_log') order by relname`)
    rows[r.relname] = Number(r.n);

  // Every Node.js version sends and answers its own drafts; when the region has
  // too few free loans for all of them, only the last version (Node 24) writes.
  onCleanup('discard leftover drafts', async () =>
    console.log(`Discarded ${await discardLeftoverDrafts(sql, fx)} unsent drafts.`),
  );
  const perNode = o.only ? 0 : o.writes1 + o.writes20;
  let writeNodes: NodeBinary[] = o.only ? [] : nodes;
  let drafts: Draft[] = [];
  try {
    if (!o.only) drafts = await prepareDrafts(sql, fx, perNode * nodes.length + 60);
  } catch (error) {
    if (nodes.length === 1) throw error;
    await discardLeftoverDrafts(sql, fx);
    writeNodes = [nodes.at(-1)!];
    console.log(`  ${(error as Error).message}: the writes run on Node.js ${writeNodes[0]!.version} only.`);
    drafts = await prepareDrafts(sql, fx, perNode + 60);
  }
  const sessions = await createSessions(sql, [
    fx.holder,
    fx.busyReceiver,
    fx.emptyReceiver,
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
  const bareUrl = `http://localhost:${o.barePort}`;
  // The stock system's tokens come from the dev IdP, on the port the bench server names as its issuer.
  const machine = await startMachineClient(url);
  const allPaths = readPaths({
    fx,
    sessions,
    ids,
    origin: url,
    prescriberId: (u) => prescriberIds.get(u)!,
    token: (u) => sessions.cookie(u).split('=')[1]!,
    machineAuthorization: () => machine.authorization(),
  });
  const only = o.only;
  const paths = only
    ? allPaths.filter((p) => p.floorOnly || only.includes(p.key) || only.includes(p.emptyOf ?? ''))
    : allPaths;
  if (only && paths.every((p) => p.floorOnly))
    throw new Error(`--only names no read path; there are ${allPaths.map((p) => p.key).join(', ')}`);
  const baseOf = (p: ReadPath) => (p.server === 'bare' ? bareUrl : url);

  console.log('EXPLAIN (ANALYZE, BUFFERS) of every hot query …');
  const explains = await explainPaths(
    o.databaseUrl,
    paths.filter((p) => !p.server && !p.emptyOf),
  );
  for (const e of explains.filter((x) => x.bigSeqScans.length))
    console.log(`  seq scan in ${e.path}: ${e.bigSeqScans.join(', ')}`);

  console.log('Bare SQL through postgres.js …');
  const floors = new Map<
    string,
    { c1: Awaited<ReturnType<typeof sqlFloor>>; c20: Awaited<ReturnType<typeof sqlFloor>> }
  >();
  for (const p of paths) {
    await sqlFloor(floorDb.db, p.sql, 4, 1);
    const c1 = await sqlFloor(floorDb.db, p.sql, 1, o.seconds / 2);
    const c20 = await sqlFloor(floorDb.db, p.sql, 20, o.seconds / 2);
    floors.set(p.key, { c1, c20 });
    console.log(
      `  ${p.label}: ${c20.opsPerSec.toFixed(0)} ops/s @20, p95 @1 ${c1.p95.toFixed(1)} ms`,
    );
  }

  const firstLoad: Record<string, FirstLoad> = {};
  let lighthouse: Awaited<ReturnType<typeof lighthouseScores>> = null;
  let upsert: Awaited<ReturnType<typeof apiUpsert>> | undefined;
  let upsertNode: string | undefined;
  const nodeRuns: NodeRun[] = [];
  let draftsUsed = 0;

  for (const node of nodes) {
    const first = node === nodes[0];
    await sessions.touch();
    console.log(`\nNode.js ${node.version} (${node.path}): next start on ${url} (${o.database}) and the bare app on ${bareUrl} …`);
    const server = await startBenchServer(o.port, o.databaseUrl, { node: node.path, distDir: o.distDir });
    onCleanup('stop server', () => server.process.stop());
    const bare = await startBareServer(o.barePort, o.databaseUrl, { node: node.path });
    onCleanup('stop bare server', () => bare.process.stop());
    const serverOf = (p: ReadPath): BenchServer => (p.server === 'bare' ? bare : server);

    // Each path once: it must answer as expected; its HTML is measured (bytes, links, forms, list rows).
    const shapes = new Map<string, PageShape>();
    for (const p of paths) {
      console.log(`  checking ${p.label} …`);
      await p.prepare?.();
      const r = await fetch(`${baseOf(p)}${p.request.path}`, {
        method: p.request.method,
        headers: p.request.headers,
        body: p.request.body,
        redirect: 'manual',
      });
      const body = Buffer.from(await r.arrayBuffer());
      const text = body.toString('utf8');
      if (!p.ok(r.status, Object.fromEntries(r.headers)))
        throw new Error(`${p.label} answered ${r.status}: ${text.slice(0, 300)}`);
      const shape: PageShape = {
        bytes: body.length,
        links: text.match(/<a\s/g)?.length ?? 0,
        forms: text.match(/<form[\s>]/g)?.length ?? 0,
        ...(p.rows ? { rows: p.rows(text) } : {}),
      };
      if (p.rows && (p.emptyOf ? shape.rows !== 0 : !shape.rows))
        throw new Error(`${p.label} shows ${shape.rows} rows: the ${p.emptyOf ? 'empty' : 'full'} list is not what the bench expects`);
      shapes.set(p.key, shape);
    }

    if (first && !o.only) {
      console.log('Every path answers as expected; first-load JS …');
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
      lighthouse = await lighthouseScores(url, [
        { name: 'Hjälpmedel (patient)', path: `/hjalpmedel/${fx.tenLoanPatientId}`, cookie: sessions.cookie(fx.holder) },
        { name: 'Kvittera BMB', path: '/kvittera-bmb', cookie: sessions.cookie(fx.busyReceiver) },
      ]);
      if (!lighthouse) console.log('  no Chromium here: skipped');
      for (const [name, score] of Object.entries(lighthouse ?? {}))
        console.log(`  ${name}: performance ${score.performance}, accessibility ${score.accessibility}`);
    }

    console.log('Load …');
    let maxRssMb = 0;
    /**
     * 1 connection, then 20; the server's CPU time (its process tree's utime +
     * stime) from before each run until it is idle after it, ÷ the requests.
     */
    const measure = async (
      target: BenchServer,
      run: (connections: number) => Promise<LoadResult>,
    ): Promise<{ c1: LoadResult; c20: LoadResult }> => {
      const pid = target.process.pid;
      const cpu = serverCpu(pid);
      await waitIdle(pid);
      let before = cpu.ms();
      const c1 = await run(1);
      await waitIdle(pid);
      c1.cpuMsPerRequest = (cpu.ms() - before) / c1.requests;
      const memory = target === server ? sampleMemory(pid) : null;
      before = cpu.ms();
      const c20 = await run(20);
      await waitIdle(pid);
      c20.cpuMsPerRequest = (cpu.ms() - before) / c20.requests;
      if (memory) maxRssMb = Math.max(maxRssMb, memory.stop());
      return { c1, c20 };
    };
    const results: PathResult[] = [];
    const report = (p: PathResult) =>
      console.log(
        `  ${p.label}: ${p.c20.reqPerSec.toFixed(0)} req/s @20, p95 @1 ${p.c1.p95.toFixed(1)} ms, CPU ${p.c20.cpuMsPerRequest?.toFixed(2)} ms/req, ${((p.page?.bytes ?? p.c20.bytesPerResponse) / 1024).toFixed(1)} KB${p.page?.rows !== undefined ? `, ${p.page.rows} rows` : ''}, errors ${p.c1.errors + p.c20.errors} ${p.c1.samples.concat(p.c20.samples).slice(0, 2).join(' | ')}`,
      );
    for (const p of paths) {
      await p.prepare?.();
      const next = () => p.request;
      const base = baseOf(p);
      await load({ url: base, connections: 1, seconds: 3, next, ok: p.ok }); // warm-up
      const { c1, c20 } = await measure(serverOf(p), (connections) =>
        load({ url: base, connections, seconds: o.seconds, next, ok: p.ok }),
      );
      const floor = floors.get(p.key)!;
      results.push({
        key: p.key,
        label: p.label,
        kind: p.emptyOf ? 'empty' : p.floorOnly ? 'floor' : 'read',
        ...(p.emptyOf ? { emptyOf: p.emptyOf } : {}),
        c1,
        c20,
        sql1: floor.c1,
        sql20: floor.c20,
        page: shapes.get(p.key)!,
      });
      report(results.at(-1)!);
    }

    const runWrite = async (path: WritePath, verify?: (requests: number) => Promise<number>) => {
      const { c1, c20 } = await measure(server, (connections) =>
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
      report(results.at(-1)!);
    };
    const writes = writeNodes.includes(node);
    if (writes) {
      await sessions.touch();
      const mine = drafts.slice(draftsUsed, draftsUsed + perNode);
      draftsUsed += perNode;
      await runWrite(sendPath(mine, sessions, ids, url), async (requests) => sentCount(sql, mine.slice(0, requests)));
      const pending = await pendingForAnswerer(sql, fx);
      const answerCookie = sessions.cookie(fx.answerer);
      if (first)
        firstLoad['Kvittera BMB (answer page)'] = await firstLoadJs(
          url,
          { method: 'GET', path: `/kvittera-bmb/${pending[0]}`, headers: { cookie: answerCookie, 'sec-fetch-site': 'same-origin' } },
          new Map(),
        );
      await runWrite(
        answerPath(pending, fx, sessions, ids, await answerChoices(url, answerCookie, pending[0]!), url),
      );
    }

    if (first && !o.only) {
      console.log(`The API's batch upsert: ${o.upsertBatches} batches of 10,000 new loans …`);
      onCleanup('remove the bench loans', async () =>
        console.log(`Removed ${await removeBenchLoans(sql, fx)} loans the upsert made.`),
      );
      upsert = await apiUpsert(sql, fx, url, () => machine.authorization(), {
        batches: o.upsertBatches,
        rowsPerBatch: 10_000,
      });
      upsertNode = node.version;
      for (const [name, p] of Object.entries({ created: upsert.created, unchanged: upsert.unchanged }))
        console.log(
          `  ${name}: ${p.rowsPerSec.toFixed(0)} loan rows/s, batch p95 ${p.p95.toFixed(0)} ms, errors ${p.errors} ${p.sample ?? ''}`,
        );
      console.log(`Removed ${await removeBenchLoans(sql, fx)} loans the upsert made.`);
    }

    await bare.process.stop();
    await server.process.stop();
    nodeRuns.push({
      node: node.version,
      paths: results,
      maxRssMb,
      ...(writes
        ? {}
        : { writesSkipped: o.only ? '--only' : `too few free loans for every version's drafts; run on ${writeNodes[0]!.version}` }),
    });
  }

  let imported;
  if (o.import && !o.only) {
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
    nodes: nodeRuns,
    firstLoad,
    lighthouse: lighthouse ?? undefined,
    explains,
    upsert,
    upsertNode,
    import: imported,
  };
  // A trial run (--no-docs) or another build (--dist-dir) leaves docs/bench-results alone.
  const saved = saveRun(
    run,
    o.docs && o.distDir === DIST_DIR ? undefined : join(tmpdir(), `bmb-bench-${o.database}${o.distDir === DIST_DIR ? '' : o.distDir}${o.only ? '-only' : ''}.json`),
  );
  console.log(`Figures saved in ${saved}`);
  const table = runTable(run);
  console.log(o.only ? `\n${table}\n` : `\n${table}\n\n${firstLoadTable(run)}\n\n${integrationTable(run)}`);
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
