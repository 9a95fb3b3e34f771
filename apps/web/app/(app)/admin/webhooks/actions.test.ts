import { auditEvents, bmbEvents, webhookDeliveries, webhookEndpoints } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetManualDevices, sendBmbAs } from '@/test/bmb-fixtures';
import { formData } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { tableChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { createWebhook, disableWebhook, resendDelivery } from './actions';
import WebhooksPage from './page';

const EMPTY = { values: { url: '', eventTypes: [], description: '' } };

/** Every string a rendered page holds, its client components' props included (what reaches the browser). */
function stringsOf(node: unknown, seen = new WeakSet<object>()): string {
  if (typeof node === 'string' || typeof node === 'number') return `${node} `;
  if (Array.isArray(node)) return node.map((n) => stringsOf(n, seen)).join('');
  if (!node || typeof node !== 'object' || seen.has(node)) return '';
  seen.add(node);
  const props = (node as { props?: Record<string, unknown> }).props;
  return props
    ? Object.values(props)
        .map((v) => stringsOf(v, seen))
        .join('')
    : '';
}
const renderedPage = async () => stringsOf(await WebhooksPage());

describe.each(testDbKinds())('Admin → Webhooks on %s', (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(kind);
  });
  beforeEach(async () => {
    session.world = world;
    session.user = await world.userFor('admin');
  });
  afterAll(() => world?.handle.close());

  const register = (url: string, eventTypes: string[], description = '') =>
    createWebhook(EMPTY, formData({ url, eventTypes, description }));

  it('Länsservice registers an address and gets the secret in the answer, once; the page lists it without the secret', async () => {
    // Tests run with development's rule (as the e2e harness does): http on 127.0.0.1 is allowed.
    const state = await register(
      'http://127.0.0.1:4010/bmb',
      ['bmb.sent', 'bmb.line-closed'],
      'Lagersystemet',
    );
    expect(state.failure).toBeUndefined();
    expect(state.done).toEqual({
      url: 'http://127.0.0.1:4010/bmb',
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(state.values).toEqual({ url: '', eventTypes: [], description: '' });
    const secret = state.done!.secret;

    const page = await renderedPage();
    expect(page).toContain('http://127.0.0.1:4010/bmb');
    expect(page).toContain('Lagersystemet');
    expect(page).toContain('BMB-rad stängd (hjälpmedlet återlämnat)');
    expect(page).not.toContain(secret.slice('whsec_'.length, 24));
  });

  it('says in Swedish what is wrong with the form, field by field', async () => {
    const none = await register('http://127.0.0.1:4010/bmb', []);
    expect(none.failure?.fieldErrors).toEqual({ eventTypes: ['Välj minst en händelsetyp.'] });
    expect(none.values.url).toBe('http://127.0.0.1:4010/bmb');
    const bad = await register('lager.region.se/bmb', ['bmb.sent']);
    expect(bad.failure?.fieldErrors?.url?.[0]).toMatch(/^Ange en fullständig adress/);
  });

  it('a prescriber is refused every webhook action: nothing changes, the denial is in the trail', async () => {
    const created = await register('http://127.0.0.1:4010/other', ['bmb.sent']);
    const [endpoint] = await world.db
      .select()
      .from(webhookEndpoints)
      .orderBy(desc(webhookEndpoints.createdAt))
      .limit(1);
    expect(created.done?.url).toBe(endpoint!.url);
    session.user = await world.userFor('k100ana');
    const sums = await tableChecksums(world.db, ['audit_events']);
    for (const outcome of [
      await register('http://127.0.0.1:4010/mine', ['bmb.sent']),
      await disableWebhook({}, formData({ webhookId: endpoint!.id })),
      await resendDelivery({}, formData({ deliveryId: endpoint!.id })),
    ]) {
      expect(outcome.failure).toMatchObject({
        code: 'forbidden',
        message: 'Du har inte behörighet att göra detta.',
      });
      expect(outcome.done).toBeUndefined();
    }
    expect(await tableChecksums(world.db, ['audit_events'])).toEqual(sums);
    const [denial] = await world.db
      .select()
      .from(auditEvents)
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(denial).toMatchObject({ action: 'action.denied', actorId: session.user.prescriberId });
  });

  it('"Skicka igen" puts a given-up delivery back in line, and "Stäng av" stops the endpoint', async () => {
    await register('http://127.0.0.1:4010/down', ['bmb.sent']);
    const [endpoint] = await world.db
      .select()
      .from(webhookEndpoints)
      .orderBy(desc(webhookEndpoints.createdAt))
      .limit(1);
    await resetManualDevices(world);
    await sendBmbAs(world, session, 'k100ana');
    const [event] = await world.db.select().from(bmbEvents).orderBy(desc(bmbEvents.id)).limit(1);
    const [delivery] = await world.db
      .insert(webhookDeliveries)
      .values({
        workspaceId: world.workspaceId,
        endpointId: endpoint!.id,
        eventId: event!.id,
        eventType: 'bmb.sent',
        status: 'given_up',
        attempts: 6,
        lastStatusCode: 503,
        lastError: 'HTTP 503.',
      })
      .returning();

    const listed = await renderedPage();
    expect(listed).toContain(delivery!.id);
    expect(listed).toContain('Misslyckad, gav upp');

    expect(await resendDelivery({}, formData({ deliveryId: delivery!.id }))).toEqual({
      done: true,
    });
    const [again] = await world.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, delivery!.id));
    expect(again).toMatchObject({ status: 'pending', attempts: 0 });
    expect(
      (await resendDelivery({}, formData({ deliveryId: delivery!.id }))).failure?.message,
    ).toBe('Leveransen är redan skickad eller väntar redan på att skickas.');

    expect(await disableWebhook({}, formData({ webhookId: endpoint!.id }))).toEqual({ done: true });
    expect((await disableWebhook({}, formData({ webhookId: endpoint!.id }))).failure?.message).toBe(
      'Webhooken är redan avstängd.',
    );
    await resetManualDevices(world);
  });
});
