// Issue 10 item 11, Soak: virtual users doing the manual's flows for a while
// (default 10 minutes, 10 users): Hjälpmedel search, the BMB form, Spara
// ändringarna, Verkställ, and the receiver's Kvittera BMB (Ja or Nej). Every
// few seconds it samples pg_stat_activity and the server's resident memory.
// Targets: 0 errors, no connection left idle in transaction, memory flat.
// Run: pnpm check:soak [--minutes 10] [--vus 10] [--think-ms 300] [--rebuild]
import { setTimeout as sleep } from 'node:timers/promises';
import { addFixturePatients, bmbIdOf, describe, Flows, isSent, keyInRedirect, type FixturePatient } from '../harness/bmb';
import { checkConsistency, findingsTotal, type FixtureLoan } from '../harness/consistency';
import { Browser, logIn, type Outcome } from '../harness/http';
import { requireFreePorts, rssMb, runCheck } from '../harness/processes';
import { allMet, args, ms, percentile, printTable, type Row } from '../harness/report';
import { actionIds, createDatabase, ensureBuild, serverErrors, startIdp, startWeb } from '../harness/stack';

const IDP_PORT = 3230;
const WEB_PORT = 3231;

const opts = args({
  minutes: { type: 'string', default: '10' },
  vus: { type: 'string', default: '10' },
  'think-ms': { type: 'string', default: '300' },
  'sample-seconds': { type: 'string', default: '5' },
  rebuild: { type: 'boolean', default: false },
});
const MINUTES = Number(opts.minutes);
const VUS = Number(opts.vus);
const THINK_MS = Number(opts['think-ms']);
const SAMPLE_MS = Number(opts['sample-seconds']) * 1000;
const PATIENTS_PER_SIDE = 6;
/** A connection idle in transaction for longer than this is stuck, not between two statements. */
const STUCK_MS = 5000;
/** Memory: the first part of the run (caches filling, JIT) is warm-up, not growth. */
const WARMUP_FRACTION = 0.2;
const MAX_GROWTH = 1.25;

type User = 'k100ana' | 'k200bo';

interface Loan {
  patient: FixturePatient;
  holder: User;
  open: boolean;
}

interface Sample {
  at: number;
  rssMb: number | null;
  idleInTx: number;
  stuck: number;
  maxIdleInTxMs: number;
  connections: number;
}

