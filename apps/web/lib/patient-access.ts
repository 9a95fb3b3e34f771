import 'server-only';
import { recordPatientAccesses } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import type { CurrentUser } from '@/lib/auth/session-user';

/**
 * What a page showed of which patients, for the access log (patientdatalagen).
 * Every patient a page names is recorded, once per page, in one statement:
 * both sides of a patient-to-patient BMB, and every row of a list
 * (docs/decisions/009-what-counts-as-patient-access.md).
 */
export type PatientAccessAction =
  | 'patient.search'
  | 'patient.loans.view'
  | 'bmb.form.view'
  | 'bmb.new-patient.lookup'
  | 'bmb.view'
  | 'bmb.answer.view'
  | 'bmb.answer'
  | 'bmb.inbox.view'
  | 'bmb.sent.view'
  | 'bmb.locked.view'
  | 'bmb.locked.search'
  | 'individ.card.view'
  | 'log.patient.search'
  | 'log.patient.extract';

export async function recordPatientsShown(
  user: CurrentUser,
  action: PatientAccessAction,
  patientIds: Iterable<string>,
): Promise<void> {
  const distinct = [...new Set(patientIds)];
  await recordPatientAccesses(
    await getDb(),
    distinct.map((patientId) => ({
      workspaceId: user.workspaceId,
      userId: user.prescriberId,
      careUnitId: user.careUnitId,
      patientId,
      action,
    })),
  );
}
