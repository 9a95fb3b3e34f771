// Issue 10 item 6, Two instances: two `next start` processes of the same build on
// one PostgreSQL database, behind one public URL (no sticky sessions). The
// concurrency tests of Skicka and Kvittera (the integration tests in
// skickade-bmb/actions.test.ts and kvittera-bmb/actions.test.ts) run over HTTP,
// once against one instance and once split across both: the results must be
// the same. Also: a login that starts on one instance and ends on the other,
// a session used on both, what differs when AUTH_SECRET does not match, and (issue 15)
// that the patient lookup limit is one limit for both.
// Run: pnpm check:two-instances [--rounds 5] [--rebuild]
import { randomUUID } from 'node:crypto';
import { addFixturePatients, bmbIdOf, describe, fixturePersonnummer, Flows, isSent, type FixturePatient } from '../harness/bmb';
import { checkConsistency, findingsTotal, type FixtureLoan } from '../harness/consistency';
import { Browser, logIn, type Outcome } from '../harness/http';
import { requireFreePorts, runCheck } from '../harness/processes';
import { allMet, args, printTable, type Row } from '../harness/report';
import { pool, retryUntilAnswered } from '../harness/retry';
import { actionIds, createDatabase, ensureBuild, restartWeb, startIdp, startWeb, type Web } from '../harness/stack';

const IDP_PORT = 3220;
const A_PORT = 3221;
const B_PORT = 3222;

const opts = args({ rounds: { type: 'string', default: '5' }, rebuild: { type: 'boolean', default: false } });
const ROUNDS = Number(opts.rounds);

/** One person, with a browser pointed at each instance (same cookies). */
interface Person {
  at: Browser[];
}

const pick = (person: Person, i: number) => person.at[i % person.at.length]!;

interface SuiteResult {
  /** Per test, what came back, summed over the rounds, e.g. "1 sent, 19 refused". */
  outcomes: Record<string, string>;
  /** Per test, whether the database holds exactly what the test expects. */
  ok: Record<string, boolean>;
}

