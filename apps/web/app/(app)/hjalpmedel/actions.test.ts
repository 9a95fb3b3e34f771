import { patientAccessLog } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redirectTarget } from '@/test/redirect';
import { testSession as session } from '@/test/session';
import { createWorld, type World } from '@/test/world';
import { searchPatient } from './actions';

function form(personnummer: string): FormData {
  const data = new FormData();
  data.set('personnummer', personnummer);
  return data;
}

describe.each(testDbKinds())('searchPatient on %s', (kind) => {
  let world: World;
  const accessRows = async () => (await world.db.select({ n: count() }).from(patientAccessLog))[0]!.n;

  beforeAll(async () => {
    world = await createWorld(kind);
    session.world = world;
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('k100ana');
  });
  afterAll(() => world?.handle.close());

  it('redirects to the patient by opaque id and logs the lookup', async () => {
    const before = await accessRows();
    const target = await redirectTarget(() => searchPatient({ personnummer: '' }, form('19121212-1212')));
    expect(target).toMatch(/^\/hjalpmedel\/[0-9a-f-]{36}$/);
    expect(target).not.toContain('1212');
    const rows = await world.db.select().from(patientAccessLog).where(eq(patientAccessLog.action, 'patient.search'));
    expect(await accessRows()).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ userId: session.user!.prescriberId, careUnitId: session.user!.careUnitId });
  });

  it.each([
    ['1212121212', 'alla 12 siffror'],
    ['191212121213', 'kontrollsiffran'],
    ['19121212abcd', 'siffror'],
    ['191213321212', 'datum som inte finns'],
    ['199001019802', 'Ingen patient'],
    ['', 'Skriv in'],
  ])('refuses %j with a Swedish message and logs nothing', async (input, message) => {
    const before = await accessRows();
    const state = await searchPatient({ personnummer: '' }, form(input));
    expect(state.values.personnummer).toBe(input);
    expect(state.failure?.message).toContain(message);
    expect(state.failure?.fieldErrors?.personnummer?.[0]).toContain(message);
    expect(await accessRows()).toBe(before);
  });

  it('refuses a caller without a session and logs nothing', async () => {
    session.user = null;
    const before = await accessRows();
    const state = await searchPatient({ personnummer: '' }, form('191212121212'));
    expect(state.failure?.code).toBe('unauthenticated');
    expect(await accessRows()).toBe(before);
  });

  it('cuts oversized input instead of echoing it', async () => {
    const state = await searchPatient({ personnummer: '' }, form('1'.repeat(100_000)));
    expect(state.values.personnummer.length).toBeLessThanOrEqual(40);
    expect(state.failure?.code).toBe('invalid-input');
  });
});
