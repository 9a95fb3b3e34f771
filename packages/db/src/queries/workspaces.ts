import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { workspaces } from '../schema';

export async function findProductionWorkspaceId(db: DbOrTx): Promise<string | null> {
  const [row] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(eq(workspaces.kind, 'production'))
    .limit(1);
  return row?.id ?? null;
}

/** The region setting: which training scenarios new staff must complete first. */
export async function findRequiredTraining(db: DbOrTx, workspaceId: string): Promise<string[]> {
  const [row] = await db
    .select({ required: workspaces.requiredTraining })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return row?.required ?? [];
}
