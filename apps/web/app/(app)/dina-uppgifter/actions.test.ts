import { auditEvents, prescribers, rateLimitCounters } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { saveContactDetails } from './actions';

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

const empty = { values: { phone: '', mobile: '', fax: '', email: '', remindersEnabled: true } };

describe.each(testDbKinds())('saveContactDetails on %s', (kind) => {
  let world: World;
  const me = async () =>
    (
      await world.db
        .select()
        .from(prescribers)
        .where(and(eq(prescribers.workspaceId, world.workspaceId), eq(prescribers.username, 'k200bo')))
    )[0]!;

  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('k200bo');
  });
  afterAll(() => world?.handle.close());

  it("saves the caller's own details and audits before and after", async () => {
    const before = await me();
    const state = await saveContactDetails(
      empty,
      form({ phone: '0920-123 45', mobile: '070-111 22 33', fax: '', email: 'bo@region.example' }),
    );
    expect(state.done).toBe(true);
    expect(await me()).toMatchObject({ phone: '0920-123 45', mobile: '070-111 22 33', email: 'bo@region.example' });

    const [event] = await world.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({
      action: 'contact-details.updated',
      actorId: before.id,
      entityId: before.id,
      before: { phone: before.phone, mobile: before.mobile, fax: before.fax, email: before.email },
      after: { phone: '0920-123 45', email: 'bo@region.example' },
    });
  });

  it('turns reminders off when the box is unticked, and on again when ticked, audited', async () => {
    const details = { phone: '', mobile: '', fax: '', email: 'bo@region.example' };
    await world.db.update(prescribers).set({ remindersEnabled: true }).where(eq(prescribers.id, (await me()).id));
    expect((await saveContactDetails(empty, form(details))).done).toBe(true);
    expect((await me()).remindersEnabled).toBe(false);
    const [off] = await world.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(off).toMatchObject({ before: { remindersEnabled: true }, after: { remindersEnabled: false } });
    const on = await saveContactDetails(empty, form({ ...details, remindersEnabled: 'on' }));
    expect(on).toEqual({ values: { ...details, remindersEnabled: true }, done: true });
    expect((await me()).remindersEnabled).toBe(true);
  });

  it('refuses invalid details with Swedish messages per field and changes nothing', async () => {
    const sums = await tableChecksums(world.db);
    const state = await saveContactDetails(empty, form({ phone: 'ring mig', mobile: '', fax: '', email: 'inte-en-adress' }));
    expect(state.failure).toMatchObject({ ok: false, code: 'invalid-input' });
    const errors = state.failure?.fieldErrors;
    expect(errors?.phone?.[0]).toMatch(/siffror/);
    expect(errors?.email?.[0]).toMatch(/e-postadress/);
    expect(state.values.email).toBe('inte-en-adress');
    expect(await tableChecksums(world.db)).toEqual(sums);
  });

  it('refuses a caller without a session and changes nothing: the refusal is counted per source, not kept in the trail', async () => {
    session.user = null;
    const sums = await tableChecksums(world.db, ['rate_limit_counters']);
    const state = await saveContactDetails(empty, form({ phone: '1', mobile: '', fax: '', email: '' }));
    expect(state.failure).toMatchObject({ ok: false, code: 'unauthenticated' });
    expect(await tableChecksums(world.db, ['rate_limit_counters'])).toEqual(sums);
    const counted = await world.db.select().from(rateLimitCounters).where(eq(rateLimitCounters.bucket, 'anonymous.refusal'));
    expect(counted.map((c) => c.subject)).toEqual(['127.0.0.1']);
  });
});
