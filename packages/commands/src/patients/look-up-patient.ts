import { recordAudit, recordPatientAccess } from '@bmb/db/audit';
import {
  findPatientByPersonnummer,
  hitRateLimit,
  purgeRateLimitWindows,
  type Patient,
} from '@bmb/db/queries';
import {
  PATIENT_LOOKUP_LIMITS,
  PATIENT_LOOKUP_MISS_WINDOW,
  RATE_LIMIT_BUCKETS,
  RATE_LIMIT_RETENTION_SECONDS,
  type PatientAccessAction,
  type PersonActor,
  type Personnummer,
} from '@bmb/domain';
import type { CommandDeps } from '../deps';
import { done, refusal, type CommandResult } from '../result';

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
 *
 * A part of the commands that look patients up, not a command of its own.
 */
export async function lookUpPatient(
  deps: CommandDeps,
  actor: PersonActor,
  personnummer: Personnummer,
  action: PatientAccessAction,
): Promise<CommandResult<Patient | null>> {
  const { db } = deps;
  const person = actor.identity.prescriberId;
  const limit = await hitRateLimit(db, RATE_LIMIT_BUCKETS.patientLookup, person, [
    ...PATIENT_LOOKUP_LIMITS,
  ]);
  // A person's first lookup of a day opens a new day window: a good moment to drop windows nobody reads any more.
  if (limit.windows.at(-1)?.hits === 1)
    await purgeRateLimitWindows(db, RATE_LIMIT_RETENTION_SECONDS);
  if (limit.exceeded) {
    if (limit.justExceeded) {
      await recordAudit(db, {
        workspaceId: actor.identity.workspaceId,
        actorId: person,
        action: 'rate-limit.reached',
        entityType: 'prescriber',
        entityId: person,
        after: { bucket: RATE_LIMIT_BUCKETS.patientLookup, windows: limit.windows },
      });
    }
    return refusal('rate-limited', 'patient.lookup-limit', {
      personnummer: ['patient.lookup-limit'],
    });
  }
  const patient = await findPatientByPersonnummer(db, actor.workspaceId, personnummer);
  if (patient) {
    await recordPatientAccess(db, {
      workspaceId: actor.workspaceId,
      userId: actor.prescriberId,
      careUnitId: actor.careUnitId,
      patientId: patient.id,
      action,
    });
  } else if (!actor.training) {
    await hitRateLimit(db, RATE_LIMIT_BUCKETS.patientLookupMiss, person, [
      PATIENT_LOOKUP_MISS_WINDOW,
    ]);
  }
  return done(patient);
}