runCheck(async () => {
  await requireFreePorts([IDP_PORT, A_PORT, B_PORT]);
  await ensureBuild(opts.rebuild);
  const ids = actionIds();
  const flows = new Flows(ids);
  console.log('Creating database bmb_check_two_instances …');
  const db = await createDatabase('bmb_check_two_instances');
  const perSuite = ROUNDS * 3 + 2 * ROUNDS + 2;
  const patients = await addFixturePatients(db.sql, { count: perSuite * 2, holder: 'k100ana', unitCode: '4110', label: 'två' });
  const [ana] = await db.sql<{ id: string }[]>`select id from prescribers where username = 'k100ana'`;
  const fixtureLoans: FixtureLoan[] = patients.flatMap((p) => p.loanIds.map((loanId) => ({ loanId, holderId: ana!.id })));
  const [{ now: since }] = (await db.sql`select now() as now`) as unknown as [{ now: Date }];

  // One public URL, as behind a load balancer: both instances have AUTH_URL = A's URL.
  const publicUrl = `http://localhost:${A_PORT}`;
  const idp = await startIdp(IDP_PORT, [publicUrl]);
  const common = { databaseUrl: db.url, idpUrl: idp.url, publicUrl };
  const [a, b] = await Promise.all([startWeb({ name: 'web-a', port: A_PORT, ...common }), startWeb({ name: 'web-b', port: B_PORT, ...common })]);
  const rows: Row[] = [];

  // Logins: k100ana entirely on A; k200bo starts on A and the IdP's callback lands on B.
  const anaA = new Browser(a.url);
  await logIn(anaA, ids.signInWithSso!, 'k100ana');
  const boA = new Browser(a.url);
  let crossLogin = 'ok';
  try {
    await logIn(boA, ids.signInWithSso!, 'k200bo', { callbackBase: b.url });
  } catch (error) {
    crossLogin = (error as Error).message;
  }
  rows.push({ figure: 'login started on A, callback handled by B (same AUTH_SECRET)', value: crossLogin, target: 'ok', ok: crossLogin === 'ok' });
  const sender: Person = { at: [anaA, anaA.at(b.url)] };
  const receiver: Person = { at: [boA, boA.at(b.url)] };
  const whoAmI = async (browser: Browser) => ((await browser.page('/hjalpmedel')).html.match(/data-testid="current-user-name"[^>]*>([^<]+)</)?.[1] ?? 'no session');
  const sessionOnB = await whoAmI(sender.at[1]!);
  rows.push({ figure: "k100ana's session (made on A) on B", value: sessionOnB, target: 'Ana Nordin', ok: sessionOnB === 'Ana Nordin' });

  let next = 0;
  const take = (n: number) => patients.slice(next, (next += n));

  const suite = async (label: string, instances: 1 | 2): Promise<SuiteResult> => {
    console.log(`${label} …`);
    const s: Person = { at: sender.at.slice(0, instances) };
    const r: Person = { at: receiver.at.slice(0, instances) };
    const outcomes: Record<string, Map<string, number>> = {};
    const ok: Record<string, boolean> = {};
    const note = (test: string, what: string) => {
      const m = (outcomes[test] ??= new Map());
      m.set(what, (m.get(what) ?? 0) + 1);
    };
    const pass = (test: string, good: boolean) => (ok[test] = (ok[test] ?? true) && good);
    const kind = (o: Outcome) =>
      isSent(o)
        ? 'sent'
        : o.kind === 'returned' && o.failureCode === 'conflict'
          ? /redan skickad/.test(o.message ?? '')
            ? 'refused (already sent)'
            : /Väntar på kvittens|redan skickats i en annan BMB/.test(o.message ?? '')
              ? 'refused (device in another BMB)'
              : /redan besvarad/.test(o.message ?? '')
                ? 'refused (already answered)'
                : `conflict: ${o.message}`
          : describe(o);

    const draft = async (patient: FixturePatient, receiverName: string, i: number) => {
      const saved = await retryUntilAnswered(() =>
        flows.saveDraft(pick(s, i), { patientId: patient.patientId, personnummer: patient.personnummer, receiver: receiverName, loanIds: patient.loanIds }),
      );
      const bmbId = bmbIdOf(saved.final);
      if (!bmbId) throw new Error(`Could not save a draft: ${describe(saved.final)}`);
      const { key } = await flows.draftKey(pick(s, i + 1), bmbId);
      if (!key) throw new Error('The draft page carries no idempotency key');
      return { bmbId, key };
    };
    const events = async (bmbIds: string[], actions: string[]) => {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from audit_events where entity_id = any(${bmbIds}::uuid[]) and action = any(${actions})`;
      return row!.n;
    };
    const statuses = async (bmbIds: string[]) =>
      db.sql<{ status: string }[]>`select status::text as status from bmbs where id = any(${bmbIds}::uuid[])`;

    // 1. 20 concurrent Verkställ of drafts sharing a device send exactly one.
    const T1 = '20 concurrent Verkställ of drafts sharing a device';
    for (let round = 0; round < ROUNDS; round++) {
      const [patient] = take(1);
      const drafts: { bmbId: string; key: string }[] = [];
      await pool([...Array(20).keys()], 4, async (i) => {
        drafts.push(await draft(patient!, i % 2 ? 'k200bo' : 'k400eva', i));
      });
      const results = await Promise.all(drafts.map((d, i) => flows.send(pick(s, i), d.bmbId, d.key)));
      for (const o of results) note(T1, kind(o));
      const sent = (await statuses(drafts.map((d) => d.bmbId))).filter((x) => x.status === 'sent').length;
      pass(T1, results.filter(isSent).length === 1 && sent === 1 && (await events(drafts.map((d) => d.bmbId), ['bmb.sent'])) === 1);
    }

    // 2. A double click (same key, at once) sends once.
    const T2 = 'double click: 3 × Verkställ, same key, at once';
    for (let round = 0; round < 2 * ROUNDS; round++) {
      const [patient] = take(1);
      const d = await draft(patient!, 'k200bo', round);
      const results = await Promise.all([0, 1, 2].map((i) => flows.send(pick(s, i + round), d.bmbId, d.key)));
      for (const o of results) note(T2, kind(o));
      pass(T2, results.every(isSent) && (await events([d.bmbId], ['bmb.sent'])) === 1);
    }

    // 3. A second Verkställ with a new key is refused.
    const T3 = 'Verkställ again with a new key (other instance)';
    for (let round = 0; round < ROUNDS; round++) {
      const [patient] = take(1);
      const d = await draft(patient!, 'k200bo', round);
      const first = await flows.send(pick(s, 0), d.bmbId, d.key);
      const again = await flows.send(pick(s, 1), d.bmbId, randomUUID());
      note(T3, `${kind(first)}, then ${kind(again)}`);
      pass(T3, isSent(first) && kind(again) === 'refused (already sent)' && (await events([d.bmbId], ['bmb.sent'])) === 1);
    }

    // 4. 20 concurrent answers (Ja, Nej and a double click) leave one outcome and one audit event.
    const T4 = '20 concurrent answers (Ja, Nej, double click)';
    for (let round = 0; round < ROUNDS; round++) {
      const [patient] = take(1);
      const d = await draft(patient!, 'k200bo', round);
      const sent = await flows.send(pick(s, 0), d.bmbId, d.key);
      if (!isSent(sent)) throw new Error(`Could not send: ${describe(sent)}`);
      const choices = await flows.answerChoices(pick(r, round), d.bmbId);
      const results = await Promise.all(
        [...Array(20).keys()].map((i) =>
          flows.answer(pick(r, i), {
            bmbId: d.bmbId,
            approved: i % 2 === 0 ? 'ja' : 'nej',
            addressId: choices.addressId!,
            payerId: choices.payerId!,
            message: i % 2 === 0 ? '' : `Nej nummer ${i}`,
          }),
        ),
      );
      const winners = results.filter((o) => o.kind === 'redirect');
      for (const o of results) note(T4, o.kind === 'redirect' ? `answered ${o.to.endsWith('ja') ? 'Ja' : 'Nej'}` : kind(o));
      const [final] = await statuses([d.bmbId]);
      const expected = winners[0]?.kind === 'redirect' && winners[0].to.endsWith('ja') ? 'accepted' : 'rejected';
      pass(
        T4,
        winners.length === 1 &&
          results.every((o) => o.kind === 'redirect' || kind(o) === 'refused (already answered)') &&
          final?.status === expected &&
          (await events([d.bmbId], ['bmb.accepted', 'bmb.rejected'])) === 1,
      );
    }

    const summary: Record<string, string> = {};
    for (const [test, m] of Object.entries(outcomes)) {
      // "answered Ja"/"answered Nej" varies with who wins: count winners together.
      const merged = new Map<string, number>();
      for (const [what, n] of m) merged.set(what.startsWith('answered ') ? 'answered (Ja or Nej)' : what, (merged.get(what.startsWith('answered ') ? 'answered (Ja or Nej)' : what) ?? 0) + n);
      summary[test] = [...merged]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([what, n]) => `${n} ${what}`)
        .join(', ');
    }
    return { outcomes: summary, ok };
  };

  const one = await suite('The concurrency tests on instance A alone', 1);
  const two = await suite('The same tests split across A and B', 2);
  for (const test of Object.keys(one.outcomes)) {
    rows.push({ figure: `${test} (${ROUNDS * (test.startsWith('double') ? 2 : 1)} rounds): one instance`, value: one.outcomes[test]!, target: 'as expected', ok: one.ok[test] });
    rows.push({
      figure: `${test}: across A and B`,
      value: two.outcomes[test]!,
      target: 'same as one',
      ok: two.ok[test] && two.outcomes[test] === one.outcomes[test],
    });
  }

  // Issue 15, item 5: the lookup limit is one count in PostgreSQL for every instance, not one per
  // process. k400eva's minute is filled to one below the limit; four searches alternating A and B
  // then get one answer and three refusals (a per-process limit would answer all four).
  const eva = new Browser(a.url);
  await logIn(eva, ids.signInWithSso!, 'k400eva');
  const evaAt = [eva, eva.at(b.url)];
  const [evaRow] = await db.sql<{ id: string }[]>`select id from prescribers where username = 'k400eva'`;
  // Not in the minute's last seconds, so that the four searches fall in the same window.
  const secondsLeft = 60 - new Date().getUTCSeconds();
  if (secondsLeft < 10) await new Promise((r) => setTimeout(r, secondsLeft * 1000 + 500));
  await db.sql`
    insert into rate_limit_counters (bucket, subject, window_seconds, window_start, hits)
    values ('patient-lookup', ${evaRow!.id}, 60, to_timestamp(floor(extract(epoch from now()) / 60) * 60), 29)`;
  const lookups = { answered: 0, refused: 0 };
  for (let i = 0; i < 4; i++) {
    const outcome = await evaAt[i % 2]!.action('/hjalpmedel', ids.searchPatient!, [['personnummer', fixturePersonnummer(300 + i)]], { personnummer: '' });
    if (outcome.kind === 'returned' && outcome.failureCode === 'rate-limited') lookups.refused++;
    else lookups.answered++;
  }
  rows.push({
    figure: 'patient lookup limit across A and B (29 of 30 used, then 4 searches alternating)',
    value: `${lookups.answered} answered, ${lookups.refused} refused`,
    target: '1 answered, 3 refused',
    ok: lookups.answered === 1 && lookups.refused === 3,
  });

  // Settings that must match: an action id from another build, and AUTH_SECRET.
  const foreign = await anaA.fetch(`${b.url}/hjalpmedel`, {
    method: 'POST',
    body: '["x"]',
    headers: { 'next-action': '7f' + 'ab'.repeat(20), origin: b.url, 'content-type': 'text/plain;charset=UTF-8' },
  });
  const foreignText = (await foreign.text()).slice(0, 60);
  rows.push({ figure: 'a server action id of another build, posted to B', value: `HTTP ${foreign.status} ${foreignText}`.trim() });

  const other = await restartWithSecret(b, 'another-secret-0123456789abcdef0123456789abcdef');
  const mismatch = new Browser(a.url);
  let mismatchLogin = 'ok';
  try {
    await logIn(mismatch, ids.signInWithSso!, 'k200bo', { callbackBase: other.url });
  } catch (error) {
    mismatchLogin = (error as Error).message.replace(/\(HTTP.*$/, '').trim();
  }
  rows.push({ figure: 'login started on A, callback on B with another AUTH_SECRET', value: mismatchLogin, target: 'fails', ok: mismatchLogin !== 'ok' });
  const sessionOnOther = await whoAmI(new Browser(other.url, anaA.jar));
  rows.push({ figure: "existing session on B with another AUTH_SECRET (database sessions)", value: sessionOnOther });

  const findings = await checkConsistency(db.sql, { since, loans: fixtureLoans, database: db.name });
  for (const f of findings.filter((f) => f.count > 0)) console.log(`  ${f.group}: ${f.name}: ${f.count} (e.g. ${f.examples.join(', ')})`);
  for (const group of ['half-applied', 'audit', 'open-bmb', 'connections'] as const) {
    const n = findingsTotal(findings, group);
    rows.push({ figure: `consistency afterwards: ${group}`, value: n, target: '0', ok: n === 0 });
  }
  printTable('Two instances of the same build on one PostgreSQL', rows);
  return allMet(rows);
});

async function restartWithSecret(web: Web, secret: string): Promise<Web> {
  await web.process.stop('SIGTERM');
  return restartWeb({ ...web, env: { ...web.env, AUTH_SECRET: secret } });
}

