import { setClockOffset } from '@bmb/db/queries';
import { authSessions, authUsers, prescribers } from '@bmb/db/schema';
import { demoId, demoPatients, MANUAL_PATIENT } from '@bmb/db/seed';
import type { TestDbKind } from '@bmb/db/testing';
import { sql } from 'drizzle-orm';
import type { CurrentUser } from '@/lib/auth/session-user';
import { createWorld, type World } from '../world';
import type { PatientKey, Username } from './model';

/**
 * The demo region the model runs in: the demo seed, a second Länsservice admin
 * (for two admins racing), and a login session for the new staff member k300ny
 * (Övningsläge keeps its run in the session row).
 */
export interface ModelWorld {
  world: World;
  users: Record<Username, CurrentUser>;
  learnerToken: string;
}

export const LEARNER_TOKEN = 'model-test-learner-session';
const USERNAMES: Username[] = ['k100ana', 'k200bo', 'k400eva', 'k500ulf', 'admin', 'admin2', 'k300ny'];

export async function createModelWorld(kind: TestDbKind): Promise<ModelWorld> {
  const world = await createWorld(kind);
  await world.db.insert(prescribers).values({
    workspaceId: world.workspaceId,
    id: demoId('prescriber', 'admin2'),
    username: 'admin2',
    name: 'Länsservice Kundtjänst 2',
    role: 'admin',
  });
  await world.db.insert(authUsers).values({ id: 'auth-k300ny', username: 'k300ny', name: 'Nora Nyström' });
  await world.db
    .insert(authSessions)
    .values({ sessionToken: LEARNER_TOKEN, userId: 'auth-k300ny', expires: new Date(Date.now() + 6 * 3600_000) });
  const users = {} as Record<Username, CurrentUser>;
  for (const username of USERNAMES) users[username] = await world.userFor(username);
  return { world, users, learnerToken: LEARNER_TOKEN };
}

export const manualLoanId = (n: number) => demoId('loan', `manual-${n}`);
/** The manual's patient, and Berglund (k200bo's), for patient-to-patient BMBs. */
export const PATIENTS: Record<PatientKey, { id: string; personnummer: string }> = {
  svensson: { id: demoId('patient', MANUAL_PATIENT.personnummer), personnummer: MANUAL_PATIENT.personnummer },
  berglund: { id: demoId('patient', demoPatients[2]!.personnummer), personnummer: demoPatients[2]!.personnummer },
};

/**
 * Puts production back where every run starts, cheaply and without the audit
 * trail (append-only: runs are compared by what each command adds): no open
 * BMB or unlock request, the clock at zero, no training start within the hour,
 * no patient lookups counted against anyone's limits, and the manual's four devices with k100ana and Svensson. Earlier runs'
 * drafts stay; the model never uses them.
 */
export async function resetForRun({ world }: ModelWorld): Promise<void> {
  const ws = world.workspaceId;
  await world.db.execute(sql`
    update bmbs set status = 'rejected', answered_at = now(), answer_message = 'modelltest: återställd'
    where workspace_id = ${ws} and status = 'sent'`);
  await world.db.execute(sql`
    update unlock_requests set status = 'declined', answered_at = now(), answer_message = 'modelltest: återställd'
    where workspace_id = ${ws} and status = 'open'`);
  await setClockOffset(world.db, ws, 0);
  // Övningsläge caps starts per learner per rolling hour (TRAINING_STARTS_PER_HOUR): every run
  // starts a fresh hour, or k300ny's training op would be refused after a few runs.
  await world.db.execute(sql`
    update training_runs set started_at = least(started_at, now() - interval '61 minutes')
    where workspace_id = ${ws}`);
  // Patient lookups are limited per person and minute (PATIENT_LOOKUP_LIMITS): the model's
  // patient-to-patient drafts look Berglund up, and 200 quick runs would reach the limit.
  await world.db.execute(sql`delete from rate_limit_counters`);
  const [ana, unit2990, svensson] = [demoId('prescriber', 'k100ana'), demoId('care-unit', '2990'), PATIENTS.svensson.id];
  for (const n of [1, 2, 3, 4]) {
    await world.db.execute(sql`
      update loans set patient_id = ${svensson}, prescriber_id = ${ana}, payer_id = ${unit2990},
        delivery_address_id = ${unit2990}, position = ${n}
      where workspace_id = ${ws} and id = ${manualLoanId(n)}`);
  }
}
