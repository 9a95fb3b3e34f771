// Issue 10 item 5, Faults: database sessions killed in the middle of sends and
// answers, PostgreSQL restarted under load, the web process killed mid-request.
// Afterwards SQL checks that nothing is half-applied and that the audit trail
// and the changes match; retried requests (same form, same idempotency key)
// must take effect exactly once. Run: pnpm check:faults [--sends 120]
// [--web-kills 5] [--no-restart] [--rebuild]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { addFixturePatients, bmbIdOf, describe, Flows, isSent, type FixturePatient } from '../harness/bmb';
import { checkConsistency, findingsTotal, type FixtureLoan } from '../harness/consistency';
import { driverCheck } from './driver';
import { Browser, logIn, type Outcome } from '../harness/http';
import { requireFreePorts, runCheck } from '../harness/processes';
import { allMet, args, ms, printTable, seconds, type Row } from '../harness/report';
import { isAnswer, pool, retryUntilAnswered, type Settled } from '../harness/retry';
import { actionIds, createDatabase, ensureBuild, restartWeb, startIdp, startWeb, type CheckDatabase } from '../harness/stack';

const IDP_PORT = 3210;
const WEB_PORT = 3211;
const CONCURRENCY = 6;

const opts = args({
  sends: { type: 'string', default: '120' },
  'web-kills': { type: 'string', default: '5' },
  'no-restart': { type: 'boolean', default: false },
  rebuild: { type: 'boolean', default: false },
});
const SENDS = Number(opts.sends);
const WEB_KILLS = Number(opts['web-kills']);
const RESTART_SENDS = 60;
const PER_KILL = 12;

/** One BMB the check sends and then answers, whatever happens in between. */
interface Case {
  patient: FixturePatient;
  bmbId: string;
  key: string;
  approved: 'ja' | 'nej';
  send?: Settled;
  answer?: Settled;
}

interface Tally {
  requests: number;
  failed: number;
  hung: number;
  retried: number;
}

const tally = (): Tally => ({ requests: 0, failed: 0, hung: 0, retried: 0 });
function count(t: Tally, settled: Settled): void {
  t.requests += settled.attempts.length;
  t.failed += settled.attempts.filter((a) => !isAnswer(a)).length;
  t.hung += settled.attempts.filter((a) => a.kind === 'timeout').length;
  if (settled.attempts.length > 1) t.retried++;
}

