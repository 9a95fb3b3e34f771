import 'server-only';
import type { Db } from '@bmb/db/client';
import { auditNames, type AuditRow } from '@bmb/db/queries';
import { auditReferences, describeAuditEvent, type AuditDescription } from '@bmb/domain';

export type DescribedAuditRow = AuditRow & { description: AuditDescription };

/** Audit rows with their Swedish reading (names and codes for the ids they keep), for Logg and a BMB's history. */
export async function describeAuditRows(db: Db, workspaceId: string, rows: AuditRow[]): Promise<DescribedAuditRow[]> {
  const names = await auditNames(db, workspaceId, auditReferences(rows));
  return rows.map((row) => ({ ...row, description: describeAuditEvent(row, names) }));
}
