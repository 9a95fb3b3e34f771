import { getDb } from '@bmb/db/client';
import { findBmbDetails, findPatient, listPatientLoans } from '@bmb/db/queries';
import {
  TRAINING_COLLEAGUE,
  formatPersonnummer,
  loanSelectability,
  may,
  maySendAgain,
  messageText,
  swedishDate,
  type Personnummer,
} from '@bmb/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { refusePage } from '@/lib/auth/page-refusal';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';
import { TrainingRequiredNotice } from '@/components/training/training-required-notice';
import { trainingNoticeFor } from '@/lib/training/requirement';
import type { BmbFormValues } from './actions';
import { BmbForm, type BmbFormRow } from './bmb-form';
import { sendAgainValues } from './send-again';

export const metadata: Metadata = { title: 'BMB' };

const uuid = z.uuid();

/**
 * Skicka BMB, step 3: a new BMB for this patient, the sender's draft again
 * (?utkast=id), or a new BMB of the devices of one answered Nej or unlocked
 * (?fran=id, Skicka ny BMB).
 */
export default async function BmbFormPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<{ utkast?: string; fran?: string }>;
}) {
  const user = await requireUser();
  const { patientId } = await params;
  const { utkast, fran } = await searchParams;
  if (
    !uuid.safeParse(patientId).success ||
    (utkast && !uuid.safeParse(utkast).success) ||
    (fran && !uuid.safeParse(fran).success)
  )
    notFound();
  // A draft is edited as it is; only a new BMB starts from an earlier one.
  const from = utkast ? undefined : fran;
  const query = utkast ? `?utkast=${utkast}` : from ? `?fran=${from}` : '';
  const gate = await confirmUnlessSameOrigin(`/hjalpmedel/${patientId}/bmb${query}`, 'BMB-formuläret');
  if (gate) return gate;

  const db = await getDb();
  // All at once: for an unknown patient nothing of the rest is shown.
  const [patient, loans, now, draft, source, trainingNotice] = await Promise.all([
    findPatient(db, user.workspaceId, patientId),
    listPatientLoans(db, user.workspaceId, patientId),
    requestNow(user),
    utkast ? findBmbDetails(db, user.workspaceId, utkast) : null,
    from ? findBmbDetails(db, user.workspaceId, from) : null,
    // New staff see the form, read-only, under the reason, before they fill anything in.
    trainingNoticeFor(db, user, 'skicka'),
  ]);
  if (!patient) notFound();
  if (
    utkast &&
    (!draft || !may(user, 'edit-draft', draft.bmb) || draft.bmb.status !== 'draft' || draft.bmb.fromPatientId !== patient.id)
  ) {
    return refusePage('/hjalpmedel/[patientId]/bmb', user);
  }
  // Skicka ny BMB: its sender only, from the BMB's own patient, once it ended without moving anything.
  if (from && (!source || !maySendAgain(user, source.bmb) || source.bmb.fromPatientId !== patient.id)) {
    return refusePage('/hjalpmedel/[patientId]/bmb', user);
  }
  // A saved draft, or the BMB sent again, may name another patient as Ny mottagare: the form shows that personnummer too.
  const named = draft ?? source;
  await recordPatientsShown(user, 'bmb.form.view', [patient.id, ...(named ? [named.toPatient.id] : [])]);

  const rows: BmbFormRow[] = loans.map((loan) => {
    const selectability = loanSelectability(loan, user.prescriberId, now);
    return {
      loanId: loan.id,
      articleNo: loan.articleNo,
      articleName: loan.articleName,
      payer: `${loan.payerCode} - ${loan.payerName}`,
      individNo: loan.individNo,
      quantity: loan.quantity,
      kind: loan.articleKind,
      patientFee: loan.patientFee,
      ownLoan: loan.prescriberId === user.prescriberId,
      blockedReason: selectability.selectable ? null : messageText(selectability.problem),
    };
  });
  const again = source ? sendAgainValues(source, rows) : null;
  const initial: BmbFormValues = again
    ? again.initial
    : draft
    ? {
        bmbId: draft.bmb.id,
        fromPatientId: patient.id,
        newPrescriberUsername: draft.receiver.username,
        newPatientPersonnummer: draft.toPatient.personnummer,
        loanIds: draft.lines.map((l) => l.loanId),
        message: draft.bmb.message,
        needsAssessmentConfirmed: draft.bmb.needsAssessmentConfirmed,
        deviceSafeConfirmed: draft.bmb.deviceSafeConfirmed,
      }
    : {
        bmbId: '',
        fromPatientId: patient.id,
        newPrescriberUsername: '',
        newPatientPersonnummer: patient.personnummer,
        loanIds: [],
        message: '',
        needsAssessmentConfirmed: false,
        deviceSafeConfirmed: false,
      };

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">BMB – byte av mottagare/betalare</h1>
      <TrainingRequiredNotice message={trainingNotice} />
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 rounded border border-slate-200 bg-white p-4 wrap-break-word">
        <dt className="text-slate-700">Mottagare</dt>
        <dd className="font-mono">{formatPersonnummer(patient.personnummer as Personnummer)}</dd>
        <dt className="text-slate-700">Namn</dt>
        <dd>{patient.name}</dd>
        <dt className="text-slate-700">BMB-datum</dt>
        <dd>{swedishDate(now)}</dd>
      </dl>
      {again ? (
        <section
          aria-labelledby="send-again-heading"
          className="rounded border border-slate-200 bg-brand-50 p-4"
          data-testid="send-again"
        >
          <h2 id="send-again-heading" className="font-semibold">
            Ny BMB av hjälpmedlen i BMB:n {again.sentAt ? `från ${swedishDate(again.sentAt)}` : ''}
          </h2>
          <p>
            {again.initial.loanIds.length > 0
              ? 'Hjälpmedlen som fortfarande kan skickas är markerade. Kontrollera uppgifterna och klicka på Spara ändringarna.'
              : 'Inget av hjälpmedlen kan skickas i en ny BMB.'}
          </p>
          {again.leftOut.length > 0 ? (
            <>
              <p className="mt-2">Kunde inte tas med:</p>
              <ul className="list-disc pl-6" data-testid="send-again-left-out">
                {again.leftOut.map((d) => (
                  <li key={d.loanId}>
                    <span className="font-mono">{d.articleNo}</span> {d.articleName}
                    {d.individNo ? (
                      <>
                        {' '}
                        (individ <span className="font-mono">{d.individNo}</span>)
                      </>
                    ) : null}
                    : {d.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <BmbForm
        initial={initial}
        rows={rows}
        currentPersonnummer={patient.personnummer}
        readOnlyNotice={trainingNotice}
        // The example must exist where the user is: in Övningsläge, the sandbox's colleague.
        exampleUsername={user.training ? TRAINING_COLLEAGUE.username : 'k200bo'}
      />
    </div>
  );
}
