import type { AuditAction, PatientAccessAction } from '@bmb/domain';
import type { DbOrTx } from './client';
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
export async function recordAudit(db: DbOrTx, event: AuditEvent): Promise<void> {
  await db.insert(auditEvents).values({
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

/** Records one read of a patient's data (patientdatalagen). */
export async function recordPatientAccess(db: DbOrTx, access: PatientAccess): Promise<void> {
  await db.insert(patientAccessLog).values(access);
}

/**
 * Records one view that showed several patients (an Individkort with its
 * history): one row per patient, in one statement and one commit.
 */
export async function recordPatientAccesses(db: DbOrTx, accesses: PatientAccess[]): Promise<void> {
  if (accesses.length === 0) return;
  await db.insert(patientAccessLog).values(accesses);
}