runCheck(async () => {
  await requireFreePorts([IDP_PORT, WEB_PORT]);
  await ensureBuild(opts.rebuild);
  const ids = actionIds();
  const flows = new Flows(ids);
  console.log('Creating database bmb_check_faults …');
  const db = await createDatabase('bmb_check_faults');
  const total = SENDS + (opts['no-restart'] ? 0 : RESTART_SENDS) + WEB_KILLS * PER_KILL + PER_KILL;
  const patients = await addFixturePatients(db.sql, { count: total, holder: 'k100ana', unitCode: '4110', label: 'fel' });
  const fixtureLoans: FixtureLoan[] = [];
  const [ana] = await db.sql<{ id: string }[]>`select id from prescribers where username = 'k100ana'`;
  for (const p of patients) for (const loanId of p.loanIds) fixtureLoans.push({ loanId, holderId: ana!.id });
  const [{ now: since }] = (await db.sql`select now() as now`) as unknown as [{ now: Date }];

  const rows: Row[] = [];
  console.log('0: the database driver alone, sessions killed and idle-in-transaction timeouts …');
  rows.push(...(await driverCheck(db.url)));

  const idp = await startIdp(IDP_PORT, [`http://localhost:${WEB_PORT}`]);
  let web = await startWeb({ name: 'web', port: WEB_PORT, databaseUrl: db.url, idpUrl: idp.url });
  const sender = new Browser(web.url);
  const receiver = new Browser(web.url);
  await logIn(sender, ids.signInWithSso!, 'k100ana');
  await logIn(receiver, ids.signInWithSso!, 'k200bo');
  console.log('Logged in k100ana and k200bo through the IdP.');

  let next = 0;
  const takePatients = (n: number) => patients.slice(next, (next += n));
  const prepare = async (list: FixturePatient[]): Promise<Case[]> => {
    const cases: Case[] = [];
    await pool(list, 4, async (patient) => {
      // Setting up, not measured: a request that meets a session killed a moment ago is simply tried again.
      const saved = await retryUntilAnswered(() =>
        flows.saveDraft(sender, { patientId: patient.patientId, personnummer: patient.personnummer, receiver: 'k200bo', loanIds: patient.loanIds }),
      );
      const bmbId = bmbIdOf(saved.final);
      if (!bmbId) throw new Error(`Could not save a draft: ${describe(saved.final)}`);
      let key: string | null = null;
      await retryUntilAnswered(async () => {
        const page = await flows.draftKey(sender, bmbId);
        key = page.key;
        return page.outcome;
      });
      if (!key) throw new Error('The draft page carries no idempotency key');
      cases.push({ patient, bmbId, key, approved: cases.length % 2 === 0 ? 'ja' : 'nej' });
    });
    return cases;
  };
  let choices: { addressId: string; payerId: string } | null = null;
  /** Verkställ until answered, same key each time; then the receiver answers, until answered. */
  const sendAndAnswer = async (c: Case, t: Tally) => {
    c.send = await retryUntilAnswered(() => flows.send(sender, c.bmbId, c.key));
    count(t, c.send);
    if (!isSent(c.send.final)) return;
    const page = await retryUntilAnswered(async () => {
      const found = await flows.answerChoices(receiver, c.bmbId);
      if (found.addressId && found.payerId) choices ??= { addressId: found.addressId, payerId: found.payerId };
      return found.outcome;
    });
    count(t, page);
    if (!choices) return;
    c.answer = await retryUntilAnswered(() => flows.answer(receiver, { bmbId: c.bmbId, approved: c.approved, ...choices! }));
    count(t, c.answer);
  };

  const allCases: Case[] = [];

  // ── A: pg_terminate_backend on the app's sessions while sends and answers run ──
  console.log(`A: ${SENDS} sends and answers while the app's database sessions are killed …`);
  const casesA = await prepare(takePatients(SENDS));
  allCases.push(...casesA);
  const tA = tally();
  let killing = true;
  const kills = { rounds: 0, sessions: 0, inTransaction: 0 };
  const killer = (async () => {
    while (killing) {
      await sleep(150 + Math.random() * 450);
      if (!killing) break;
      // Busy sessions first: that is where a transaction is half way.
      const killed = await db.sql<{ in_tx: boolean }[]>`
        select pg_terminate_backend(pid), xact_start is not null as in_tx from pg_stat_activity
        where datname = ${db.name} and pid <> pg_backend_pid() and application_name <> 'bmb-check'
          and (state <> 'idle' or random() < 0.3)`.catch(() => []);
      kills.rounds++;
      kills.sessions += killed.length;
      kills.inTransaction += killed.filter((k) => k.in_tx).length;
    }
  })();
  const beganA = performance.now();
  await pool(casesA, CONCURRENCY, (c) => sendAndAnswer(c, tA));
  killing = false;
  await killer;
  const durationA = performance.now() - beganA;

  // Recovery: kill every session of the app, then time the first good page and the first good action.
  const recoveries: number[] = [];
  for (let i = 0; i < 5; i++) {
    await db.sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = ${db.name} and pid <> pg_backend_pid() and application_name <> 'bmb-check'`;
    const began = performance.now();
    for (;;) {
      const page = await sender.tryPage('/skickade-bmb', 10_000);
      if (page.kind === 'returned') break;
      if (performance.now() - began > 60_000) break;
      await sleep(50);
    }
    recoveries.push(performance.now() - began);
  }
  rows.push(
    { figure: 'A: sends + answers under pg_terminate_backend', value: `${casesA.length} + ${casesA.filter((c) => c.answer).length} in ${seconds(durationA)}` },
    { figure: 'A: kill rounds / sessions killed / of them in a transaction', value: `${kills.rounds} / ${kills.sessions} / ${kills.inTransaction}` },
    { figure: 'A: requests / failed (5xx or no answer) / retried cases', value: `${tA.requests} / ${tA.failed} / ${tA.retried}` },
    { figure: 'A: hung requests (no answer in 30 s)', value: tA.hung, target: '0', ok: tA.hung === 0 },
    {
      figure: 'A: all sessions killed → next good page (5 times, max)',
      value: ms(Math.max(...recoveries)),
      target: '≤ 15 s, no restart',
      ok: Math.max(...recoveries) <= 15_000,
    },
  );

  // ── B: PostgreSQL restarted under load ──
  if (!opts['no-restart']) {
    console.log(`B: ${RESTART_SENDS} sends and answers while PostgreSQL restarts (once) …`);
    const casesB = await prepare(takePatients(RESTART_SENDS));
    allCases.push(...casesB);
    const tB = tally();
    const probes: { at: number; ok: boolean }[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const outcome = await sender.tryPage('/api/health/ready', 10_000);
        probes.push({ at: performance.now(), ok: outcome.kind === 'returned' });
        await sleep(100);
      }
    })();
    const load = pool(casesB, CONCURRENCY, (c) => sendAndAnswer(c, tB));
    await sleep(1500);
    const restartBegan = performance.now();
    await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'restart']);
    const restartEnded = performance.now();
    await load;
    while (!probes.some((p) => p.at > restartEnded && p.ok) && performance.now() - restartEnded < 60_000) await sleep(50);
    // The first good readiness answer once PostgreSQL is back, and how long the app was out.
    const firstGood = probes.find((p) => p.at > restartEnded && p.ok);
    const firstBad = probes.find((p) => p.at > restartBegan && !p.ok);
    const outage = firstBad && firstGood ? firstGood.at - firstBad.at : 0;
    const goodActions = casesB
      .flatMap((c) => [c.send, c.answer])
      .flatMap((s) => (s ? s.attempts : []))
      .filter((a) => a.kind === 'redirect' || isSent(a));
    probing = false;
    await prober;
    const down = probes.filter((p) => p.at > restartBegan && !p.ok).length;
    const servedAgainMs = firstGood ? firstGood.at - restartEnded : NaN;
    rows.push(
      { figure: 'B: sends + answers while PostgreSQL restarts', value: `${casesB.length} + ${casesB.filter((c) => c.answer).length}` },
      { figure: 'B: restart took (pg_ctlcluster restart)', value: seconds(restartEnded - restartBegan) },
      { figure: 'B: requests / failed / retried cases', value: `${tB.requests} / ${tB.failed} / ${tB.retried}` },
      { figure: 'B: readiness probes that failed / app out for (first failed → first good probe)', value: `${down} / ${seconds(outage)}` },
      {
        figure: 'B: PostgreSQL back → app ready again (no app restart)',
        value: firstGood ? seconds(Math.max(0, servedAgainMs)) : 'never',
        target: '≤ 15 s',
        ok: !!firstGood && servedAgainMs <= 15_000,
      },
      { figure: 'B: actions that succeeded', value: goodActions.length },
      { figure: 'B: hung requests', value: tB.hung, target: '0', ok: tB.hung === 0 },
    );
  }

  // ── C: the web process killed (SIGKILL) with requests in flight, then started again ──
  console.log(`C: the web process killed mid-request, ${WEB_KILLS} times …`);
  const tC = tally();
  const inFlightOutcomes: Outcome[] = [];
  let previous: Case[] = [];
  const restartTimes: number[] = [];
  let cutButApplied = 0;
  for (let round = 0; round < WEB_KILLS; round++) {
    const cases = await prepare(takePatients(PER_KILL));
    allCases.push(...cases);
    if (!choices) throw new Error('No answer choices seen yet');
    // Sends of this round and answers to the previous round's BMBs, all at once.
    const flights = [
      ...cases.map((c) => flows.send(sender, c.bmbId, c.key)),
      ...previous.map((c) => flows.answer(receiver, { bmbId: c.bmbId, approved: c.approved, ...choices! })),
    ];
    await sleep(20 + Math.random() * 300);
    await web.process.stop('SIGKILL');
    const landed = await Promise.all(flights);
    inFlightOutcomes.push(...landed);
    // Cut off, yet committed just before the kill: the retry below must then be a no-op.
    const after = await statusOf(db, [...cases, ...previous].map((c) => c.bmbId));
    landed.forEach((o, i) => {
      const c = i < cases.length ? cases[i]! : previous[i - cases.length]!;
      const applied = i < cases.length ? after.get(c.bmbId) !== 'draft' : !['sent', 'draft'].includes(after.get(c.bmbId) ?? '');
      if (o.kind !== 'redirect' && o.kind !== 'returned' && applied) cutButApplied++;
    });
    const began = performance.now();
    web = await restartWeb(web);
    restartTimes.push(performance.now() - began);
    // The person tries again: same form, same key.
    for (const c of cases) {
      c.send = await retryUntilAnswered(() => flows.send(sender, c.bmbId, c.key));
      count(tC, c.send);
    }
    for (const c of previous) {
      c.answer = await retryUntilAnswered(() => flows.answer(receiver, { bmbId: c.bmbId, approved: c.approved, ...choices! }));
      count(tC, c.answer);
    }
    previous = cases;
  }
  for (const c of previous) {
    c.answer = await retryUntilAnswered(() => flows.answer(receiver, { bmbId: c.bmbId, approved: c.approved, ...choices! }));
    count(tC, c.answer);
  }
  const cut = inFlightOutcomes.filter((o) => o.kind === 'network').length;
  const hungC = inFlightOutcomes.filter((o) => o.kind === 'timeout').length + tC.hung;
  rows.push(
    { figure: 'C: SIGKILLs of next-server with requests in flight', value: WEB_KILLS },
    { figure: 'C: requests in flight / cut off / answered before the kill', value: `${inFlightOutcomes.length} / ${cut} / ${inFlightOutcomes.filter(isAnswer).length}` },
    { figure: 'C: in-flight requests that hung', value: hungC, target: '0', ok: hungC === 0 },
    { figure: 'C: cut off but already committed (the retry must be a no-op)', value: cutButApplied },
    { figure: 'C: next start again → ready (max)', value: ms(Math.max(...restartTimes)) },
  );

  // SIGTERM with requests in flight: Next finishes what it has begun, then the database closes.
  // A request still unread on its socket is reset instead; it must not have been applied.
  const term = { inFlight: 0, completed: 0, reset: 0, resetApplied: 0, otherwise: 0, exits: [] as string[] };
  for (let round = 0; round < 2; round++) {
    const graceful = await prepare(takePatients(PER_KILL / 2));
    allCases.push(...graceful);
    const flights = graceful.map((c) => flows.send(sender, c.bmbId, c.key));
    await sleep(30);
    const stopped = web.process.stop('SIGTERM', 30_000);
    const outcomes = await Promise.all(flights);
    await stopped;
    const exit = await web.process.exited;
    term.exits.push(String(exit.code ?? exit.signal));
    const statuses = await statusOf(db, graceful.map((c) => c.bmbId));
    graceful.forEach((c, i) => {
      const o = outcomes[i]!;
      term.inFlight++;
      if (isSent(o)) term.completed++;
      else if (o.kind === 'network') {
        term.reset++;
        if (statuses.get(c.bmbId) !== 'draft') term.resetApplied++;
      } else term.otherwise++;
      if (!isSent(o)) console.log(`  SIGTERM: a send in flight got ${describe(o)} after ${ms(o.ms)}`);
    });
    web = await restartWeb(web);
    for (const [i, c] of graceful.entries()) {
      c.send = { final: outcomes[i]!, attempts: [outcomes[i]!] };
      if (!isSent(c.send.final)) {
        const again = await retryUntilAnswered(() => flows.send(sender, c.bmbId, c.key));
        c.send = { final: again.final, attempts: [...c.send.attempts, ...again.attempts] };
      }
      c.answer = await retryUntilAnswered(() => flows.answer(receiver, { bmbId: c.bmbId, approved: c.approved, ...choices! }));
    }
  }
  rows.push(
    {
      figure: 'C: SIGTERM ×2 with sends in flight: completed / reset unread / other, exit codes',
      value: `${term.completed} / ${term.reset} / ${term.otherwise} of ${term.inFlight}, ${term.exits.join(' ')}`,
      target: 'no 5xx, no hang',
      ok: term.otherwise === 0,
    },
    { figure: 'C: of those reset, already applied', value: term.resetApplied, target: '0', ok: term.resetApplied === 0 },
  );

  // ── Afterwards: every case settled exactly once, and the database is consistent ──
  await sleep(1000);
  const stats = await caseStats(db, allCases);
  const findings = await checkConsistency(db.sql, { since, loans: fixtureLoans, database: db.name });
  const halfApplied = findingsTotal(findings, 'half-applied');
  const auditMismatch = findingsTotal(findings, 'audit');
  rows.push(
    { figure: 'cases (send, then answer Ja/Nej) in all phases', value: allCases.length },
    { figure: 'sends that never got an answer after retries', value: stats.unsettledSends, target: '0', ok: stats.unsettledSends === 0 },
    { figure: 'answers that never got an answer after retries', value: stats.unsettledAnswers, target: '0', ok: stats.unsettledAnswers === 0 },
    {
      figure: 'sends retried with the same key → BMBs sent exactly once',
      value: `${stats.retriedSends} → ${stats.retriedSendsOnce}`,
      target: 'all',
      ok: stats.retriedSends === stats.retriedSendsOnce,
    },
    { figure: 'retried answers → one answer event, the intended outcome', value: `${stats.retriedAnswers} → ${stats.retriedAnswersOnce}`, target: 'all', ok: stats.retriedAnswers === stats.retriedAnswersOnce },
    { figure: 'BMBs not in the state the person asked for', value: stats.wrongState, target: '0', ok: stats.wrongState === 0 },
    { figure: 'half-applied changes', value: halfApplied, target: '0', ok: halfApplied === 0 },
    { figure: 'audit events without their change, or the reverse', value: auditMismatch, target: '0', ok: auditMismatch === 0 },
    { figure: 'loans in two open BMBs', value: findingsTotal(findings, 'open-bmb'), target: '0', ok: findingsTotal(findings, 'open-bmb') === 0 },
    { figure: 'connections idle in transaction afterwards', value: findingsTotal(findings, 'connections'), target: '0', ok: findingsTotal(findings, 'connections') === 0 },
  );
  for (const f of findings.filter((f) => f.count > 0)) console.log(`  ${f.group}: ${f.name}: ${f.count} (e.g. ${f.examples.join(', ')})`);
  printTable(`Faults (${opts['no-restart'] ? 'no PostgreSQL restart' : 'PostgreSQL restarted once'})`, rows);
  return allMet(rows);
});

async function statusOf(db: CheckDatabase, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.sql<{ id: string; status: string }[]>`select id, status::text as status from bmbs where id = any(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r.status]));
}

