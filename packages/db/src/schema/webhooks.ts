import { WEBHOOK_DELIVERY_STATUSES } from '@bmb/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, workspaceId } from './columns';
import { bmbEvents, bmbEventType, xid8 } from './events';
import { prescribers } from './prescribers';

/** Mirrors `WebhookDeliveryStatus` in packages/domain. */
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', WEBHOOK_DELIVERY_STATUSES);

/**
 * An address the stock system registered in Admin → Webhooks, and the event
 * types it wants (docs/decisions/012-webhooks.md). Production only (a trigger
 * refuses training workspaces). Never deleted: "Stäng av" only stops it.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    workspaceId: workspaceId(),
    id: id(),
    url: text().notNull(),
    eventTypes: bmbEventType().array().notNull(),
    /**
     * The Standard Webhooks signing secret (`whsec_` + base64). The worker
     * signs with it; it is shown once, in the answer to the command that made
     * it, and no query for a screen selects it.
     */
    secret: text().notNull(),
    description: text().notNull().default(''),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().notNull(),
    disabledAt: timestamp({ withTimezone: true }),
    /**
     * How far the worker has read the feed for this endpoint: after this
     * transaction's event `cursorId`, in the feed's (txId, id) order. A new
     * endpoint starts at the feed's horizon when it was made: it gets what
     * happens from then on (the feed has the rest).
     */
    cursorTxId: xid8()
      .notNull()
      .default(sql`pg_snapshot_xmin(pg_current_snapshot())`),
    cursorId: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.createdBy],
      foreignColumns: [prescribers.workspaceId, prescribers.id],
    }),
    check('webhook_endpoints_disabled_when_inactive', sql`${t.active} = (${t.disabledAt} is null)`),
    check('webhook_endpoints_some_event_type', sql`cardinality(${t.eventTypes}) > 0`),
  ],
);

/**
 * One event owed to one endpoint: written by the worker's sweep as it reads
 * the feed on the endpoint's behalf, then sent, retried with back-off, or given
 * up. Unique per endpoint and event, so an event is never owed twice.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    workspaceId: workspaceId(),
    id: id(),
    endpointId: uuid().notNull(),
    /** The feed's event (bmb_events.id): also the `webhook-id` the receiver sees. */
    eventId: bigint({ mode: 'number' }).notNull(),
    eventType: bmbEventType().notNull(),
    status: webhookDeliveryStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** The receiver's HTTP status at the last attempt, when it answered at all. */
    lastStatusCode: integer(),
    /** Why the last attempt failed, in BMB's words (a status, a timeout): never the receiver's body. */
    lastError: text(),
    /** Due for an attempt at this time (while one runs, the end of its lease). */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.endpointId],
      foreignColumns: [webhookEndpoints.workspaceId, webhookEndpoints.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.eventId],
      foreignColumns: [bmbEvents.workspaceId, bmbEvents.id],
    }),
    unique('webhook_deliveries_once_per_endpoint').on(t.workspaceId, t.endpointId, t.eventId),
    check('webhook_deliveries_sent_at', sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    // The worker's next delivery per endpoint, and Admin's list of failing ones.
    index('webhook_deliveries_open_idx')
      .on(t.workspaceId, t.endpointId, t.eventId)
      .where(sql`status in ('pending', 'failing')`),
    index('webhook_deliveries_failed_idx')
      .on(t.workspaceId, t.createdAt)
      .where(sql`status in ('failing', 'given_up')`),
  ],
);
