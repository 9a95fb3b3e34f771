import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { demoId, seedDemoData } from '../seed';
import { createTestDb, testDbKinds } from '../test/test-database';
import { FEED_START, readFeed, type FeedCursor } from './events';

const bmbId = demoId('bmb', 'locked-1');
const insertEvent = (note: string) =>
  `insert into bmb_events (workspace_id, type, occurred_at, bmb_id, data)
   select workspace_id, 'bmb.sent', now(), id, jsonb_build_object('note', '${note}') from bmbs where id = '${bmbId}'`;

const cursorOf = (cursor: string): FeedCursor => {
  const [txId, id] = cursor.split('.');
  return { txId: txId!, id: Number(id) };
};

/**
 * The feed never lets a polling reader miss an event (issue 17): the classic
 * outbox gap is two transactions that take event ids in one order and commit
 * in the other. It needs two connections at once, so PostgreSQL only.
 */
describe.skipIf(!testDbKinds().includes('postgres'))('the event feed on postgres', () => {
  let handle: DbHandle & { url?: string };
  let workspaceId: string;
  let first: postgres.ReservedSql;
  let second: postgres.ReservedSql;
  let client: postgres.Sql;

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

  /** Reads the way a poller does: from its cursor, as far as the feed goes now. */
  async function poll(from: FeedCursor): Promise<{ notes: string[]; next: FeedCursor }> {
    const events = await readFeed(handle.db, workspaceId, from, 100);
    return {
      notes: events.map((e) => (e.data as { note: string }).note),
      next: events.length ? cursorOf(events.at(-1)!.cursor) : from,
    };
  }

  it('two transactions that commit in the opposite order to their ids: the reader sees both, in commit-safe order, none twice', async () => {
    await first.unsafe('begin');
    await first.unsafe(insertEvent('first'));
    await second.unsafe('begin');
    await second.unsafe(insertEvent('second'));
    const ids = await handle.raw.query(
      `select (data->>'note') as note, id from bmb_events order by id`,
    );
    // Not visible to anyone yet; but the ids are taken, in this order.
    expect(ids.rows).toEqual([]);
    await second.unsafe('commit');

    // The gap happens: a reader by id alone now sees `second` and moves past `first`'s id.
    const byId = await handle.raw.query(
      `select (data->>'note') as note, id from bmb_events order by id`,
    );
    expect(byId.rows.map((r) => r.note)).toEqual(['second']);

    // The feed holds `second` back while `first`, which began before it, may still commit.
    const meanwhile = await poll(FEED_START);
    expect(meanwhile.notes).toEqual([]);

    await first.unsafe('commit');
    const after = await poll(meanwhile.next);
    expect(after.notes).toEqual(['first', 'second']);
    expect((await poll(after.next)).notes).toEqual([]);
  });

  it('a long transaction in another database of the server holds nothing back', async () => {
    const start = (await poll(FEED_START)).next;
    const elsewhere = new URL(handle.url!);
    elsewhere.pathname = '/postgres';
    const other = postgres(elsewhere.toString(), { max: 1, onnotice: () => {} });
    const busy = await other.reserve();
    try {
      await busy.unsafe('begin');
      await busy.unsafe('select pg_current_xact_id()'); // it now has a transaction id, older than what follows
      await second.unsafe(insertEvent('while another database works'));
      expect((await poll(start)).notes).toEqual(['while another database works']);
    } finally {
      await busy.unsafe('rollback');
      busy.release();
      await other.end();
    }
  });

  it('a transaction that rolls back leaves nothing, and holds nothing back once it is gone', async () => {
    const start = (await poll(FEED_START)).next;
    await first.unsafe('begin');
    await first.unsafe(insertEvent('rolled back'));
    await second.unsafe(insertEvent('committed'));
    expect((await poll(start)).notes).toEqual([]);
    await first.unsafe('rollback');
    expect((await poll(start)).notes).toEqual(['committed']);
  });
});

describe.each(testDbKinds())('the event feed on %s', (kind) => {
  let handle: DbHandle;
  let workspaceId: string;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    workspaceId = await seedDemoData(handle.db);
  });
  afterAll(() => handle?.close());

  it('pages through every event once, in order, and refuses to change one', async () => {
    for (let i = 0; i < 7; i++) await handle.raw.query(insertEvent(`e${i}`));
    const seen: string[] = [];
    let cursor = FEED_START;
    for (let pages = 0; pages < 10; pages++) {
      const events = await readFeed(handle.db, workspaceId, cursor, 3);
      if (events.length === 0) break;
      seen.push(...events.map((e) => (e.data as { note: string }).note));
      cursor = cursorOf(events.at(-1)!.cursor);
    }
    expect(seen).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    await expect(handle.raw.query(`update bmb_events set data = '{}'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(handle.raw.query(`delete from bmb_events`)).rejects.toThrow(/append-only/);
  });

  it('has no feed for a training sandbox', async () => {
    const sandbox = await handle.raw.query(
      `insert into workspaces (kind, name) values ('training', 'sandlåda') returning id`,
    );
    await expect(
      handle.raw.query(
        `insert into bmb_events (workspace_id, type, occurred_at, bmb_id, data) values ('${sandbox.rows[0]!.id as string}', 'bmb.sent', now(), '${bmbId}', '{}')`,
      ),
    ).rejects.toThrow(/only for the production workspace|foreign key/);
  });
});