async function caseStats(db: CheckDatabase, cases: Case[]) {
  const rows = await db.sql<{ id: string; status: string; sent: number; answered: number }[]>`
    select b.id, b.status::text as status,
      (select count(*)::int from audit_events e where e.entity_id = b.id and e.action = 'bmb.sent') as sent,
      (select count(*)::int from audit_events e where e.entity_id = b.id and e.action in ('bmb.accepted', 'bmb.rejected')) as answered
    from bmbs b where b.id = any(${cases.map((c) => c.bmbId)}::uuid[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const stats = { unsettledSends: 0, unsettledAnswers: 0, retriedSends: 0, retriedSendsOnce: 0, retriedAnswers: 0, retriedAnswersOnce: 0, wrongState: 0 };
  for (const c of cases) {
    const row = byId.get(c.bmbId);
    const intended = c.approved === 'ja' ? 'accepted' : 'rejected';
    if (!c.send || !isSent(c.send.final)) stats.unsettledSends++;
    // An answer whose first attempt committed but whose response was lost is refused as "redan besvarad" on retry.
    const answered = c.answer && (c.answer.final.kind === 'redirect' || /redan besvarad/.test(c.answer.final.kind === 'returned' ? (c.answer.final.message ?? '') : ''));
    if (!answered) stats.unsettledAnswers++;
    if (c.send && c.send.attempts.length > 1) {
      stats.retriedSends++;
      if (row && row.sent === 1) stats.retriedSendsOnce++;
    }
    if (c.answer && c.answer.attempts.length > 1) {
      stats.retriedAnswers++;
      if (row && row.answered === 1 && row.status === intended) stats.retriedAnswersOnce++;
    }
    if (!row || row.status !== intended || row.sent !== 1 || row.answered !== 1) stats.wrongState++;
  }
  return stats;
}

