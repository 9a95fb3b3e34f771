import type { AuditAction, PatientAccessAction } from '@bmb/domain';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { builtOnce } from './queries/prepared';
import { auditEvents, patientAccessLog } from './schema';

export interface AuditEvent {
  workspaceId: string;
  /** The prescriber or admin who acted; null for the system itself. */
  actorId: string | null;
  /** A closed vocabulary (packages/domain), each with its label in Admin → Logg. */
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records one audit event. Call it inside the transaction of the change it
 * describes, so that the change and its trace commit or fail together.
 */
const auditInsert = builtOnce((db) =>
  db
    .insert(auditEvents)
    .values({
      workspaceId: sql.placeholder('workspaceId'),
      actorId: sql.placeholder('actorId'),
      action: sql.placeholder('action'),
      entityType: sql.placeholder('entityType'),
      entityId: sql.placeholder('entityId'),
      before: sql.placeholder('before'),
      after: sql.placeholder('after'),
    })
    .prepare('record_audit'),
);

export async function recordAudit(db: DbOrTx, event: AuditEvent): Promise<void> {
  await auditInsert(db).execute({
    workspaceId: event.workspaceId,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}

export interface PatientAccess {
  workspaceId: string;
  userId: string;
  careUnitId: string | null;
  patientId: string;
  /** What was read, e.g. `patient.search`, `patient.loans.view`. */
  action: PatientAccessAction;
}

const accessInsert = builtOnce((db) =>
  db
    .insert(patientAccessLog)
    .values({
      workspaceId: sql.placeholder('workspaceId'),
      userId: sql.placeholder('userId'),
      careUnitId: sql.placeholder('careUnitId'),
      patientId: sql.placeholder('patientId'),
      action: sql.placeholder('action'),
    })
    .prepare('record_patient_access'),
);

/** Records one read of a patient's data (patientdatalagen). */
export async function recordPatientAccess(db: DbOrTx, access: PatientAccess): Promise<void> {
  await accessInsert(db).execute({ ...access });
}

/**
 * Records one view that showed several patients (a list, an Individkort with
 * its history): one row per patient, in one statement and one commit. The rows
 * go as five arrays into `unnest`, so the statement's text is the same for 1
 * row or 60 and Drizzle does not build a values list per row (issue 21).
 */
export async function recordPatientAccesses(db: DbOrTx, accesses: PatientAccess[]): Promise<void> {
  if (accesses.length === 0) return;
  if (accesses.length === 1) return recordPatientAccess(db, accesses[0]!);
  const column = <K extends keyof PatientAccess>(key: K) => sql.param(accesses.map((a) => a[key]));
  await db.execute(sql`
    insert into ${patientAccessLog} (workspace_id, user_id, care_unit_id, patient_id, action)
    select * from unnest(${column('workspaceId')}::uuid[], ${column('userId')}::uuid[],
      ${column('careUnitId')}::uuid[], ${column('patientId')}::uuid[], ${column('action')}::text[])`);
}
