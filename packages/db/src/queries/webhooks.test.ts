import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { demoId, seedDemoData } from '../seed';
import { createTestDb, testDbKinds } from '../test/test-database';
import {
  claimDueWebhookDeliveries,
  insertWebhookEndpoint,
  owedWebhookEvents,
  startWebhookAttempt,
} from './webhooks';

const bmbId = demoId('bmb', 'locked-1');
const insertEvent = (note: string, type = 'bmb.sent') =>
  `insert into bmb_events (workspace_id, type, occurred_at, bmb_id, data)
   select workspace_id, '${type}', now(), id, jsonb_build_object('note', '${note}') from bmbs where id = '${bmbId}'`;

async function newEndpoint(
  handle: DbHandle,
  workspaceId: string,
  eventTypes: ('bmb.sent' | 'bmb.accepted')[] = ['bmb.sent'],
) {
  const id = await insertWebhookEndpoint(handle.db, workspaceId, {
    url: 'https://lager.region.se/hook',
    eventTypes,
    secret: 'whsec_dGVzdA==',
    description: '',
    createdBy: demoId('prescriber', 'admin'),
  });
  return { workspaceId, id };
}

async function owedNotes(handle: DbHandle, endpointId: string): Promise<string[]> {
  const { rows } = await handle.raw.query(
    `select e.data->>'note' as note from webhook_deliveries d join bmb_events e on e.workspace_id = d.workspace_id and e.id = d.event_id
     where d.endpoint_id = $1 order by e.tx_id, e.id`,
    [endpointId],
  );
  return rows.map((r) => r.note as string);
}

/**
 * A webhook reads the feed with the feed's own reader, so it never skips an
 * event whose transaction commits after a later one's (docs/decisions/011):
 * two connections at once, so PostgreSQL only.
 */
describe.skipIf(!testDbKinds().includes('postgres'))(
  'webhooks read the feed without gaps, on postgres',
  () => {
    let handle: DbHandle & { url?: string };
    let workspaceId: string;
    let client: postgres.Sql;
    let first: postgres.ReservedSql;
    let second: postgres.ReservedSql;

    beforeAll(async () => {
      handle = await createTestDb('postgres');
      workspaceId = await seedDemoData(handle.db);
      client = postgres(handle.url!, { max: 2, onnotice: () => {} });
      [first, second] = await Promise.all([client.reserve(), client.reserve()]);
    });
    afterAll(async () => {
      first?.release();
      second?.release();
      await client?.end();
      await handle?.close();
    });

    it('owes an event that commits after a later one, and moves its cursor past neither too early', async () => {
      const endpoint = await newEndpoint(handle, workspaceId);
      await first.unsafe('begin');
      await first.unsafe(insertEvent('first'));
      await second.unsafe(insertEvent('second'));
      // `second` has committed, `first` (an older transaction) may still: nothing is owed yet.
      expect(await handle.db.transaction((tx) => owedWebhookEvents(tx, endpoint, 100))).toEqual({
        read: 0,
        owed: 0,
      });
      await first.unsafe('commit');
      expect(await handle.db.transaction((tx) => owedWebhookEvents(tx, endpoint, 100))).toEqual({
        read: 2,
        owed: 2,
      });
      expect(await owedNotes(handle, endpoint.id)).toEqual(['first', 'second']);
      expect(await handle.db.transaction((tx) => owedWebhookEvents(tx, endpoint, 100))).toEqual({
        read: 0,
        owed: 0,
      });
    });
  },
);

describe.each(testDbKinds())('webhook deliveries on %s', (kind) => {
  let handle: DbHandle;
  let workspaceId: string;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    workspaceId = await seedDemoData(handle.db);
  });
  afterAll(() => handle?.close());

  it('a new endpoint gets what happens from now on, of its types, each event once', async () => {
    await handle.raw.query(insertEvent('before'));
    const endpoint = await newEndpoint(handle, workspaceId, ['bmb.sent']);
    await handle.raw.query(insertEvent('sent 1'));
    await handle.raw.query(insertEvent('accepted', 'bmb.accepted'));
    await handle.raw.query(insertEvent('sent 2'));
    expect(await handle.db.transaction((tx) => owedWebhookEvents(tx, endpoint, 2))).toEqual({
      read: 2,
      owed: 1,
    });
    expect(await handle.db.transaction((tx) => owedWebhookEvents(tx, endpoint, 2))).toEqual({
      read: 1,
      owed: 1,
    });
    expect(await handle.db.transaction((tx) => owedWebhookEvents(tx, endpoint, 2))).toEqual({
      read: 0,
      owed: 0,
    });
    expect(await owedNotes(handle, endpoint.id)).toEqual(['sent 1', 'sent 2']);
  });

  it('claims one delivery per endpoint at a time, the oldest, under a lease that a stale job cannot use', async () => {
    const endpoint = await newEndpoint(handle, workspaceId);
    await handle.raw.query(insertEvent('a'));
    await handle.raw.query(insertEvent('b'));
    await handle.db.transaction((tx) => owedWebhookEvents(tx, endpoint, 100));
    const claim = () =>
      handle.raw.transaction((query) => claimDueWebhookDeliveries(query, 120, endpoint));
    const [head, ...rest] = await claim();
    expect(rest).toEqual([]);
    // While it is claimed, the endpoint's next waits: nothing else is claimed.
    expect(await claim()).toEqual([]);
    const attempt = await startWebhookAttempt(handle.db, head!, 120);
    expect((attempt!.data as { note: string }).note).toBe('a');
    expect(attempt!.secret).toBe('whsec_dGVzdA==');
    // The same claim again (a second job for it) finds the lease moved on.
    expect(await startWebhookAttempt(handle.db, head!, 120)).toBeNull();
  });
});