runCheck(async () => {
  if (VUS % 2 !== 0) throw new Error('--vus must be even: users work in pairs, one sender and one receiver');
  await requireFreePorts([IDP_PORT, WEB_PORT]);
  await ensureBuild(opts.rebuild);
  const ids = actionIds();
  const flows = new Flows(ids);
  console.log('Creating database bmb_check_soak …');
  const db = await createDatabase('bmb_check_soak');
  const pairs = VUS / 2;
  const loansByPair: Loan[][] = [];
  const fixtureLoans: FixtureLoan[] = [];
  const [ana] = await db.sql<{ id: string }[]>`select id from prescribers where username = 'k100ana'`;
  const [bo] = await db.sql<{ id: string }[]>`select id from prescribers where username = 'k200bo'`;
  for (let p = 0; p < pairs; p++) {
    const first = p * PATIENTS_PER_SIDE * 2;
    const anas = await addFixturePatients(db.sql, { count: PATIENTS_PER_SIDE, holder: 'k100ana', unitCode: '4110', label: `soak${p}`, firstIndex: first });
    const bos = await addFixturePatients(db.sql, { count: PATIENTS_PER_SIDE, holder: 'k200bo', unitCode: '5210', label: `soak${p}`, firstIndex: first + PATIENTS_PER_SIDE });
    loansByPair.push([...anas.map((patient) => ({ patient, holder: 'k100ana' as User, open: false })), ...bos.map((patient) => ({ patient, holder: 'k200bo' as User, open: false }))]);
    for (const x of anas) fixtureLoans.push(...x.loanIds.map((loanId) => ({ loanId, holderId: ana!.id })));
    for (const x of bos) fixtureLoans.push(...x.loanIds.map((loanId) => ({ loanId, holderId: bo!.id })));
  }
  const [{ now: since }] = (await db.sql`select now() as now`) as unknown as [{ now: Date }];

  const idp = await startIdp(IDP_PORT, [`http://localhost:${WEB_PORT}`]);
  const web = await startWeb({ name: 'web', port: WEB_PORT, databaseUrl: db.url, idpUrl: idp.url });

  // Every virtual user logs in through the IdP: its own browser, its own database session.
  const browsers: Browser[] = [];
  for (let v = 0; v < VUS; v++) {
    const browser = new Browser(web.url);
    await logIn(browser, ids.signInWithSso!, v % 2 === 0 ? 'k100ana' : 'k200bo');
    browsers.push(browser);
  }
  console.log(`${VUS} virtual users logged in through the IdP; running for ${MINUTES} min …`);

  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const errorExamples: string[] = [];
  let requests = 0;
  let flowsDone = { sent: 0, answeredJa: 0, answeredNej: 0 };
  /** Checks one response: records its time, and counts it as an error unless it is what the flow expects. */
  const expect = (step: string, outcome: Outcome, good: (o: Outcome) => boolean): boolean => {
    requests++;
    const list = latencies.get(step) ?? [];
    list.push(outcome.ms);
    latencies.set(step, list);
    if (good(outcome)) return true;
    errors.set(step, (errors.get(step) ?? 0) + 1);
    if (errorExamples.length < 10) errorExamples.push(`${step}: ${describe(outcome)}`);
    return false;
  };
  const page = (o: Outcome) => o.kind === 'returned' && o.status === 200;
  const think = () => sleep(THINK_MS * (0.5 + Math.random()));

  const inbox: { bmbId: string; loan: Loan }[][] = browsers.map(() => []);
  const began = performance.now();
  const deadline = began + MINUTES * 60_000;

  const vu = async (v: number) => {
    const b = browsers[v]!;
    const me: User = v % 2 === 0 ? 'k100ana' : 'k200bo';
    const partner = v % 2 === 0 ? v + 1 : v - 1;
    const loans = loansByPair[Math.floor(v / 2)]!;
    while (performance.now() < deadline) {
      const waiting = inbox[v]!.shift();
      if (waiting) {
        // Kvittera BMB: the list, the BMB, Verkställ with Ja or Nej.
        if (!expect('GET /kvittera-bmb', await b.tryPage('/kvittera-bmb'), page)) continue;
        await think();
        const choices = await flows.answerChoices(b, waiting.bmbId);
        if (!expect('GET /kvittera-bmb/[id]', choices.outcome, (o) => page(o) && !!choices.addressId && !!choices.payerId)) continue;
        await think();
        const approved = Math.random() < 0.6 ? 'ja' : 'nej';
        const answered = await flows.answer(b, { bmbId: waiting.bmbId, approved, addressId: choices.addressId!, payerId: choices.payerId! });
        if (!expect('POST answer (Verkställ)', answered, (o) => o.kind === 'redirect' && o.to === `/kvittera-bmb?besvarad=${approved}`)) continue;
        waiting.loan.open = false;
        if (approved === 'ja') waiting.loan.holder = me;
        flowsDone = approved === 'ja' ? { ...flowsDone, answeredJa: flowsDone.answeredJa + 1 } : { ...flowsDone, answeredNej: flowsDone.answeredNej + 1 };
        await think();
        continue;
      }
      const mine = loans.filter((l) => l.holder === me && !l.open);
      const loan = mine[Math.floor(Math.random() * mine.length)];
      if (!loan) {
        // Nothing to send now: look at Skickade BMB, as one does while waiting.
        expect('GET /skickade-bmb', await b.tryPage('/skickade-bmb'), page);
        await think();
        continue;
      }
      // Skicka BMB: Hjälpmedel, Sök, the BMB form, Spara ändringarna, Verkställ.
      if (!expect('GET /hjalpmedel', await b.tryPage('/hjalpmedel'), page)) continue;
      await think();
      const found = await flows.search(b, loan.patient.personnummer);
      if (!expect('POST search (Sök)', found, (o) => o.kind === 'redirect' && o.to === `/hjalpmedel/${loan.patient.patientId}`)) continue;
      await think();
      if (!expect('GET /hjalpmedel/[id]/bmb', await b.tryPage(`/hjalpmedel/${loan.patient.patientId}/bmb`), page)) continue;
      await think();
      const receiver: User = me === 'k100ana' ? 'k200bo' : 'k100ana';
      const saved = await flows.saveDraft(b, {
        patientId: loan.patient.patientId,
        personnummer: loan.patient.personnummer,
        receiver,
        loanIds: loan.patient.loanIds,
        message: 'Patienten har flyttat.',
      });
      const bmbId = bmbIdOf(saved);
      const key = keyInRedirect(saved);
      if (!expect('POST draft (Spara ändringarna)', saved, () => !!bmbId && !!key)) continue;
      await think();
      const sent = await flows.send(b, bmbId!, key!);
      if (!expect('POST send (Verkställ)', sent, isSent)) continue;
      loan.open = true;
      flowsDone.sent++;
      inbox[partner]!.push({ bmbId: bmbId!, loan });
      await think();
    }
  };

  // Samples: the app's connections (pg_stat_activity) and next-server's resident memory.
  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [row] = await db.sql<{ idle_in_tx: number; stuck: number; max_ms: number; connections: number }[]>`
        select count(*) filter (where state like 'idle in transaction%')::int as idle_in_tx,
               count(*) filter (where state like 'idle in transaction%' and now() - state_change > make_interval(secs => ${STUCK_MS / 1000}))::int as stuck,
               coalesce(max(extract(epoch from now() - state_change) * 1000) filter (where state like 'idle in transaction%'), 0)::int as max_ms,
               count(*)::int as connections
        from pg_stat_activity where datname = ${db.name} and application_name <> 'bmb-check'`;
      samples.push({ at: performance.now() - began, rssMb: rssMb(web.process.pid), idleInTx: row!.idle_in_tx, stuck: row!.stuck, maxIdleInTxMs: row!.max_ms, connections: row!.connections });
      const last = samples.at(-1)!;
      if (samples.length % Math.max(1, Math.round(60_000 / SAMPLE_MS)) === 0) {
        console.log(`  ${(last.at / 60_000).toFixed(1)} min: ${requests} requests, ${[...errors.values()].reduce((a, n) => a + n, 0)} errors, RSS ${last.rssMb?.toFixed(0)} MB, ${last.connections} connections`);
      }
      await sleep(SAMPLE_MS);
    }
  })();

  await Promise.all(browsers.map((_, v) => vu(v)));
  const ran = performance.now() - began;
  sampling = false;
  await sampler;

  // After the load: nothing may be left idle in transaction, and the database must be consistent.
  await sleep(2000);
  const findings = await checkConsistency(db.sql, { since, loans: fixtureLoans, database: db.name });
  for (const f of findings.filter((f) => f.count > 0)) console.log(`  ${f.group}: ${f.name}: ${f.count} (e.g. ${f.examples.join(', ')})`);
  const loggedErrors = serverErrors(web);

  const totalErrors = [...errors.values()].reduce((a, n) => a + n, 0);
  const all = [...latencies.values()].flat();
  const rss = samples.map((s) => s.rssMb).filter((x): x is number => x !== null);
  const afterWarmup = samples.filter((s) => s.at >= WARMUP_FRACTION * ran && s.rssMb !== null);
  const window = Math.max(1, Math.floor(afterWarmup.length / 5));
  const median = (xs: number[]) => percentile(xs, 50);
  const startMb = median(afterWarmup.slice(0, window).map((s) => s.rssMb!));
  const endMb = median(afterWarmup.slice(-window).map((s) => s.rssMb!));
  const slope = slopePerMinute(afterWarmup.map((s) => [s.at / 60_000, s.rssMb!]));
  const rows: Row[] = [
    { figure: 'duration, virtual users, think time', value: `${(ran / 60_000).toFixed(1)} min, ${VUS}, ${THINK_MS} ms ±50 %` },
    { figure: 'flows: BMBs sent / answered Ja / answered Nej', value: `${flowsDone.sent} / ${flowsDone.answeredJa} / ${flowsDone.answeredNej}` },
    { figure: 'requests (pages and actions)', value: `${requests} (${(requests / (ran / 1000)).toFixed(1)}/s)` },
    { figure: 'errors (5xx, no answer, or not the expected result)', value: totalErrors, target: '0', ok: totalErrors === 0 },
    { figure: 'errors logged by the server', value: loggedErrors.length, target: '0', ok: loggedErrors.length === 0 },
    { figure: 'latency p50 / p95 / max, all requests', value: `${ms(percentile(all, 50))} / ${ms(percentile(all, 95))} / ${ms(Math.max(...all))}` },
  ];
  for (const [step, list] of [...latencies].sort(([x], [y]) => x.localeCompare(y))) {
    rows.push({ figure: `  ${step}: n, p50 / p95`, value: `${list.length}, ${ms(percentile(list, 50))} / ${ms(percentile(list, 95))}` });
  }
  const maxIdle = Math.max(0, ...samples.map((s) => s.idleInTx));
  const stuck = samples.reduce((n, s) => n + s.stuck, 0);
  const leftIdle = findingsTotal(findings, 'connections');
  rows.push(
    { figure: `samples (every ${SAMPLE_MS / 1000} s): app connections max`, value: `${samples.length}: ${Math.max(0, ...samples.map((s) => s.connections))}` },
    { figure: 'idle in transaction at a sample: max count / longest', value: `${maxIdle} / ${ms(Math.max(0, ...samples.map((s) => s.maxIdleInTxMs)))}` },
    { figure: `idle in transaction longer than ${STUCK_MS / 1000} s, any sample`, value: stuck, target: '0', ok: stuck === 0 },
    { figure: 'idle in transaction after the load', value: leftIdle, target: '0', ok: leftIdle === 0 },
    { figure: 'RSS of next-server: first sample / max / last', value: `${rss[0]?.toFixed(0)} / ${Math.max(...rss).toFixed(0)} / ${rss.at(-1)?.toFixed(0)} MB` },
    {
      figure: `RSS after warm-up (${WARMUP_FRACTION * 100} %): start / end median, slope`,
      value: `${startMb.toFixed(0)} / ${endMb.toFixed(0)} MB, ${slope >= 0 ? '+' : ''}${slope.toFixed(1)} MB/min`,
      target: `end ≤ ${MAX_GROWTH} × start`,
      ok: endMb <= MAX_GROWTH * startMb,
    },
  );
  for (const group of ['half-applied', 'audit', 'open-bmb'] as const) {
    const n = findingsTotal(findings, group);
    rows.push({ figure: `consistency afterwards: ${group}`, value: n, target: '0', ok: n === 0 });
  }
  if (errorExamples.length) console.log(`\nFirst errors:\n  ${errorExamples.join('\n  ')}`);
  if (loggedErrors.length) console.log(`\nServer errors (first 5):\n  ${loggedErrors.slice(0, 5).join('\n  ')}`);
  console.log(`\nRSS samples (MB): ${rss.map((x) => x.toFixed(0)).join(' ')}`);
  printTable(`Soak: ${MINUTES} min, ${VUS} virtual users`, rows);
  return allMet(rows);
});

/** Least-squares slope of y over x. */
function slopePerMinute(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
