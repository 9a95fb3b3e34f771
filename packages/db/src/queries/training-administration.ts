import type { AdminScope } from '@bmb/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { prescribers, trainingRuns } from '../schema';

/** New staff as Länsservice sees them: whose training the region requires, and what they have done. */
export interface StaffInTraining {
  id: string;
  username: string;
  name: string;
  /** When the account was made: how long they have waited to be trained. */
  createdAt: Date;
  /** The scenarios they have completed (any run). */
  completed: string[];
}

/** Admin → Övningar: every active prescriber marked as new staff, oldest account first. */
export async function listStaffInTraining(db: DbOrTx, admin: AdminScope): Promise<StaffInTraining[]> {
  const rows = await db
    .select({
      id: prescribers.id,
      username: prescribers.username,
      name: prescribers.name,
      createdAt: prescribers.createdAt,
      completed: sql<string[]>`coalesce((
        select array_agg(distinct r.scenario) from ${trainingRuns} r
        where r.workspace_id = ${prescribers.workspaceId} and r.learner_id = ${prescribers.id} and r.status = 'completed'
      ), '{}')`,
    })
    .from(prescribers)
    .where(
      and(
        eq(prescribers.workspaceId, admin.workspaceId),
        eq(prescribers.trainingRequired, true),
        eq(prescribers.active, true),
      ),
    )
    .orderBy(prescribers.createdAt, prescribers.username)
    .limit(1000);
  return rows.map((r) => ({ ...r, completed: [...r.completed] }));
}

export interface UnfinishedTrainingRun {
  id: string;
  username: string;
  name: string;
  scenario: string;
  status: 'active' | 'abandoned';
  step: number;
  startedAt: Date;
  /** The learner's last activity in it. */
  updatedAt: Date;
}

/** Admin → Övningar: runs in progress and runs given up (Börja om, or left untouched), newest activity first. */
export async function listUnfinishedTrainingRuns(
  db: DbOrTx,
  admin: AdminScope,
  limit = 200,
): Promise<UnfinishedTrainingRun[]> {
  const rows = await db
    .select({
      id: trainingRuns.id,
      username: prescribers.username,
      name: prescribers.name,
      scenario: trainingRuns.scenario,
      status: trainingRuns.status,
      step: trainingRuns.step,
      startedAt: trainingRuns.startedAt,
      updatedAt: trainingRuns.updatedAt,
    })
    .from(trainingRuns)
    .innerJoin(
      prescribers,
      and(eq(prescribers.workspaceId, trainingRuns.workspaceId), eq(prescribers.id, trainingRuns.learnerId)),
    )
    .where(and(eq(trainingRuns.workspaceId, admin.workspaceId), inArray(trainingRuns.status, ['active', 'abandoned'])))
    .orderBy(desc(trainingRuns.updatedAt))
    .limit(limit);
  return rows as UnfinishedTrainingRun[];
}

/**
 * Marks a prescriber as new staff (the region's training required) or releases
 * them; returns the value before, or null when there is no such prescriber
 * (Länsservice accounts are never new staff).
 */
export async function setTrainingRequired(
  db: DbOrTx,
  admin: AdminScope,
  username: string,
  required: boolean,
): Promise<{ id: string; username: string; name: string; before: boolean } | null> {
  const [person] = await db
    .select({ id: prescribers.id, username: prescribers.username, name: prescribers.name, before: prescribers.trainingRequired })
    .from(prescribers)
    .where(
      and(
        eq(prescribers.workspaceId, admin.workspaceId),
        eq(prescribers.username, username),
        eq(prescribers.role, 'prescriber'),
      ),
    )
    .for('update');
  if (!person) return null;
  if (person.before !== required)
    await db
      .update(prescribers)
      .set({ trainingRequired: required })
      .where(and(eq(prescribers.workspaceId, admin.workspaceId), eq(prescribers.id, person.id)));
  return person;
}
