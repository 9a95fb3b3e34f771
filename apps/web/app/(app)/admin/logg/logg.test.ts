import { listDeliveryAddressesOf, listPayersOf } from '@bmb/db/queries';
import { patientAccessLog } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchPatient } from '@/app/(app)/hjalpmedel/actions';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { resetManualDevices, sendBmbAs } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { searchLog, type LogSearchState } from './actions';
import { POST as extract } from './utdrag/route';

const svensson = demoId('patient', '191212121212');
const blank: LogSearchState = {
  values: { kind: 'audit', personnummer: '', username: '', action: '', from: '', to: '' },
};

describe.each(testDbKinds())('Logg on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
    // Three users look the manual's patient up.
    for (const username of ['k100ana', 'k200bo', 'k400eva']) {
      session.world = world;
      session.user = await world.userFor(username);
      await settle(() => searchPatient({ personnummer: '' }, formData({ personnummer: '191212121212' })));
    }
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('admin');
  });
  afterAll(() => world?.handle.close());

  const extractFor = (personnummer: string) =>
    extract(
      new Request('http://localhost/admin/logg/utdrag', { method: 'POST', headers: { origin: 'http://localhost' }, body: formData({ personnummer }) }),
    );

  it('reads an accepted BMB in Swedish: who, which device, payer and prescriber before → after; raw rows kept', async () => {
    const bmbId = await sendBmbAs(world, session, 'k100ana');
    session.user = await world.userFor('k200bo');
    const [address] = await listDeliveryAddressesOf(world.db, world.workspaceId, session.user.prescriberId);
    const [payer] = await listPayersOf(world.db, world.workspaceId, session.user.prescriberId);
    await settle(() =>
      answerBmb({}, formData({ bmbId, approved: 'ja', deliveryAddressId: address!.id, payerId: payer!.id })),
    );
    session.user = await world.userFor('admin');
    const found = await searchLog(blank, formData({ ...blank.values, action: 'bmb.accepted' }));
    const row = found.results?.kind === 'audit' ? found.results.rows.find((r) => r.entityId === bmbId) : undefined;
    expect(row?.description.summary).toMatch(
      new RegExp(`^Godkänd\\. 10156 individ 170098: förskrivare k100ana → k200bo; betalare 2990 Länsservice .* → ${payer!.code} `),
    );
    expect(row?.description.subjects).toEqual(
      expect.arrayContaining([
        { kind: 'bmb', key: bmbId, label: `BMB ${bmbId.slice(0, 8)}` },
        { kind: 'individ', key: '170098', label: 'Individ 170098' },
        expect.objectContaining({ kind: 'patient', label: 'Svensson, Testare' }),
      ]),
    );
    expect(row?.after).toMatchObject({ moves: expect.any(Array) });
    await resetManualDevices(world);
  });

  it('the per-patient extract names every user and care unit that saw the patient, and is itself logged', async () => {
    const response = await extractFor('19121212-1212');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).not.toMatch(/1212/);
    const csv = await response.text();
    for (const name of ['Ana Nordin', 'Bo Lindberg', 'Eva Strand']) expect(csv).toContain(name);
    expect(csv).toContain('2990 Länsservice');
    expect(csv).toContain('Sökning på personnummer');
    expect(csv).not.toContain('191212121212');
    const extracts = await world.db
      .select()
      .from(patientAccessLog)
      .where(and(eq(patientAccessLog.patientId, svensson), eq(patientAccessLog.action, 'log.patient.extract')));
    expect(extracts).toHaveLength(1);
  });

  it('names the patient and the period in the extract and its file name, in Swedish time; a reversed range is refused', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const response = await extract(
      new Request('http://localhost/admin/logg/utdrag', {
        method: 'POST',
        headers: { origin: 'http://localhost' },
        body: formData({ personnummer: '191212121212', from: '2020-01-01', to: today }),
      }),
    );
    expect(response.status).toBe(200);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(decodeURIComponent(disposition)).toContain(`atkomstlogg-Svensson-Testare-2020-01-01-${today}.csv`);
    const csv = await response.text();
    expect(csv).toContain('Utdrag ur åtkomstloggen för Svensson, Testare');
    expect(csv).toContain(`Period: 2020-01-01 – ${today} (svensk tid)`);
    expect(csv).toContain('"Datum och tid";"Användarnamn"');
    // The screen's time, not UTC's ISO form.
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
    expect(csv).toMatch(/"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"/);

    const reversed = await extract(
      new Request('http://localhost/admin/logg/utdrag', {
        method: 'POST',
        headers: { origin: 'http://localhost' },
        body: formData({ personnummer: '191212121212', from: today, to: '2020-01-01' }),
      }),
    );
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toBe('Från-datumet är efter till-datumet.');
    const search = await searchLog(blank, formData({ ...blank.values, kind: 'access', from: today, to: '2020-01-01' }));
    expect(search.failure?.fieldErrors?.to?.[0]).toMatch(/^Till-datumet är före från-datumet/);
    expect(search.results).toBeUndefined();
  });

  it('refuses the extract to prescribers and to callers without a session', async () => {
    session.user = await world.userFor('k100ana');
    expect((await extractFor('191212121212')).status).toBe(403);
    session.user = null;
    expect((await extractFor('191212121212')).status).toBe(401);
  });

  it('searches the access log by patient', async () => {
    const state = await searchLog(blank, formData({ kind: 'access', personnummer: '191212121212' }));
    expect(state.results?.kind).toBe('access');
    const users = new Set(state.results?.rows.map((r) => ('userUsername' in r ? r.userUsername : '')));
    expect([...users]).toEqual(expect.arrayContaining(['k100ana', 'k200bo', 'k400eva', 'admin']));
  });

  it('explains a bad personnummer or an unknown user, and refuses prescribers', async () => {
    expect((await searchLog(blank, formData({ kind: 'access', personnummer: '1212121212' }))).failure?.message).toMatch(
      /alla 12 siffror/,
    );
    expect((await searchLog(blank, formData({ kind: 'audit', username: 'nobody' }))).failure?.message).toMatch(
      /ingen användare/,
    );
    session.user = await world.userFor('k100ana');
    const sums = await tableChecksums(world.db, ['audit_events']);
    expect((await searchLog(blank, formData({ kind: 'access' }))).failure?.code).toBe('forbidden');
    expect(await tableChecksums(world.db, ['audit_events'])).toEqual(sums);
  });

  it('pages through every row exactly once, even many rows at the same instant', async () => {
    const user = await world.userFor('k200bo');
    // Within one millisecond, microseconds apart: a cursor with JS Date precision would skip some.
    await world.db.execute(sql`
      insert into patient_access_log (workspace_id, user_id, patient_id, action, occurred_at)
      select ${world.workspaceId}::uuid, ${user.prescriberId}::uuid, ${svensson}::uuid, 'patient.loans.view',
             timestamptz '2026-06-01 10:00:00.123+00' + (g % 7) * interval '1 microsecond'
      from generate_series(1, 130) g
    `);
    const filter = { kind: 'access', username: 'k200bo', from: '2026-06-01', to: '2026-06-01' };
    let state = await searchLog(blank, formData(filter));
    while (state.next) state = await searchLog(state, formData({ ...filter, more: '1' }));
    const ids = state.results!.rows.map((r) => r.id);
    expect(ids).toHaveLength(130);
    expect(new Set(ids).size).toBe(130);
  });
});
