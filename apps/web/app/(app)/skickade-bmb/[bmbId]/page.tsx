import { randomUUID } from 'node:crypto';
import { getDb } from '@bmb/db/client';
import { findBmbDetails, listAuditEventsOfBmb, listUnlockRequestsForBmb, type CareUnitName } from '@bmb/db/queries';
import {
  bmbDisplayLabels,
  bmbHoldsItsLoans,
  checkAdmin,
  daysLeftBeforeLock,
  displayState,
  formatPersonnummer,
  may,
  maySendAgain,
  notChosenText,
  swedishDate,
  type BmbDisplayState,
  type Personnummer,
} from '@bmb/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { BmbHistory } from '@/components/audit/bmb-history';
import { BmbLinesTable } from '@/components/bmb/bmb-lines-table';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { refusePage } from '@/lib/auth/page-refusal';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';
import { describeAuditRows } from '@/lib/audit-description';
import { TrainingRequiredNotice } from '@/components/training/training-required-notice';
import {
  receiverNotTrainedMessage,
  trainingNoticeFor,
  untrainedReceivers,
} from '@/lib/training/requirement';
import { DraftCommands } from './draft-commands';
import { UnlockRequestForm } from './unlock-request';

export const metadata: Metadata = { title: 'BMB' };

const distinct = (values: string[]) => [...new Set(values)].join(', ');

/**
 * Kund/leveransadress or Betalare of this BMB (issue 19, item 2): the receiver's
 * choice once accepted, else why there is none. While the BMB holds its loans,
 * what they carry now is shown beside it, marked as such (the manual's summary
 * shows it before Verkställ).
 */
function ChosenValue({
  state,
  chosen,
  current,
}: {
  state: BmbDisplayState;
  chosen: CareUnitName | null;
  current: string | null;
}) {
  if (state === 'accepted') return <>{chosen ? `${chosen.code} ${chosen.name}` : '–'}</>;
  return (
    <>
      {notChosenText(state)}
      {current ? <span className="block text-slate-700">Nuvarande: {current}</span> : null}
    </>
  );
}

