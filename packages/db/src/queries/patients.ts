import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { patients } from '../schema';
import { builtOnce } from './prepared';

export type Patient = typeof patients.$inferSelect;

const patientByPersonnummerQuery = builtOnce((db) =>
  db
    .select()
    .from(patients)
    .where(
      and(
        eq(patients.workspaceId, sql.placeholder('workspaceId')),
        eq(patients.personnummer, sql.placeholder('personnummer')),
      ),
    )
    .limit(1)
    .prepare('find_patient_by_personnummer'),
);

export async function findPatientByPersonnummer(
  db: DbOrTx,
  workspaceId: string,
  personnummer: string,
): Promise<Patient | null> {
  const [row] = await patientByPersonnummerQuery(db).execute({ workspaceId, personnummer });
  return row ?? null;
}

const patientQuery = builtOnce((db) =>
  db
    .select()
    .from(patients)
    .where(
      and(
        eq(patients.workspaceId, sql.placeholder('workspaceId')),
        eq(patients.id, sql.placeholder('patientId')),
      ),
    )
    .limit(1)
    .prepare('find_patient'),
);

export async function findPatient(
  db: DbOrTx,
  workspaceId: string,
  patientId: string,
): Promise<Patient | null> {
  const [row] = await patientQuery(db).execute({ workspaceId, patientId });
  return row ?? null;
}
