import { swedishDate } from '@bmb/domain';
import type { Db, Tx } from '../client';
import { findProductionWorkspaceId } from '../queries/workspaces';
import {
  articles,
  bmbLines,
  bmbs,
  deliveryAddresses,
  loans,
  patients,
  payers,
  prescriberDeliveryAddresses,
  prescriberPayers,
  prescribers,
  units,
  workspaces,
} from '../schema';
import { careUnits, demoArticles, demoId } from '../fictional-region';
import { REQUIRED_TRAINING, demoHistoricBmbs, demoLoans, demoPatients, demoPrescribers } from './demo-data';

export { MANUAL_PATIENT, demoPatients, demoPrescribers } from './demo-data';
export { demoId } from '../fictional-region';

/** Returns the production workspace, creating it on first start. */
export async function ensureProductionWorkspace(db: Db | Tx): Promise<string> {
  await db
    .insert(workspaces)
    .values({
      id: demoId('workspace', 'production'),
      kind: 'production',
      name: 'Produktion',
      requiredTraining: REQUIRED_TRAINING,
    })
    .onConflictDoNothing();
  const id = await findProductionWorkspaceId(db);
  if (!id) throw new Error('The production workspace could not be created.');
  return id;
}

/**
 * Fills a workspace with the demo region. Idempotent: every row has a stable id,
 * and rows that exist (perhaps changed since, by a BMB) are left as they are.
 */
export async function seedWorkspace(tx: Db | Tx, workspaceId: string): Promise<void> {
  const ws = workspaceId;
  const unitId = (code: string) => demoId('care-unit', code);
  const prescriberId = (username: string) => demoId('prescriber', username);
  const patientId = (pnr: string) => demoId('patient', pnr);
  const articleId = (no: string) => demoId('article', no);
  const individId = (no: string) => demoId('unit', no);
  const loanId = (key: string) => demoId('loan', key);

  await tx
    .insert(payers)
    .values(careUnits.map((u) => ({ workspaceId: ws, id: unitId(u.code), ...u })))
    .onConflictDoNothing();
  await tx
    .insert(deliveryAddresses)
    .values(careUnits.map((u) => ({ workspaceId: ws, id: unitId(u.code), ...u })))
    .onConflictDoNothing();

  await tx
    .insert(prescribers)
    .values(
      demoPrescribers.map(({ units: _units, ...p }) => ({ workspaceId: ws, id: prescriberId(p.username), ...p })),
    )
    .onConflictDoNothing();
  const memberships = demoPrescribers.flatMap((p) =>
    p.units.map((code, i) => ({ prescriberId: prescriberId(p.username), code, isDefault: i === 0 })),
  );
  await tx
    .insert(prescriberPayers)
    .values(memberships.map((m) => ({ workspaceId: ws, prescriberId: m.prescriberId, payerId: unitId(m.code), isDefault: m.isDefault })))
    .onConflictDoNothing();
  await tx
    .insert(prescriberDeliveryAddresses)
    .values(
      memberships.map((m) => ({
        workspaceId: ws,
        prescriberId: m.prescriberId,
        deliveryAddressId: unitId(m.code),
        isDefault: m.isDefault,
      })),
    )
    .onConflictDoNothing();

  await tx
    .insert(patients)
    .values(demoPatients.map((p) => ({ workspaceId: ws, id: patientId(p.personnummer), ...p })))
    .onConflictDoNothing();
  await tx
    .insert(articles)
    .values(demoArticles.map((a) => ({ workspaceId: ws, id: articleId(a.articleNo), ...a })))
    .onConflictDoNothing();

  const individLoans = demoLoans.filter((l) => l.individNo !== null);
  await tx
    .insert(units)
    .values(
      individLoans.map((l) => ({
        workspaceId: ws,
        id: individId(l.individNo!),
        articleId: articleId(l.articleNo),
        individNo: l.individNo!,
      })),
    )
    .onConflictDoNothing();

  await tx
    .insert(loans)
    .values(
      demoLoans.map((l) => ({
        workspaceId: ws,
        id: loanId(l.key),
        patientId: patientId(l.personnummer),
        articleId: articleId(l.articleNo),
        unitId: l.individNo ? individId(l.individNo) : null,
        quantity: l.quantity,
        prescriberId: prescriberId(l.prescriber),
        payerId: unitId(l.unit),
        deliveryAddressId: unitId(l.unit),
        position: l.position,
        orderedOn: l.orderedOn,
        orderedQuantity: l.quantity,
        deliveredOn: l.deliveredOn,
        deliveredQuantity: l.deliveredOn ? l.quantity : null,
      })),
    )
    .onConflictDoNothing();

  const seededAt = Date.now();
  for (const h of demoHistoricBmbs) {
    const id = demoId('bmb', h.key);
    const sentAt =
      typeof h.sentAt === 'string' ? new Date(h.sentAt) : new Date(seededAt - h.sentAt.daysBeforeSeeding * 86_400_000);
    const answeredAt = h.answeredAt ? new Date(h.answeredAt) : null;
    await tx
      .insert(bmbs)
      .values({
        workspaceId: ws,
        id,
        status: h.status,
        senderId: prescriberId(h.sender),
        receiverId: prescriberId(h.receiver),
        fromPatientId: patientId(h.personnummer),
        toPatientId: patientId(h.personnummer),
        bmbDate: swedishDate(sentAt),
        message: h.message,
        createdAt: sentAt,
        updatedAt: answeredAt ?? sentAt,
        sentAt,
        answeredAt,
        answerMessage: h.answerMessage,
        chosenDeliveryAddressId: h.status === 'accepted' ? unitId(h.chosenUnit) : null,
        chosenPayerId: h.status === 'accepted' ? unitId(h.chosenUnit) : null,
      })
      .onConflictDoNothing();
    await tx
      .insert(bmbLines)
      .values(h.loanKeys.map((key) => ({ workspaceId: ws, bmbId: id, loanId: loanId(key), bmbStatus: h.status })))
      .onConflictDoNothing();
  }
}

/** Creates the production workspace if needed and seeds it with the demo region. */
export async function seedDemoData(db: Db): Promise<string> {
  return db.transaction(async (tx) => {
    const workspaceId = await ensureProductionWorkspace(tx);
    await seedWorkspace(tx, workspaceId);
    return workspaceId;
  });
}
