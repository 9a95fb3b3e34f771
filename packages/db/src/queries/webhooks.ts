import type { AdminScope, BmbEventType, WebhookDeliveryStatus } from '@bmb/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, RawQuery } from '../client';
import { bmbEvents, webhookDeliveries, webhookEndpoints, workspaces } from '../schema';
import { feedHorizon, readFeed } from './events';

/**
 * Webhooks (docs/decisions/012-webhooks.md): the endpoints Admin registers,
 * and the deliveries the worker owes them. The signing secret is written once
 * and read only by the worker (`webhookDeliveryForSending`): no list selects it.
 */

// ── Commands ────────────────────────────────────────────────────────────────

export interface NewWebhookEndpoint {
  url: string;
  eventTypes: BmbEventType[];
  secret: string;
  description: string;
  createdBy: string;
}

/**
 * A new endpoint, reading the feed from its horizon now: this database's, as
 * the feed reads (the column's default, the whole server's oldest transaction,
 * would start it before events already committed here). Production only.
 */
export async function insertWebhookEndpoint(
  tx: DbOrTx,
  workspaceId: string,
  endpoint: NewWebhookEndpoint,
): Promise<string> {
  const [row] = await tx
    .insert(webhookEndpoints)
    .values({
      workspaceId,
      ...endpoint,
      cursorTxId: sql`(with ${feedHorizon} select horizon.xid from horizon)`,
    })
    .returning({ id: webhookEndpoints.id });
  return row!.id;
}

/** An endpoint, locked for a change (disabling it). */
export async function findWebhookEndpointForUpdate(
  tx: DbOrTx,
  workspaceId: string,
  endpointId: string,
) {
  const [row] = await tx
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, active: webhookEndpoints.active })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId)))
    .for('update');
  return row ?? null;
}

export async function disableWebhookEndpoint(
  tx: DbOrTx,
  workspaceId: string,
  endpointId: string,
  at: Date,
): Promise<void> {
  await tx
    .update(webhookEndpoints)
    .set({ active: false, disabledAt: at })
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, endpointId)));
}

/** A delivery, locked for "Skicka igen", with whether its endpoint still receives. */
export async function findWebhookDeliveryForUpdate(
  tx: DbOrTx,
  workspaceId: string,
  deliveryId: string,
) {
  const [row] = await tx
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      endpointActive: webhookEndpoints.active,
    })
    .from(webhookDeliveries)
    .innerJoin(
      webhookEndpoints,
      and(
        eq(webhookEndpoints.workspaceId, webhookDeliveries.workspaceId),
        eq(webhookEndpoints.id, webhookDeliveries.endpointId),
      ),
    )
    .where(
      and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, deliveryId)),
    )
    .for('update', { of: webhookDeliveries });
  return row ?? null;
}

/**
 * "Skicka igen": due now, with the whole retry schedule ahead of it again.
 * The last error stays until the next attempt says otherwise.
 */
