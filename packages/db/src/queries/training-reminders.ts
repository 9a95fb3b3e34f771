import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { notifications, prescribers, trainingRuns, workspaces } from '../schema';
import type { NotificationRef } from './notifications';
import { rowsOf } from './rows';

/** The region's required scenarios the prescriber `p` has not completed, in the region's order (SQL, for `p` and its workspace `w`). */
const missingTraining = sql`(
  select coalesce(array_agg(k order by i), '{}') from unnest(w.required_training) with ordinality as required(k, i)
  where not exists (
    select 1 from ${trainingRuns} r
    where r.workspace_id = p.workspace_id and r.learner_id = p.id and r.scenario = k and r.status = 'completed'
  )
)`;

/**
 * The housekeeping's reminder to new staff (issue 20, item 5): one e-mail,
 * through the outbox, to every active prescriber marked as new staff who has
 * not completed the region's required scenarios the region's number of days
 * after their account was made. Once per person (the dedupe key). Returns how
 * many it queued.
 */
export async function queueTrainingReminders(tx: DbOrTx): Promise<number> {
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into ${notifications} (workspace_id, kind, recipient_id, bmb_id, dedupe_key, due_at)
      select p.workspace_id, 'training_reminder', p.id, null, 'training_reminder:' || p.id::text,
             now() + make_interval(secs => w.clock_offset_seconds)
      from ${prescribers} p join ${workspaces} w on w.id = p.workspace_id and w.kind = 'production'
      where p.role = 'prescriber' and p.active and p.training_required and p.email <> ''
        and p.created_at <= now() + make_interval(secs => w.clock_offset_seconds) - make_interval(days => w.training_reminder_days)
        and cardinality(${missingTraining}) > 0
      on conflict (workspace_id, dedupe_key) do nothing
      returning id::text as id`),
  );
  return rows.length;
}

/** What the worker needs to send (or cancel) one training reminder, read when it is due. */
export async function findTrainingReminderForDelivery(db: DbOrTx, ref: NotificationRef) {
  const rows = rowsOf<{
    id: string;
    status: string;
    name: string;
    email: string;
    active: boolean;
    trainingRequired: boolean;
    missing: string[];
  }>(
    await db.execute(sql`
      select n.id::text as id, n.status::text as status, p.name, p.email, p.active,
             p.training_required as "trainingRequired", ${missingTraining} as missing
      from ${notifications} n
      join ${workspaces} w on w.id = n.workspace_id and w.kind = 'production'
      join ${prescribers} p on p.workspace_id = n.workspace_id and p.id = n.recipient_id
      where n.workspace_id = ${ref.workspaceId} and n.id = ${ref.id} and n.kind = 'training_reminder'`),
  );
  const row = rows[0];
  return row ? { ...row, missing: [...row.missing] } : null;
}

/** A notice's kind, to choose how it is delivered. */
export async function findNotificationKind(db: DbOrTx, ref: NotificationRef): Promise<string | null> {
  const [row] = await db
    .select({ kind: notifications.kind })
    .from(notifications)
    .where(and(eq(notifications.workspaceId, ref.workspaceId), eq(notifications.id, ref.id)));
  return row?.kind ?? null;
}
