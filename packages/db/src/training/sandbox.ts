import { TRAINING_COLLEAGUE, TRAINING_OTHER_COLLEAGUE, TRAINING_OTHER_PATIENT, TRAINING_PATIENT, swedishDate, type TrainingScenarioKey } from '@bmb/domain';
import type { DbOrTx } from '../client';
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

/** A second fictional colleague, who sends the learner a BMB in "När BMB blir låst". */
const OTHER_COLLEAGUE = TRAINING_OTHER_COLLEAGUE;

/**
 * Builds a private training workspace for one run: fictional colleagues and
 * patients (Skatteverket's test number 191212121212, "Svensson, Testare"), the
 * manual's four devices, and what the scenario needs to have happened already.
 * Nothing refers outside the workspace; the database would refuse it.
 */
export async function createTrainingSandbox(
  tx: DbOrTx,
  learner: { username: string; name: string },
  scenario: TrainingScenarioKey,
  now: Date,
): Promise<{ workspaceId: string; learnerId: string }> {
  const [workspace] = await tx
    .insert(workspaces)
    .values({ kind: 'training', name: `Övning ${scenario} ${learner.username}` })
    .returning({ id: workspaces.id });
  const ws = workspace!.id;
  const id = (kind: string, key: string) => demoId(kind, key);
  const unitId = (code: string) => id('care-unit', code);
  const person = (username: string) => id('prescriber', username);

  await tx.insert(payers).values(careUnits.map((u) => ({ workspaceId: ws, id: unitId(u.code), ...u })));
  await tx.insert(deliveryAddresses).values(careUnits.map((u) => ({ workspaceId: ws, id: unitId(u.code), ...u })));
  const people = [
    { ...learner, units: ['4120', '4110'] },
    { ...TRAINING_COLLEAGUE, units: ['5210', '5230'] },
    { ...OTHER_COLLEAGUE, units: ['4110'] },
  ];
  await tx.insert(prescribers).values(
    people.map((p) => ({
      workspaceId: ws,
      id: person(p.username),
      username: p.username,
      name: p.name,
      phone: '0920-000 00',
      email: `${p.username}@ovning.example`,
    })),
  );
  const memberships = people.flatMap((p) => p.units.map((code, i) => ({ prescriberId: person(p.username), code, isDefault: i === 0 })));
  await tx.insert(prescriberPayers).values(memberships.map((m) => ({ workspaceId: ws, prescriberId: m.prescriberId, payerId: unitId(m.code), isDefault: m.isDefault })));
  await tx.insert(prescriberDeliveryAddresses).values(
    memberships.map((m) => ({ workspaceId: ws, prescriberId: m.prescriberId, deliveryAddressId: unitId(m.code), isDefault: m.isDefault })),
  );
  await tx.insert(patients).values([
    { workspaceId: ws, id: id('patient', TRAINING_PATIENT.personnummer), ...TRAINING_PATIENT },
    { workspaceId: ws, id: id('patient', TRAINING_OTHER_PATIENT.personnummer), ...TRAINING_OTHER_PATIENT },
  ]);
  await tx.insert(articles).values(demoArticles.map((a) => ({ workspaceId: ws, id: id('article', a.articleNo), ...a })));

  // The manual's four devices. In Kvittera BMB the colleague holds them and sends one to the learner.
  const holder = scenario === 'kvittera-bmb' ? TRAINING_COLLEAGUE.username : learner.username;
  const devices = [
    { key: 'l1', articleNo: '15749', individNo: null, orderedOn: '2012-01-13' },
    { key: 'l2', articleNo: '25800', individNo: '75082', orderedOn: '2011-05-31' },
    { key: 'l3', articleNo: '10156', individNo: '170098', orderedOn: '2015-11-02' },
    { key: 'l4', articleNo: '15014', individNo: '157792', orderedOn: '2015-11-02' },
  ];
  const individual = devices.filter((d) => d.individNo !== null);
  await tx.insert(units).values(
    individual.map((d) => ({ workspaceId: ws, id: id('unit', d.individNo), articleId: id('article', d.articleNo), individNo: d.individNo })),
  );
  const holderUnit = holder === learner.username ? '4120' : '5210';
  await tx.insert(loans).values(
    devices.map((d, i) => ({
      workspaceId: ws,
      id: id('loan', d.key),
      patientId: id('patient', TRAINING_PATIENT.personnummer),
      articleId: id('article', d.articleNo),
      unitId: d.individNo ? id('unit', d.individNo) : null,
      prescriberId: person(holder),
      payerId: unitId(holderUnit),
      deliveryAddressId: unitId(holderUnit),
      position: i + 1,
      orderedOn: d.orderedOn,
      orderedQuantity: 1,
      deliveredOn: d.orderedOn,
      deliveredQuantity: 1,
    })),
  );

  const sent = async (
    key: string,
    from: string,
    to: string,
    loanKey: string,
    message: string,
    patient: string = TRAINING_PATIENT.personnummer,
  ) => {
    const bmbId = id('bmb', key);
    await tx.insert(bmbs).values({
      workspaceId: ws,
      id: bmbId,
      status: 'sent',
      senderId: person(from),
      receiverId: person(to),
      fromPatientId: id('patient', patient),
      toPatientId: id('patient', patient),
      bmbDate: swedishDate(now),
      message,
      sentAt: now,
      createdAt: now,
    });
    await tx.insert(bmbLines).values({ workspaceId: ws, bmbId, loanId: id('loan', loanKey), bmbStatus: 'sent' });
  };
  if (scenario === 'kvittera-bmb') {
    await sent('to-learner', TRAINING_COLLEAGUE.username, learner.username, 'l3', 'Skickar BMB enl. överenskommelse.');
  }
  if (scenario === 'nar-bmb-blir-last') {
    await sent('from-learner', learner.username, TRAINING_COLLEAGUE.username, 'l3', 'Patienten har flyttat till Sunderby.');
    // A device of Olle's, sent to the learner, who will not manage to answer in time.
    await tx.insert(loans).values({
      workspaceId: ws,
      id: id('loan', 'olle'),
      patientId: id('patient', TRAINING_OTHER_PATIENT.personnummer),
      articleId: id('article', '41002'),
      prescriberId: person(OTHER_COLLEAGUE.username),
      payerId: unitId('4110'),
      deliveryAddressId: unitId('4110'),
      position: 1,
      orderedOn: '2024-03-01',
      orderedQuantity: 1,
    });
    await sent(
      'to-learner',
      OTHER_COLLEAGUE.username,
      learner.username,
      'olle',
      'Duschpallen följer med patienten.',
      TRAINING_OTHER_PATIENT.personnummer,
    );
  }
  return { workspaceId: ws, learnerId: person(learner.username) };
}
