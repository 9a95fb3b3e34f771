import { randomUUID } from 'node:crypto';
import { setClockOffset } from '@bmb/db/queries';
import { auditEvents, bmbLines, bmbs } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDraft, draftForm, emptyDraftState, manualLoan, resetManualDevices } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { saveBmbDraft } from '../hjalpmedel/[patientId]/bmb/actions';
import { discardBmbDraft, sendBmb } from './actions';

describe.each(testDbKinds())('sendBmb and discardBmbDraft on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('k100ana');
  });
  afterEach(() => resetManualDevices(world));
  afterAll(() => world?.handle.close());

  const bmb = async (id: string) => (await world.db.select().from(bmbs).where(eq(bmbs.id, id)))[0]!;
  const send = (bmbId: string, idempotencyKey = randomUUID()) =>
    settle(() => sendBmb({}, formData({ bmbId, idempotencyKey })));
  const sentEvents = async (id: string) =>
    world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'bmb.sent'), eq(auditEvents.entityId, id)));

  it('Verkställ sends the draft: status, time, lines and one audit event', async () => {
    const id = await createDraft();
    expect(await send(id)).toEqual({ returned: { values: {}, done: true } });
    const sent = await bmb(id);
    expect(sent.status).toBe('sent');
    expect(sent.sentAt).toBeInstanceOf(Date);
    const lines = await world.db.select().from(bmbLines).where(eq(bmbLines.bmbId, id));
    expect(lines.map((l) => l.bmbStatus)).toEqual(['sent']);
    const events = await sentEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: session.user!.prescriberId, after: { loanIds: [manualLoan(3)] } });
  });

  it('a double click (same key, at once) sends once', async () => {
    const id = await createDraft();
    const key = randomUUID();
    const outcomes = await Promise.all([send(id, key), send(id, key), send(id, key)]);
    for (const outcome of outcomes) expect(outcome).toEqual({ returned: { values: {}, done: true } });
    expect(await sentEvents(id)).toHaveLength(1);
  });

  it('a second Verkställ with a new key is refused in Swedish', async () => {
    const id = await createDraft();
    await send(id);
    const again = await send(id);
    expect('returned' in again && again.returned.failure?.message).toMatch(/redan skickad/);
    expect(await sentEvents(id)).toHaveLength(1);
  });

  it("refuses to send someone else's draft and changes nothing", async () => {
    const id = await createDraft();
    session.user = await world.userFor('k200bo');
    const sums = await tableChecksums(world.db, ['audit_events']);
    const outcome = await send(id);
    expect('returned' in outcome && outcome.returned.failure?.code).toBe('not-found');
    expect(await tableChecksums(world.db, ['audit_events'])).toEqual(sums);
  });

  it('refuses to send a draft whose device went into another BMB meanwhile', async () => {
    const first = await createDraft();
    const second = await createDraft({ newPrescriberUsername: 'k400eva' });
    await send(first);
    const outcome = await send(second);
    expect('returned' in outcome && outcome.returned.failure?.message).toMatch(/Väntar på kvittens/);
    expect((await bmb(second)).status).toBe('draft');
  });

  it('shows a locked device as locked, and it cannot go into a new BMB', async () => {
    const id = await createDraft();
    await send(id);
    await setClockOffset(world.db, world.workspaceId, 8 * 24 * 3600);
    const outcome = await settle(() => saveBmbDraft(emptyDraftState, draftForm({ newPrescriberUsername: 'k400eva' })));
    expect('returned' in outcome && outcome.returned.failure?.fieldErrors?.loanIds?.join(' ')).toMatch(
      /Kontakta Länsservice/,
    );
  });

  it('20 concurrent Verkställ of drafts sharing a device send exactly one', async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 20; i++) drafts.push(await createDraft({ newPrescriberUsername: i % 2 ? 'k200bo' : 'k400eva' }));
    const outcomes = await Promise.all(drafts.map((id) => send(id)));
    const sent = outcomes.filter((o) => 'returned' in o && o.returned.done);
    const refused = outcomes.flatMap((o) => ('returned' in o && o.returned.failure ? [o.returned.failure] : []));
    expect(sent).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const f of refused) expect(f.message).toMatch(/Väntar på kvittens|redan skickats i en annan BMB/);
    const statuses = await Promise.all(drafts.map(async (id) => (await bmb(id)).status));
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(1);
    const events = (await Promise.all(drafts.map(sentEvents))).flat();
    expect(events).toHaveLength(1);
  });

  it('discards a draft (kept, marked) and audits it; a sent BMB cannot be discarded', async () => {
    const id = await createDraft();
    const outcome = await settle(() => discardBmbDraft({}, formData({ bmbId: id })));
    expect(outcome).toEqual({ redirectedTo: '/skickade-bmb?kasserad=1' });
    expect(await bmb(id)).toMatchObject({ status: 'discarded' });

    const sentId = await createDraft();
    await send(sentId);
    const refused = await settle(() => discardBmbDraft({}, formData({ bmbId: sentId })));
    expect('returned' in refused && refused.returned.failure?.code).toBe('conflict');
    expect((await bmb(sentId)).status).toBe('sent');
  });
});
