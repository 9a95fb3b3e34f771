import type { AuditNames, AuditReferences } from '@bmb/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { articles, deliveryAddresses, loans, patients, payers, prescribers, units } from '../schema';

const ids = (set: Set<string>) => [...set].filter((id) => /^[0-9a-f-]{36}$/i.test(id));

/**
 * The names and codes of what audit rows refer to by id (auditReferences):
 * one query per kind, in the workspace only. An id of another workspace, or
 * of a row since deleted, stays unresolved ("okänd").
 */
export async function auditNames(db: DbOrTx, workspaceId: string, refs: AuditReferences): Promise<AuditNames> {
  const none = Promise.resolve([]);
  const [people, payerRows, addressRows, patientRows, loanRows] = await Promise.all([
    refs.prescribers.size
      ? db
          .select({ id: prescribers.id, username: prescribers.username, name: prescribers.name })
          .from(prescribers)
          .where(and(eq(prescribers.workspaceId, workspaceId), inArray(prescribers.id, ids(refs.prescribers))))
      : none,
    refs.payers.size
      ? db
          .select({ id: payers.id, code: payers.code, name: payers.name })
          .from(payers)
          .where(and(eq(payers.workspaceId, workspaceId), inArray(payers.id, ids(refs.payers))))
      : none,
    refs.deliveryAddresses.size
      ? db
          .select({ id: deliveryAddresses.id, code: deliveryAddresses.code, name: deliveryAddresses.name })
          .from(deliveryAddresses)
          .where(and(eq(deliveryAddresses.workspaceId, workspaceId), inArray(deliveryAddresses.id, ids(refs.deliveryAddresses))))
      : none,
    refs.patients.size
      ? db
          .select({ id: patients.id, name: patients.name })
          .from(patients)
          .where(and(eq(patients.workspaceId, workspaceId), inArray(patients.id, ids(refs.patients))))
      : none,
    refs.loans.size
      ? db
          .select({ id: loans.id, articleNo: articles.articleNo, individNo: units.individNo })
          .from(loans)
          .innerJoin(articles, and(eq(articles.workspaceId, loans.workspaceId), eq(articles.id, loans.articleId)))
          .leftJoin(units, and(eq(units.workspaceId, loans.workspaceId), eq(units.id, loans.unitId)))
          .where(and(eq(loans.workspaceId, workspaceId), inArray(loans.id, ids(refs.loans))))
      : none,
  ]);
  return {
    prescribers: new Map(people.map((p) => [p.id, { username: p.username, name: p.name }])),
    payers: new Map(payerRows.map((p) => [p.id, { code: p.code, name: p.name }])),
    deliveryAddresses: new Map(addressRows.map((a) => [a.id, { code: a.code, name: a.name }])),
    patients: new Map(patientRows.map((p) => [p.id, { name: p.name }])),
    loans: new Map(loanRows.map((l) => [l.id, { articleNo: l.articleNo, individNo: l.individNo }])),
  };
}
