import type { AdminScope } from '@bmb/domain';
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { auditEvents, bmbs, patientAccessLog, patients, payers, prescribers } from '../schema';
import { bmbConcernsPatient } from './bmb-joins';

export interface LogFilter {
  patientId?: string;
  userId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/**
 * Keyset paging on (time, id), newest first: as fast on page 1000 as on page 1.
 * The time is PostgreSQL's own text (microseconds): a JS Date keeps only
 * milliseconds and would skip rows at a page boundary.
 */
export interface LogCursor {
  occurredAt: string;
  id: number;
}

function before(table: typeof auditEvents | typeof patientAccessLog, cursor?: LogCursor): SQL | undefined {
  if (!cursor) return undefined;
  const at = sql`${cursor.occurredAt}::timestamptz`;
  return or(lt(table.occurredAt, at), and(eq(table.occurredAt, at), lt(table.id, cursor.id)));
}

const cursorKey = (table: typeof auditEvents | typeof patientAccessLog) => sql<string>`${table.occurredAt}::text`;

/** What both logs are searched by: who (`person`: the actor or the user), what, when, and the page. */
function logFilterSql(
  table: typeof auditEvents | typeof patientAccessLog,
  person: AnyPgColumn,
  filter: LogFilter,
  cursor?: LogCursor,
): SQL | undefined {
  return and(
    filter.userId ? eq(person, filter.userId) : undefined,
    filter.action ? eq(table.action, filter.action) : undefined,
    filter.from ? gte(table.occurredAt, filter.from) : undefined,
    filter.to ? lt(table.occurredAt, filter.to) : undefined,
    before(table, cursor),
  );
}

export interface AuditRow {
  id: number;
  occurredAt: Date;
  cursorKey: string;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The audit trail. A patient filter finds the events of the BMBs that concern
 * the patient (from or to), and the lookups of their data are in the access log.
 */
export async function searchAuditEvents(
  db: DbOrTx,
  admin: AdminScope,
  filter: LogFilter,
  page: { cursor?: LogCursor; limit: number },
): Promise<AuditRow[]> {
  const { workspaceId } = admin;
  const patientBmbs = filter.patientId
    ? db
        .select({ id: bmbs.id })
        .from(bmbs)
        .where(and(eq(bmbs.workspaceId, workspaceId), bmbConcernsPatient(filter.patientId)))
    : undefined;
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      cursorKey: cursorKey(auditEvents),
      actorUsername: prescribers.username,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(prescribers, and(eq(prescribers.workspaceId, auditEvents.workspaceId), eq(prescribers.id, auditEvents.actorId)))
    .where(
      and(
        eq(auditEvents.workspaceId, workspaceId),
        patientBmbs ? and(eq(auditEvents.entityType, 'bmb'), inArray(auditEvents.entityId, patientBmbs)) : undefined,
        logFilterSql(auditEvents, auditEvents.actorId, filter, page.cursor),
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(page.limit);
}

export interface AccessRow {
  id: number;
  occurredAt: Date;
  cursorKey: string;
  userUsername: string;
  userName: string;
  careUnit: string | null;
  patientName: string;
  action: string;
}

/** The patient access log (patientdatalagen): who saw whose data, for which care unit, and when. */
export async function searchAccessLog(
  db: DbOrTx,
  admin: AdminScope,
  filter: LogFilter,
  page: { cursor?: LogCursor; limit: number },
): Promise<AccessRow[]> {
  const { workspaceId } = admin;
  return db
    .select({
      id: patientAccessLog.id,
      occurredAt: patientAccessLog.occurredAt,
      cursorKey: cursorKey(patientAccessLog),
      userUsername: prescribers.username,
      userName: prescribers.name,
      careUnit: sql<string | null>`${payers.code} || ' ' || ${payers.name}`,
      patientName: patients.name,
      action: patientAccessLog.action,
    })
    .from(patientAccessLog)
    .innerJoin(
      prescribers,
      and(eq(prescribers.workspaceId, patientAccessLog.workspaceId), eq(prescribers.id, patientAccessLog.userId)),
    )
    .innerJoin(patients, and(eq(patients.workspaceId, patientAccessLog.workspaceId), eq(patients.id, patientAccessLog.patientId)))
    .leftJoin(payers, and(eq(payers.workspaceId, patientAccessLog.workspaceId), eq(payers.id, patientAccessLog.careUnitId)))
    .where(
      and(
        eq(patientAccessLog.workspaceId, workspaceId),
        filter.patientId ? eq(patientAccessLog.patientId, filter.patientId) : undefined,
        logFilterSql(patientAccessLog, patientAccessLog.userId, filter, page.cursor),
      ),
    )
    .orderBy(desc(patientAccessLog.occurredAt), desc(patientAccessLog.id))
    .limit(page.limit);
}

/** A BMB's own history, oldest first, for Länsservice ("Visa händelser" on the BMB page). */
export async function listAuditEventsOfBmb(db: DbOrTx, admin: AdminScope, bmbId: string, limit = 200): Promise<AuditRow[]> {
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      cursorKey: cursorKey(auditEvents),
      actorUsername: prescribers.username,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(prescribers, and(eq(prescribers.workspaceId, auditEvents.workspaceId), eq(prescribers.id, auditEvents.actorId)))
    .where(
      and(eq(auditEvents.workspaceId, admin.workspaceId), eq(auditEvents.entityType, 'bmb'), eq(auditEvents.entityId, bmbId)),
    )
    .orderBy(auditEvents.occurredAt, auditEvents.id)
    .limit(limit);
}
