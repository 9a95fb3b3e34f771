import 'server-only';
import { recordAudit } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findPatientByPersonnummer, hitRateLimit, purgeRateLimitWindows, type Patient } from '@bmb/db/queries';
import {
  PATIENT_LOOKUP_LIMIT_MESSAGE,
  PATIENT_LOOKUP_LIMITS,
  PATIENT_LOOKUP_MISS_WINDOW,
  RATE_LIMIT_BUCKETS,
  RATE_LIMIT_RETENTION_SECONDS,
  type Personnummer,
} from '@bmb/domain';
import { failure, type ActionFailure } from '@/lib/action-result';
import type { CurrentUser } from '@/lib/auth/session-user';
import { recordPatientsShown, type PatientAccessAction } from '@/lib/patient-access';

export type PatientLookup = { ok: true; patient: Patient | null } | { ok: false; failure: ActionFailure };

/**
 * A lookup of a patient by personnummer, the one way BMB finds a patient it
 * was not already showing (Hjälpmedel's search, the BMB form's Ny mottagare).
 * Each is an oracle for "does this personnummer exist, and whose is it", so:
 *
 * - it is limited per person (PATIENT_LOOKUP_LIMITS), counted in the database
 *   so the limit holds across instances; the first lookup over a limit writes
 *   `rate-limit.reached` to the production trail, for Länsservice;
 * - a hit is recorded in the access log (as `action`);
 * - a miss is counted per person and hour, never with the number tried, and
 *   feeds Översikt's "Misstänkt sökmönster". Training's misses do not count:
 *   the sandbox is fictional and the learner is meant to make mistakes.
 */
export async function lookUpPatient(user: CurrentUser, personnummer: Personnummer, action: PatientAccessAction): Promise<PatientLookup> {
  const db = await getDb();
  const person = user.identity.prescriberId;
  const limit = await hitRateLimit(db, RATE_LIMIT_BUCKETS.patientLookup, person, [...PATIENT_LOOKUP_LIMITS]);
  // A person's first lookup of a day opens a new day window: a good moment to drop windows nobody reads any more.
  if (limit.windows.at(-1)?.hits === 1) await purgeRateLimitWindows(db, RATE_LIMIT_RETENTION_SECONDS);
  if (limit.exceeded) {
    if (limit.justExceeded) {
      await recordAudit(db, {
        workspaceId: user.identity.workspaceId,
        actorId: person,
        action: 'rate-limit.reached',
        entityType: 'prescriber',
        entityId: person,
        after: { bucket: RATE_LIMIT_BUCKETS.patientLookup, windows: limit.windows },
      });
    }
    return { ok: false, failure: failure('rate-limited', PATIENT_LOOKUP_LIMIT_MESSAGE, { personnummer: [PATIENT_LOOKUP_LIMIT_MESSAGE] }) };
  }
  const patient = await findPatientByPersonnummer(db, user.workspaceId, personnummer);
  if (patient) await recordPatientsShown(user, action, [patient.id]);
  else if (!user.training) await hitRateLimit(db, RATE_LIMIT_BUCKETS.patientLookupMiss, person, [PATIENT_LOOKUP_MISS_WINDOW]);
  return { ok: true, patient };
}
