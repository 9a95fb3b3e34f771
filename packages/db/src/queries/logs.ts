import type { AdminScope } from '@bmb/domain';
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditEvents, bmbs, patientAccessLog, patients, payers, prescribers } from '../schema';

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
        .where(
          and(
            eq(bmbs.workspaceId, workspaceId),
            or(eq(bmbs.fromPatientId, filter.patientId), eq(bmbs.toPatientId, filter.patientId)),
          ),
        )
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
        filter.userId ? eq(auditEvents.actorId, filter.userId) : undefined,
        filter.action ? eq(auditEvents.action, filter.action) : undefined,
        filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
        filter.to ? lt(auditEvents.occurredAt, filter.to) : undefined,
        before(auditEvents, page.cursor),
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
        filter.userId ? eq(patientAccessLog.userId, filter.userId) : undefined,
        filter.action ? eq(patientAccessLog.action, filter.action) : undefined,
        filter.from ? gte(patientAccessLog.occurredAt, filter.from) : undefined,
        filter.to ? lt(patientAccessLog.occurredAt, filter.to) : undefined,
        before(patientAccessLog, page.cursor),
      ),
    )
    .orderBy(desc(patientAccessLog.occurredAt), desc(patientAccessLog.id))
    .limit(page.limit);
}