/** One BMB: the summary of the manual's second picture, with Verkställ while it is a draft. */
export default async function BmbPage({ params }: { params: Promise<{ bmbId: string }> }) {
  const user = await requireUser();
  // Länsservice sees the BMB's history from the trail too ("Visa händelser").
  const adminScope = checkAdmin(user);
  const { bmbId } = await params;
  if (!z.uuid().safeParse(bmbId).success) notFound();
  const gate = await confirmUnlessSameOrigin(`/skickade-bmb/${bmbId}`, 'BMB:n');
  if (gate) return gate;
  const db = await getDb();
  const [details, now] = await Promise.all([
    findBmbDetails(db, user.workspaceId, bmbId),
    requestNow(user),
  ]);
  if (!details || !may(user, 'view', details.bmb)) return refusePage('/skickade-bmb/[bmbId]', user);
  const {
    bmb,
    receiver,
    sender,
    toPatient,
    fromPatient,
    lines,
    chosenDeliveryAddress,
    chosenPayer,
  } = details;
  // Both patients of a patient-to-patient BMB are on the page.
  await recordPatientsShown(user, 'bmb.view', [fromPatient.id, toPatient.id]);
  const history = adminScope
    ? await describeAuditRows(db, adminScope.workspaceId, await listAuditEventsOfBmb(db, adminScope, bmb.id))
    : null;

  const state = displayState(bmb, now);
  const mayRequestUnlock = may(user, 'request-unlock', bmb);
  const requests =
    state === 'locked' && mayRequestUnlock
      ? await listUnlockRequestsForBmb(db, user.workspaceId, bmb.id)
      : [];
  const openRequest = requests.find((r) => r.status === 'open');
  const lastDeclined = requests.find((r) => r.status === 'declined');
  const isDraft = bmb.status === 'draft' && may(user, 'edit-draft', bmb);
  const patientToPatient = fromPatient.id !== toPatient.id;
  const closedLines = lines.filter((l) => l.closedAt).length;
  // Only while the BMB holds its loans are their address and payer now also theirs in this BMB.
  const holdsLoans = bmbHoldsItsLoans(state);
  const heldLines = lines.filter((l) => !l.closedAt);
  const currentAddress = holdsLoans
    ? distinct(heldLines.map((l) => `${l.deliveryAddressCode} ${l.deliveryAddressName}`))
    : null;
  const currentPayer = holdsLoans
    ? distinct(heldLines.map((l) => `${l.payerCode} ${l.payerName}`))
    : null;
  const sendAgain = maySendAgain(user, bmb);
  // Before Verkställ, and while it waits: the sender learns that a new colleague cannot answer yet.
  const senderWaits = isDraft || (state === 'waiting' && bmb.senderId === user.prescriberId);
  const [trainingNotice, receiverUntrained] = await Promise.all([
    isDraft ? trainingNoticeFor(db, user, 'skicka') : null,
    senderWaits
      ? untrainedReceivers(db, user, [receiver.username]).then((names) => names.length > 0)
      : false,
  ]);

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">BMB – byte av mottagare/betalare</h1>
        <span
          className="rounded-full bg-brand-100 px-3 py-0.5 text-sm font-semibold text-brand-900"
          data-testid="bmb-state"
        >
          {bmbDisplayLabels[state]}
        </span>
      </div>
      <TrainingRequiredNotice message={trainingNotice} aboveForm={false} />

      {isDraft ? (
        <p className="rounded bg-brand-50 p-3">
          Utkastet är sparat. Kontrollera uppgifterna och klicka på Verkställ för att skicka BMB:n
          till {receiver.name}.
        </p>
      ) : null}
      {state === 'waiting' && bmb.sentAt ? (
        <p className="rounded bg-brand-50 p-3" role="status">
          BMB:n är skickad till {receiver.name} ({receiver.username}) och väntar på kvittens.{' '}
          {daysLeftBeforeLock(bmb.sentAt, now)} dagar kvar innan den låses.
        </p>
      ) : null}
      {receiverUntrained ? (
        <p
          className="rounded border border-amber-400 bg-amber-50 p-3"
          role="status"
          data-testid="receiver-untrained"
        >
          {receiverNotTrainedMessage(receiver.username)}
        </p>
      ) : null}
      {state === 'locked' ? (
        <section
          aria-labelledby="locked-heading"
          className="flex flex-col gap-3 rounded border border-red-300 bg-red-50 p-4"
        >
          <h2 id="locked-heading" className="font-semibold text-red-900">
            Låst
          </h2>
          <p className="text-red-900">
            {bmb.senderId === user.prescriberId
              ? 'BMB:n kvitterades inte inom 7 dagar och är låst. Länsservice kan låsa upp den så att du kan skicka en ny BMB.'
              : bmb.receiverId === user.prescriberId
                ? `BMB:n kvitterades inte inom 7 dagar och är låst: du kan inte längre ta emot den. Vill du ta över hjälpmedlen, kontakta ${sender.name} (${sender.username}), som kan be Länsservice låsa upp den och skicka en ny BMB.`
                : 'BMB:n kvitterades inte inom 7 dagar och är låst. Avsändaren kan be Länsservice låsa upp den.'}
          </p>
          {mayRequestUnlock && openRequest ? (
            <p role="status">
              Upplåsning begärd {swedishDate(openRequest.createdAt)}. Länsservice svarar under
              Meddelanden på Kvittera BMB.
            </p>
          ) : null}
          {mayRequestUnlock && !openRequest && lastDeclined ? (
            <p>
              Länsservice nekade upplåsning{' '}
              {lastDeclined.answeredAt ? swedishDate(lastDeclined.answeredAt) : ''}:{' '}
              {lastDeclined.answerMessage}
            </p>
          ) : null}
          {mayRequestUnlock && !openRequest ? <UnlockRequestForm bmbId={bmb.id} /> : null}
        </section>
      ) : null}
      {bmb.status === 'unlocked' ? (
        <p className="rounded bg-brand-50 p-3">
          Upplåst av Länsservice {bmb.unlockedAt ? swedishDate(bmb.unlockedAt) : ''}:{' '}
          {bmb.unlockReason}. Hjälpmedlen kan skickas i en ny BMB.
        </p>
      ) : null}

      <dl
        className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-4 wrap-break-word"
        data-guide="bmb-summary"
      >
        <dt className="text-slate-700">Från</dt>
        <dd>
          {sender.name} (<span className="font-mono">{sender.username}</span>)
        </dd>
        <dt className="text-slate-700">Förskrivare/beställare</dt>
        <dd>
          {receiver.name} (<span className="font-mono">{receiver.username}</span>)
        </dd>
        <dt className="text-slate-700">Mottagare</dt>
        <dd className="font-mono">{formatPersonnummer(toPatient.personnummer as Personnummer)}</dd>
        <dt className="text-slate-700">Namn</dt>
        <dd>{toPatient.name}</dd>
        {patientToPatient ? (
          <>
            <dt className="text-slate-700">Från patient</dt>
            <dd>
              {fromPatient.name} (
              <span className="font-mono">
                {formatPersonnummer(fromPatient.personnummer as Personnummer)}
              </span>
              )
            </dd>
          </>
        ) : null}
        <dt className="text-slate-700">Kund/leveransadress</dt>
        <dd data-testid="bmb-delivery-address">
          <ChosenValue state={state} chosen={chosenDeliveryAddress} current={currentAddress} />
        </dd>
        <dt className="text-slate-700">Betalare</dt>
        <dd data-testid="bmb-payer">
          <ChosenValue state={state} chosen={chosenPayer} current={currentPayer} />
        </dd>
        <dt className="text-slate-700">BMB-datum</dt>
        <dd>{bmb.sentAt ? swedishDate(bmb.sentAt) : bmb.bmbDate}</dd>
        <dt className="text-slate-700">Meddelande</dt>
        <dd className="whitespace-pre-wrap">{bmb.message || '–'}</dd>
        {bmb.answeredAt ? (
          <>
            <dt className="text-slate-700">Svar</dt>
            <dd>
              {bmb.status === 'accepted' ? 'Godkänd' : 'Ej godkänd'} {swedishDate(bmb.answeredAt)}
              {bmb.answerMessage ? (
                <span className="block whitespace-pre-wrap">{bmb.answerMessage}</span>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>

      {patientToPatient ? (
        <section
          aria-labelledby="p2p-heading"
          className="rounded border border-amber-400 bg-amber-50 p-4"
        >
          <h2 id="p2p-heading" className="font-semibold">
            BMB mellan patienter
          </h2>
          <ul className="mt-1 list-disc pl-6">
            <li>
              Individuell behovsbedömning gjord: {bmb.needsAssessmentConfirmed ? 'Ja' : 'Nej'}
            </li>
            <li>Funktionsdugligt och bär inte smitta: {bmb.deviceSafeConfirmed ? 'Ja' : 'Nej'}</li>
          </ul>
        </section>
      ) : null}

      {closedLines > 0 ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-3" role="status">
          {closedLines === lines.length
            ? 'Alla hjälpmedel i BMB:n har återlämnats till Länsservice. Mottagaren kan inte ta över något.'
            : `${closedLines} av ${lines.length} hjälpmedel har återlämnats till Länsservice och kan inte tas över. Övriga kan mottagaren kvittera som vanligt.`}
        </p>
      ) : null}
      <BmbLinesTable
        lines={lines}
        variant="summary"
        caption="Hjälpmedel i BMB:n"
        payerColumn={
          state === 'accepted'
            ? { kind: 'chosen', payer: chosenPayer }
            : holdsLoans
              ? { kind: 'current' }
              : { kind: 'none' }
        }
      />

      {isDraft ? (
        <DraftCommands
          bmbId={bmb.id}
          idempotencyKey={randomUUID()}
          editHref={`/hjalpmedel/${fromPatient.id}/bmb?utkast=${bmb.id}`}
          trainingNotice={trainingNotice}
        />
      ) : (
        <p className="flex flex-wrap items-center gap-4 print:hidden">
          {sendAgain ? (
            // Issue 19, item 5: the same patient and devices, ticked again; ids only in the URL.
            <Link
              href={`/hjalpmedel/${fromPatient.id}/bmb?fran=${bmb.id}`}
              className="inline-block rounded border border-brand-700 px-4 py-1.5 font-semibold text-brand-800 hover:bg-brand-50"
            >
              Skicka ny BMB
            </Link>
          ) : null}
          <Link href="/skickade-bmb" className="text-brand-800 underline">
            Till Skickade BMB
          </Link>
        </p>
      )}
      {history ? <BmbHistory rows={history} /> : null}
    </div>
  );
}
