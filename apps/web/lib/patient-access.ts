import 'server-only';
import { recordPatientAccesses } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import type { PatientAccessAction } from '@bmb/domain';
import type { CurrentUser } from '@/lib/auth/session-user';

export type { PatientAccessAction };

/**
 * What a page showed of which patients, for the access log (patientdatalagen).
 * Every patient a page names is recorded, once per page, in one statement:
 * both sides of a patient-to-patient BMB, and every row of a list
 * (docs/decisions/009-what-counts-as-patient-access.md).
 */
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
