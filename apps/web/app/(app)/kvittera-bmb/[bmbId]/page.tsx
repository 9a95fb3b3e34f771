import { getDb } from '@bmb/db/client';
import { findBmbDetails, listDeliveryAddressesOf, listPayersOf } from '@bmb/db/queries';
import {
  bmbDisplayLabels,
  daysLeftBeforeLock,
  displayState,
  formatPersonnummer,
  may,
  messageText,
  swedishDate,
  type Personnummer,
} from '@bmb/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { BmbLinesTable } from '@/components/bmb/bmb-lines-table';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { refusePage } from '@/lib/auth/page-refusal';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';
import { TrainingRequiredNotice } from '@/components/training/training-required-notice';
import { trainingNoticeFor } from '@/lib/training/requirement';
import { AnswerForm } from './answer-form';

export const metadata: Metadata = { title: 'Kvittera BMB' };

/** Kvittera BMB, step 3: the receiver's answer. Only the named receiver gets here. */
export default async function AnswerPage({ params }: { params: Promise<{ bmbId: string }> }) {
  const user = await requireUser();
  const { bmbId } = await params;
  if (!z.uuid().safeParse(bmbId).success) notFound();
  const gate = await confirmUnlessSameOrigin(`/kvittera-bmb/${bmbId}`, 'BMB:n för kvittens');
  if (gate) return gate;
  const db = await getDb();
  const details = await findBmbDetails(db, user.workspaceId, bmbId);
  // Only the named receiver, and never a draft the sender has not sent.
  if (!details || !may(user, 'answer', details.bmb))
    return refusePage('/kvittera-bmb/[bmbId]', user);
  const { bmb, sender, toPatient, fromPatient, lines } = details;
  const [now, addresses, payers] = await Promise.all([
    requestNow(user),
    listDeliveryAddressesOf(db, user.workspaceId, user.prescriberId),
    listPayersOf(db, user.workspaceId, user.prescriberId),
  ]);
  await recordPatientsShown(user, 'bmb.answer.view', [fromPatient.id, toPatient.id]);
  const state = displayState(bmb, now);
  const closedLines = lines.filter((l) => l.closedAt).length;
  // The sender was told on the form, for a BMB between patients; the receiver takes the fee over.
  const feeArticles =
    fromPatient.id !== toPatient.id
      ? lines.filter((l) => l.patientFee && !l.closedAt).map((l) => l.articleNo)
      : [];
  // New staff see the form, read-only, under the reason, before they fill anything in.
  const trainingNotice = state === 'waiting' ? await trainingNoticeFor(db, user, 'kvittera') : null;

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">Överta betalningsansvar via BMB</h1>
        <span
          className="rounded-full bg-brand-100 px-3 py-0.5 text-sm font-semibold text-brand-900"
          data-testid="bmb-state"
        >
          {bmbDisplayLabels[state]}
        </span>
      </div>
      <TrainingRequiredNotice message={trainingNotice} />

      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-4 wrap-break-word">
        <dt className="text-slate-700">Datum</dt>
        <dd>{bmb.sentAt ? swedishDate(bmb.sentAt) : ''}</dd>
        <dt className="text-slate-700">Mottagare</dt>
        <dd>
          {toPatient.name} (
          <span className="font-mono">
            {formatPersonnummer(toPatient.personnummer as Personnummer)}
          </span>
          )
        </dd>
        {fromPatient.id !== toPatient.id ? (
          <>
            <dt className="text-slate-700">Från patient</dt>
            <dd>
              {fromPatient.name} – BMB mellan patienter (behovsbedömning och funktion bekräftade av
              avsändaren)
            </dd>
          </>
        ) : null}
        <dt className="text-slate-700">Från</dt>
        <dd>
          <Link
            href={`/kvittera-bmb/kontaktkort/${sender.id}`}
            className="text-brand-800 underline"
          >
            {sender.username.toUpperCase()}
          </Link>{' '}
          ({sender.name})
        </dd>
        <dt className="text-slate-700">Meddelande</dt>
        <dd className="whitespace-pre-wrap">{bmb.message || '–'}</dd>
      </dl>

      <BmbLinesTable
        lines={lines}
        variant="answer"
        caption="Hjälpmedel som betalningsansvaret gäller"
      />
      {feeArticles.length > 0 ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-3 font-medium" data-testid="patient-fee-notice">
          {messageText({ code: 'bmb.patient-fee', params: { articles: feeArticles.join(', ') } })}
        </p>
      ) : null}
      {closedLines > 0 && state === 'waiting' ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-3" role="status">
          {closedLines === lines.length
            ? `${messageText('bmb.all-lines-closed')} Du kan svara Nej.`
            : `${closedLines} av ${lines.length} hjälpmedel har återlämnats till Länsservice och följer inte med när du godkänner.`}
        </p>
      ) : null}

      {state === 'waiting' && bmb.sentAt ? (
        <>
          <p className="text-slate-700">
            {daysLeftBeforeLock(bmb.sentAt, now)} dagar kvar att kvittera. Därefter låses BMB:n.
          </p>
          <AnswerForm
            initial={{
              bmbId: bmb.id,
              approved: '',
              // Chosen by the receiver, never preselected: the default is marked "(förval)" in the list.
              deliveryAddressId: '',
              payerId: '',
              message: '',
            }}
            deliveryAddresses={addresses}
            payers={payers}
            readOnlyNotice={trainingNotice}
          />
        </>
      ) : (
        <p className="rounded border border-slate-300 bg-slate-100 p-3">
          {state === 'locked'
            ? 'BMB:n kvitterades inte inom 7 dagar och är låst. Avsändaren kan be Länsservice låsa upp den.'
            : `BMB:n är ${bmbDisplayLabels[state].toLowerCase()} och kan inte besvaras igen.`}{' '}
          <Link href="/kvittera-bmb" className="text-brand-800 underline">
            Till Kvittera BMB
          </Link>
        </p>
      )}
    </div>
  );
}