export async function resendWebhookDelivery(
  tx: DbOrTx,
  workspaceId: string,
  deliveryId: string,
): Promise<void> {
  await tx
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()` })
    .where(
      and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, deliveryId)),
    );
}

// ── Admin → Webhooks ────────────────────────────────────────────────────────

export interface WebhookEndpointRow {
  id: string;
  url: string;
  eventTypes: BmbEventType[];
  description: string;
  active: boolean;
  createdAt: Date;
  disabledAt: Date | null;
  /** When the last delivery to it succeeded. */
  lastSentAt: Date | null;
  /** Deliveries that failed and are retried, or were given up. */
  failing: number;
}

/** Every endpoint, active first, newest first; never the secret. */
export async function listWebhookEndpoints(
  db: DbOrTx,
  admin: AdminScope,
): Promise<WebhookEndpointRow[]> {
  const { workspaceId } = admin;
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      eventTypes: webhookEndpoints.eventTypes,
      description: webhookEndpoints.description,
      active: webhookEndpoints.active,
      createdAt: webhookEndpoints.createdAt,
      disabledAt: webhookEndpoints.disabledAt,
      lastSentAt: sql<Date | string | null>`(select max(d.sent_at) from ${webhookDeliveries} d
        where d.workspace_id = ${webhookEndpoints.workspaceId} and d.endpoint_id = ${webhookEndpoints.id})`,
      failing: sql<number>`(select count(*)::int from ${webhookDeliveries} d
        where d.workspace_id = ${webhookEndpoints.workspaceId} and d.endpoint_id = ${webhookEndpoints.id}
          and d.status in ('failing', 'given_up'))`,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, workspaceId))
    .orderBy(desc(webhookEndpoints.active), desc(webhookEndpoints.createdAt))
    .limit(200);
  return rows.map((r) => ({
    ...r,
    lastSentAt: r.lastSentAt === null ? null : new Date(r.lastSentAt),
    failing: Number(r.failing),
  }));
}

export interface FailingWebhookDeliveryRow {
  id: string;
  endpointId: string;
  endpointUrl: string;
  endpointActive: boolean;
  eventId: number;
  eventType: BmbEventType;
  bmbId: string;
  status: Extract<WebhookDeliveryStatus, 'failing' | 'given_up'>;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When the worker tries again; meaningless once given up. */
  nextAttemptAt: Date;
  createdAt: Date;
}

/** Deliveries that failed: still retried, or given up and waiting for "Skicka igen". Oldest first. */
export async function listFailingWebhookDeliveries(
  db: DbOrTx,
  admin: AdminScope,
  limit = 200,
): Promise<FailingWebhookDeliveryRow[]> {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      endpointUrl: webhookEndpoints.url,
      endpointActive: webhookEndpoints.active,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      bmbId: bmbEvents.bmbId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(
      webhookEndpoints,
      and(
        eq(webhookEndpoints.workspaceId, webhookDeliveries.workspaceId),
        eq(webhookEndpoints.id, webhookDeliveries.endpointId),
      ),
    )
    .innerJoin(
      bmbEvents,
      and(
        eq(bmbEvents.workspaceId, webhookDeliveries.workspaceId),
        eq(bmbEvents.id, webhookDeliveries.eventId),
      ),
    )
    .where(
      and(
        eq(webhookDeliveries.workspaceId, admin.workspaceId),
        inArray(webhookDeliveries.status, ['failing', 'given_up']),
      ),
    )
    .orderBy(webhookDeliveries.createdAt, webhookDeliveries.eventId)
    .limit(limit);
  return rows as FailingWebhookDeliveryRow[];
}

// ── The worker ──────────────────────────────────────────────────────────────

export interface WebhookEndpointRef {
  workspaceId: string;
  id: string;
}

/** The endpoints the worker reads the feed for (only the production workspace has any). */
export async function listActiveWebhookEndpoints(db: DbOrTx): Promise<WebhookEndpointRef[]> {
  return db
    .select({ workspaceId: webhookEndpoints.workspaceId, id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .innerJoin(workspaces, eq(workspaces.id, webhookEndpoints.workspaceId))
    .where(and(eq(webhookEndpoints.active, true), eq(workspaces.kind, 'production')));
}

/**
 * Reads the feed on one endpoint's behalf, after its cursor: a delivery for
 * each event of a type it subscribes to, and the cursor past every event read,
 * in one transaction (call it inside one). The endpoint row is locked with SKIP
 * LOCKED, so two workers never read for the same endpoint at once; the feed
 * itself (`readFeed`) never passes an event that may still commit before the
 * last one read. Returns how many events were read (0 also when another worker
 * holds the endpoint).
 */
export async function owedWebhookEvents(
  tx: DbOrTx,
  endpoint: WebhookEndpointRef,
  limit: number,
): Promise<{ read: number; owed: number }> {
  const [row] = await tx
    .select({
      eventTypes: webhookEndpoints.eventTypes,
      cursorTxId: webhookEndpoints.cursorTxId,
      cursorId: webhookEndpoints.cursorId,
    })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.workspaceId, endpoint.workspaceId),
        eq(webhookEndpoints.id, endpoint.id),
        eq(webhookEndpoints.active, true),
      ),
    )
    .for('update', { skipLocked: true });
  if (!row) return { read: 0, owed: 0 };
  const events = await readFeed(
    tx,
    endpoint.workspaceId,
    { txId: row.cursorTxId, id: row.cursorId },
    limit,
  );
  const last = events.at(-1);
  if (!last) return { read: 0, owed: 0 };
  const wanted = new Set<string>(row.eventTypes);
  const owed = events.filter((e) => wanted.has(e.type));
  if (owed.length > 0) {
    await tx
      .insert(webhookDeliveries)
      .values(
        owed.map((e) => ({
          workspaceId: endpoint.workspaceId,
          endpointId: endpoint.id,
          eventId: Number(e.id),
          eventType: e.type,
        })),
      )
      .onConflictDoNothing();
  }
  const [txId, id] = last.cursor.split('.');
  await tx
    .update(webhookEndpoints)
    .set({ cursorTxId: txId!, cursorId: Number(id) })
    .where(
      and(
        eq(webhookEndpoints.workspaceId, endpoint.workspaceId),
        eq(webhookEndpoints.id, endpoint.id),
      ),
    );
  return { read: events.length, owed: owed.length };
}

/** A claimed delivery: `claim` is the lease it was claimed with, which the job must still find to send it. */
export interface WebhookDeliveryClaim {
  workspaceId: string;
  id: string;
  claim: string;
}

/**
 * Claims the next delivery of each active endpoint, when it is due, for
 * `leaseSeconds` (its next_attempt_at moves to the lease's end, so nobody
 * claims it again meanwhile, and a worker that dies only delays it). "Next" is
 * the endpoint's oldest open (pending or failing) delivery in the feed's order:
 * while it waits for a retry, the ones after it wait too, so an endpoint
 * receives its events in order and one at a time. Raw SQL, so that the caller
 * can queue a job for each in the same transaction (the job queue runs its own
 * SQL). The endpoint rows are locked with SKIP LOCKED: a claim in progress
 * elsewhere is skipped, never doubled. `endpoint` limits it to one.
 */
export async function claimDueWebhookDeliveries(
  query: RawQuery,
  leaseSeconds: number,
  endpoint?: WebhookEndpointRef,
): Promise<WebhookDeliveryClaim[]> {
  const only = endpoint ? 'and ep.workspace_id = $2 and ep.id = $3' : '';
  const { rows } = await query(
    `with ep as (
       select ep.workspace_id, ep.id
       from webhook_endpoints ep join workspaces w on w.id = ep.workspace_id and w.kind = 'production'
       where ep.active ${only}
       for update of ep skip locked
     ), head as (
       select distinct on (d.workspace_id, d.endpoint_id) d.workspace_id, d.id, d.next_attempt_at
       from webhook_deliveries d
       join ep on ep.workspace_id = d.workspace_id and ep.id = d.endpoint_id
       join bmb_events e on e.workspace_id = d.workspace_id and e.id = d.event_id
       where d.status in ('pending', 'failing')
       order by d.workspace_id, d.endpoint_id, e.tx_id, e.id
     )
     update webhook_deliveries d set next_attempt_at = now() + make_interval(secs => $1)
     from head
     where d.workspace_id = head.workspace_id and d.id = head.id and head.next_attempt_at <= now()
     returning d.workspace_id::text as "workspaceId", d.id::text as "id", d.next_attempt_at::text as "claim"`,
    endpoint ? [leaseSeconds, endpoint.workspaceId, endpoint.id] : [leaseSeconds],
  );
  return rows as unknown as WebhookDeliveryClaim[];
}

/**
 * Starts the attempt of a claimed delivery: only if it is still open and still
 * under the lease it was claimed with (a second job for the same claim, or one
 * whose lease ran out and was claimed again, finds nothing), and extends the
 * lease for the attempt. Then everything needed to send it, the secret included.
 */
export async function startWebhookAttempt(
  db: DbOrTx,
  claim: WebhookDeliveryClaim,
  leaseSeconds: number,
) {
  const taken = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(
      and(
        eq(webhookDeliveries.workspaceId, claim.workspaceId),
        eq(webhookDeliveries.id, claim.id),
        inArray(webhookDeliveries.status, ['pending', 'failing']),
        sql`${webhookDeliveries.nextAttemptAt} = ${claim.claim}::timestamptz`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (taken.length === 0) return null;
  const [row] = await db
    .select({
      id: webhookDeliveries.id,
      workspaceId: webhookDeliveries.workspaceId,
      endpointId: webhookDeliveries.endpointId,
      attempts: webhookDeliveries.attempts,
      url: webhookEndpoints.url,
      secret: webhookEndpoints.secret,
      endpointActive: webhookEndpoints.active,
      eventId: bmbEvents.id,
      eventType: bmbEvents.type,
      occurredAt: bmbEvents.occurredAt,
      data: bmbEvents.data,
    })
    .from(webhookDeliveries)
    .innerJoin(
      webhookEndpoints,
      and(
        eq(webhookEndpoints.workspaceId, webhookDeliveries.workspaceId),
        eq(webhookEndpoints.id, webhookDeliveries.endpointId),
      ),
    )
    .innerJoin(
      bmbEvents,
      and(
        eq(bmbEvents.workspaceId, webhookDeliveries.workspaceId),
        eq(bmbEvents.id, webhookDeliveries.eventId),
      ),
    )
    .where(
      and(eq(webhookDeliveries.workspaceId, claim.workspaceId), eq(webhookDeliveries.id, claim.id)),
    );
  return row ?? null;
}

export type WebhookAttempt = NonNullable<Awaited<ReturnType<typeof startWebhookAttempt>>>;

export type WebhookAttemptOutcome =
  | { ok: true; statusCode: number }
  | {
      ok: false;
      statusCode: number | null;
      error: string;
      /** Seconds until the next attempt; null: that was the last, give up. */
      retryAfterSeconds: number | null;
    };

/** Records an attempt's outcome, if the delivery is still open (a resend meanwhile changes nothing here). */
export async function recordWebhookAttempt(
  db: DbOrTx,
  ref: { workspaceId: string; id: string },
  outcome: WebhookAttemptOutcome,
): Promise<void> {
  const failed = outcome.ok ? null : outcome;
  await db
    .update(webhookDeliveries)
    .set(
      failed
        ? {
            status: failed.retryAfterSeconds === null ? 'given_up' : 'failing',
            attempts: sql`${webhookDeliveries.attempts} + 1`,
            lastStatusCode: failed.statusCode,
            lastError: failed.error.slice(0, 300),
            nextAttemptAt: sql`now() + make_interval(secs => ${failed.retryAfterSeconds ?? 0})`,
          }
        : {
            status: 'sent',
            attempts: sql`${webhookDeliveries.attempts} + 1`,
            lastStatusCode: outcome.statusCode,
            lastError: null,
            sentAt: sql`now()`,
          },
    )
    .where(
      and(
        eq(webhookDeliveries.workspaceId, ref.workspaceId),
        eq(webhookDeliveries.id, ref.id),
        inArray(webhookDeliveries.status, ['pending', 'failing']),
      ),
    );
}
