import { sql } from 'drizzle-orm';
import { BMB_EVENT_TYPES } from '@bmb/domain';
import {
  bigserial,
  customType,
  foreignKey,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { bmbs } from './bmbs';
import { workspaceId } from './columns';

export const bmbEventType = pgEnum('bmb_event_type', BMB_EVENT_TYPES);

/** PostgreSQL's 64-bit transaction id, as text in TypeScript (it outgrows a JS number's exact range). */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * The integration's feed (GET /api/v1/events): one immutable row per change,
 * written in the transaction that made it.
 *
 * Ids come from a sequence, so a transaction that began first can commit
 * after one with a higher id; a reader that went by id alone would pass the
 * lower id before it was visible and miss it forever. So every row also keeps
 * its transaction's id (`txId`), and a reader reads in (txId, id) order, and
 * only rows of transactions older than every transaction still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`): those can no longer change,
 * and nothing can appear before them (docs/decisions/011).
 */
export const bmbEvents = pgTable(
  'bmb_events',
  {
    workspaceId: workspaceId(),
    id: bigserial({ mode: 'number' }).notNull(),
    txId: xid8().notNull().default(sqlCurrentXactId()),
    type: bmbEventType().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    bmbId: uuid().notNull(),
    data: jsonb().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.bmbId], foreignColumns: [bmbs.workspaceId, bmbs.id] }),
    // The feed's order and its cursor.
    index('bmb_events_feed_idx').on(t.workspaceId, t.txId, t.id),
  ],
);

function sqlCurrentXactId() {
  return sql`pg_current_xact_id()`;
}
