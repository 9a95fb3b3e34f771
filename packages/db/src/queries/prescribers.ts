import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { prescriberPayers, prescribers, trainingRuns } from '../schema';
import { builtOnce } from './prepared';

export type Prescriber = typeof prescribers.$inferSelect;

const prescriberByUsernameQuery = builtOnce((db) =>
  db
    .select()
    .from(prescribers)
    .where(
      and(
        eq(prescribers.workspaceId, sql.placeholder('workspaceId')),
        eq(prescribers.username, sql.placeholder('username')),
      ),
    )
    .limit(1)
    .prepare('find_prescriber_by_username'),
);

export async function findPrescriberByUsername(
  db: DbOrTx,
  workspaceId: string,
  username: string,
): Promise<Prescriber | null> {
  const [row] = await prescriberByUsernameQuery(db).execute({
    workspaceId,
    username: username.toLowerCase(),
  });
  return row ?? null;
}

/** The care unit a user acts for by default; recorded with every patient lookup. */
export async function findDefaultPayerId(
  db: DbOrTx,
  workspaceId: string,
  prescriberId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ payerId: prescriberPayers.payerId })
    .from(prescriberPayers)
    .where(
      and(
        eq(prescriberPayers.workspaceId, workspaceId),
        eq(prescriberPayers.prescriberId, prescriberId),
        eq(prescriberPayers.isDefault, true),
      ),
    )
    .limit(1);
  return row?.payerId ?? null;
}

export interface ContactDetails {
  phone: string;
  mobile: string;
  fax: string;
  email: string;
  remindersEnabled: boolean;
}

/** Dina uppgifter: returns the details before and after, for the audit trail. */
export async function updateContactDetails(
  db: DbOrTx,
  workspaceId: string,
  prescriberId: string,
  details: ContactDetails,
): Promise<{ before: ContactDetails; after: ContactDetails } | null> {
  const contact = {
    phone: prescribers.phone,
    mobile: prescribers.mobile,
    fax: prescribers.fax,
    email: prescribers.email,
    remindersEnabled: prescribers.remindersEnabled,
  };
  const where = and(eq(prescribers.workspaceId, workspaceId), eq(prescribers.id, prescriberId));
  // FOR UPDATE: two saves at once each record the before they really replaced.
  const [before] = await db.select(contact).from(prescribers).where(where).for('update');
  if (!before) return null;
  const [after] = await db.update(prescribers).set(details).where(where).returning(contact);
  return { before, after: after! };
}

export async function findPrescriberById(
  db: DbOrTx,
  workspaceId: string,
  id: string,
): Promise<Prescriber | null> {
  const [row] = await db
    .select()
    .from(prescribers)
    .where(and(eq(prescribers.workspaceId, workspaceId), eq(prescribers.id, id)))
    .limit(1);
  return row ?? null;
}

// The BMB form and a waiting BMB's page ask this on every view (prepared.ts).
const trainingRequiredQuery = builtOnce((db) =>
  db
    .selectDistinct({
      id: prescribers.id,
      username: prescribers.username,
      scenario: trainingRuns.scenario,
    })
    .from(prescribers)
    .leftJoin(
      trainingRuns,
      and(
        eq(trainingRuns.workspaceId, prescribers.workspaceId),
        eq(trainingRuns.learnerId, prescribers.id),
        eq(trainingRuns.status, 'completed'),
      ),
    )
    .where(
      and(
        eq(prescribers.workspaceId, sql.placeholder('workspaceId')),
        sql`${prescribers.username} = any(${sql.placeholder('names')}::text[])`,
        eq(prescribers.trainingRequired, true),
      ),
    )
    .prepare('find_training_required_prescribers'),
);

/**
 * Of these usernames, the prescribers the region marks as new staff (training
 * required), each with the scenarios they have completed. Whether that is
 * enough is the domain's rule (missingRequiredTraining), not this query's.
 */
export async function findTrainingRequiredPrescribers(
  db: DbOrTx,
  workspaceId: string,
  usernames: readonly string[],
): Promise<{ id: string; username: string; completed: string[] }[]> {
  const names = [...new Set(usernames.map((u) => u.toLowerCase()))];
  if (names.length === 0) return [];
  const rows = await trainingRequiredQuery(db).execute({ workspaceId, names });
  const byId = new Map<string, { id: string; username: string; completed: string[] }>();
  for (const row of rows) {
    const person = byId.get(row.id) ?? { id: row.id, username: row.username, completed: [] };
    if (row.scenario) person.completed.push(row.scenario);
    byId.set(row.id, person);
  }
  return [...byId.values()];
}
