import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { prescriberPayers, prescribers } from '../schema';

export type Prescriber = typeof prescribers.$inferSelect;

export async function findPrescriberByUsername(
  db: DbOrTx,
  workspaceId: string,
  username: string,
): Promise<Prescriber | null> {
  const [row] = await db
    .select()
    .from(prescribers)
    .where(and(eq(prescribers.workspaceId, workspaceId), eq(prescribers.username, username.toLowerCase())))
    .limit(1);
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
