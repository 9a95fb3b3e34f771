import type { Db } from '@bmb/db/client';
import {
  deleteSession,
  findDefaultPayerId,
  findPrescriberByUsername,
  findSessionPrincipal,
  findTrainingRun,
  touchSession,
} from '@bmb/db/queries';
import { isTrainingScenarioKey, type PersonActor, type TrainingScenarioKey } from '@bmb/domain';

/**
 * Who is acting, and in which workspace. In Övningsläge the workspace is the
 * run's private sandbox and the prescriber is the learner's copy there, so every
 * screen and action works on fictional data without knowing it is training.
 */
export interface CurrentUser extends PersonActor {
  /** The Auth.js user behind the session, for signing out at the IdP. */
  authUserId: string;
  sessionToken: string;
}

export interface SessionPolicy {
  now: Date;
  idleMinutes: number;
}

/** Don't write on every request: a minute's precision is plenty for a 30-minute idle timeout. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The user a session cookie stands for, or null. Checked on every request
 * against the database: the session's absolute end, the idle timeout, and a
 * prescriber account that still exists and is active, with today's role.
 */
export async function resolveSessionUser(
  db: Db,
  sessionToken: string,
  policy: SessionPolicy,
): Promise<CurrentUser | null> {
  const session = await findSessionPrincipal(db, sessionToken);
  if (!session) return null;
  const now = policy.now.getTime();
  const idleSince = now - session.lastSeenAt.getTime();
  if (session.expires.getTime() <= now || idleSince > policy.idleMinutes * 60_000) {
    await deleteSession(db, sessionToken);
    return null;
  }

  const { workspaceId, prescriber } = session;
  if (!workspaceId || !session.username) return null;
  if (!prescriber?.active) return null;

  if (idleSince > TOUCH_INTERVAL_MS) await touchSession(db, sessionToken, policy.now);
  const identity = {
    workspaceId,
    prescriberId: prescriber.id,
    role: prescriber.role,
    trainingRequired: prescriber.trainingRequired,
  };
  const base = { kind: 'person' as const, username: prescriber.username, name: prescriber.name, authUserId: session.authUserId, sessionToken, identity };

  const run = session.trainingRunId ? await findTrainingRun(db, workspaceId, session.trainingRunId) : null;
  const inTraining =
    run && run.learnerId === prescriber.id && run.sandboxWorkspaceId && run.status !== 'abandoned' && isTrainingScenarioKey(run.scenario);
  if (inTraining) {
    const sandbox = run.sandboxWorkspaceId!;
    const self = await findPrescriberByUsername(db, sandbox, prescriber.username);
    if (self) {
      return {
        ...base,
        workspaceId: sandbox,
        prescriberId: self.id,
        // Nobody is Länsservice in a sandbox.
        role: 'prescriber',
        careUnitId: await findDefaultPayerId(db, sandbox, self.id),
        training: { runId: run.id, scenario: run.scenario as TrainingScenarioKey, sandboxWorkspaceId: sandbox },
      };
    }
  }
  return {
    ...base,
    workspaceId,
    prescriberId: prescriber.id,
    role: prescriber.role,
    careUnitId: session.defaultPayerId,
    training: null,
  };
}
