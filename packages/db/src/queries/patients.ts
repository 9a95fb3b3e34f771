import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { patients } from '../schema';

export type Patient = typeof patients.$inferSelect;

export async function findPatientByPersonnummer(
  db: DbOrTx,
  workspaceId: string,
  personnummer: string,
): Promise<Patient | null> {
  const [row] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.workspaceId, workspaceId), eq(patients.personnummer, personnummer)))
    .limit(1);
  return row ?? null;
}

export async function findPatient(db: DbOrTx, workspaceId: string, patientId: string): Promise<Patient | null> {
  const [row] = await db
    .select()
    .from(patients)
    .where(and(eq(patients.workspaceId, workspaceId), eq(patients.id, patientId)))
    .limit(1);
  return row ?? null;
}
