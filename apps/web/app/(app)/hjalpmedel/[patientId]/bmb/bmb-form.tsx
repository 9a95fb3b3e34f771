'use client';

import { ErrorSummary } from '@/components/forms/error-summary';
import { Field, FieldGroup } from '@/components/forms/field';
import { MessageField } from '@/components/forms/message-field';
import { ReadOnlyFieldset } from '@/components/forms/read-only-fieldset';
import { TRAINING_NOTICE_ID } from '@/components/training/training-notice-id';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { saveBmbDraft, type BmbFormState, type BmbFormValues } from './actions';
import { PrescriberField } from './prescriber-field';

export interface BmbFormRow {
  loanId: string;
  articleNo: string;
  articleName: string;
  payer: string;
  individNo: string | null;
  quantity: number;
  kind: string;
  patientFee: boolean;
  /** The user is its förskrivare (only their own devices can go in their BMB). */
  ownLoan: boolean;
  /** Why the row cannot be ticked, or null when it can. */
  blockedReason: string | null;
}

const digits = (value: string) => value.replace(/\D/g, '');

/** The controls the error summary links to (a group by its first control). */
const ids = {
  newPrescriberUsername: 'bmb-forskrivare',
  newPatientPersonnummer: 'bmb-patient',
  loanIds: 'bmb-hjalpmedel',
  confirmations: 'bmb-behovsbedomning',
  message: 'bmb-meddelande',
} as const;
const summaryFields = Object.entries(ids).map(([name, id]) => ({ name, id }));

export function BmbForm({
  initial,
  rows,
  currentPersonnummer,
  readOnlyNotice,
  exampleUsername,
}: {
  initial: BmbFormValues;
  rows: BmbFormRow[];
  currentPersonnummer: string;
  /**
   * The training notice above the form, when the user may not send a real BMB
   * yet: the form is then shown for reading only, and never repeats the notice.
   */
  readOnlyNotice?: string | null;
  /** The username the Förskrivare/beställare hint gives as its example. */
  exampleUsername: string;
}) {
  const [state, formAction, pending] = useActionState<BmbFormState, FormData>(saveBmbDraft, { values: initial });
  return (
    <ReadOnlyFieldset describedBy={readOnlyNotice ? TRAINING_NOTICE_ID : undefined}>
      <BmbFormFields
        key={JSON.stringify(state.values)}
        state={state}
        formAction={formAction}
        pending={pending}
        rows={rows}
        currentPersonnummer={currentPersonnummer}
        readOnlyNotice={readOnlyNotice ?? null}
        exampleUsername={exampleUsername}
      />
    </ReadOnlyFieldset>
  );
}

function BmbFormFields({
  state,
  formAction,
  pending,
  rows,
  currentPersonnummer,
  readOnlyNotice,
  exampleUsername,
}: {
  state: BmbFormState;
  formAction: (data: FormData) => void;
  pending: boolean;
  rows: BmbFormRow[];
  currentPersonnummer: string;
  readOnlyNotice: string | null;
  exampleUsername: string;
}) {
  const { values } = state;
  // A refusal saying what the notice above already says is not said twice.
  const failure = state.failure?.message === readOnlyNotice ? undefined : state.failure;
  const [personnummer, setPersonnummer] = useState(values.newPatientPersonnummer);
  const [selected, setSelected] = useState(() => new Set(values.loanIds));
  const errors = failure?.fieldErrors ?? {};
  const patientChanged = digits(personnummer) !== '' && digits(personnummer) !== digits(currentPersonnummer);
  const hasOwnRows = rows.some((r) => r.ownLoan);
  const firstSelectable = rows.find((r) => r.blockedReason === null)?.loanId;
  const feeRows = rows.filter((r) => r.patientFee && selected.has(r.loanId));
  const toggle = (loanId: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(loanId);
      else next.delete(loanId);
      return next;
    });
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';

  return (
    <form action={formAction} className="flex flex-col gap-6" noValidate data-guide="bmb-form">
      <input type="hidden" name="bmbId" value={values.bmbId} />
      <input type="hidden" name="fromPatientId" value={values.fromPatientId} />

      <ErrorSummary failure={failure} fields={summaryFields} />

      <div className="grid gap-6 md:grid-cols-2">
        <fieldset className="rounded border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">Ny förskrivare/betalare</legend>
          <PrescriberField
            id={ids.newPrescriberUsername}
            defaultValue={values.newPrescriberUsername}
            errors={errors.newPrescriberUsername}
            exampleUsername={exampleUsername}
          />
        </fieldset>
        <fieldset className="rounded border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">Ny mottagare</legend>
          <Field
            id={ids.newPatientPersonnummer}
            label="Patient"
            hint="Aktuell patient ligger förvald. Byt personnummer (alla 12 siffror) om hjälpmedlet ska till en annan patient."
            errors={errors.newPatientPersonnummer}
          >
            {(control) => (
              <input
                {...control}
                name="newPatientPersonnummer"
                inputMode="numeric"
                autoComplete="off"
                maxLength={13}
                value={personnummer}
                onChange={(e) => setPersonnummer(e.target.value)}
                className="w-56 rounded border border-slate-400 px-3 py-2 font-mono aria-invalid:border-red-700 disabled:bg-slate-100 disabled:text-slate-900"
              />
            )}
          </Field>
        </fieldset>
      </div>

      {hasOwnRows ? null : (
        <p className="rounded border border-slate-300 bg-slate-50 p-3" role="status" data-testid="no-devices">
          Patienten har inga hjälpmedel som du är förskrivare för.
        </p>
      )}
      {/* Someone else's devices are still listed, each saying whose it is; an empty table is not. */}
      {rows.length === 0 ? null : (
      <FieldGroup
        legend="Markera vilket eller vilka hjälpmedel som avses"
        legendClassName="mb-2 font-semibold"
        errors={errors.loanIds}
        errorsFirst
        errorClassName="mb-2 text-sm text-red-800"
      >
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="stack-table w-full border-collapse text-sm">
            <caption className="sr-only">Hjälpmedel som kan ingå i BMB</caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className={th}>Artikel</th>
                <th scope="col" className={th}>Benämning</th>
                <th scope="col" className={th}>Nuvar. betalare</th>
                <th scope="col" className={th}>Individ</th>
                <th scope="col" className={th}>Antal</th>
                <th scope="col" className={th}>Typ</th>
                <th scope="col" className={th}>Välj</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const reasonId = `reason-${row.loanId}`;
                return (
                  <tr key={row.loanId} className="border-t border-slate-200">
                    <td data-label="Artikel" className={`${td} font-mono`}>{row.articleNo}</td>
                    <td data-label="Benämning" className={td}>
                      {row.articleName}
                      {row.patientFee ? <span className="ml-2 text-xs text-amber-900">(egenavgift)</span> : null}
                      {row.blockedReason ? (
                        <p id={reasonId} className="mt-1 text-xs text-slate-700">
                          {row.blockedReason}
                        </p>
                      ) : null}
                    </td>
                    <td data-label="Nuvar. betalare" className={td}>{row.payer}</td>
                    <td data-label="Individ" className={`${td} font-mono`}>{row.individNo ?? ''}</td>
                    <td data-label="Antal" className={td}>{row.quantity}</td>
                    <td data-label="Typ" className={td}>{row.kind}</td>
                    <td data-label="Välj" className={td}>
                      <input
                        id={row.loanId === firstSelectable ? ids.loanIds : undefined}
                        type="checkbox"
                        name="loanIds"
                        value={row.loanId}
                        checked={selected.has(row.loanId)}
                        onChange={(e) => toggle(row.loanId, e.target.checked)}
                        disabled={row.blockedReason !== null}
                        aria-label={`Välj ${row.articleNo} ${row.articleName}${row.individNo ? `, individ ${row.individNo}` : ''}`}
                        aria-describedby={row.blockedReason ? reasonId : undefined}
                        className="h-5 w-5"
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </FieldGroup>
      )}

      {patientChanged ? (
        <FieldGroup
          legend="BMB mellan patienter"
          className="rounded border border-amber-400 bg-amber-50 p-4"
          legendClassName="px-1 font-semibold"
          errors={errors.confirmations}
          errorClassName="mt-2 text-sm text-red-800"
        >
          <p>
            Huvudregeln är att hjälpmedlet först ska till Länsservice för rekonditionering/genomgång av
            tekniker innan det lämnas till en annan brukare. Finns behov av rekonditionering ska
            hjälpmedlet returneras till Länsservice och nytt hjälpmedel förskrivas.
          </p>
          <p className="mt-2">I undantagsfall kan du göra BMB mellan patienter. Bekräfta då:</p>
          <div className="mt-3 flex flex-col gap-2">
            <label className="flex items-start gap-2">
              <input
                id={ids.confirmations}
                type="checkbox"
                name="needsAssessmentConfirmed"
                defaultChecked={values.needsAssessmentConfirmed}
                className="mt-1 h-5 w-5 shrink-0"
              />
              <span>En individuell behovsbedömning är gjord och patientens behov uppfylls.</span>
            </label>
            <label className="flex items-start gap-2">
              <input
                type="checkbox"
                name="deviceSafeConfirmed"
                defaultChecked={values.deviceSafeConfirmed}
                className="mt-1 h-5 w-5 shrink-0"
              />
              <span>Hjälpmedlet är funktionsdugligt och bär inte smitta vidare till den nya patienten.</span>
            </label>
          </div>
          {feeRows.length > 0 ? (
            <p className="mt-3 font-medium">
              {/* The same sentence as 'bmb.patient-fee' in the catalogue, which the receiver's answer page shows. */}
              {feeRows.map((r) => r.articleNo).join(', ')} har egenavgift: hantera den enligt gällande rutiner.
            </p>
          ) : null}
        </FieldGroup>
      ) : null}

      <MessageField
        id={ids.message}
        label="Meddelande"
        hint="Ett meddelande till mottagaren (frivilligt)."
        errors={errors.message}
        rows={3}
        defaultValue={values.message}
        className="flex flex-col gap-1"
        textareaClassName="max-w-2xl rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700 disabled:bg-slate-100 disabled:text-slate-900"
      />

      <p className="max-w-2xl rounded bg-brand-50 p-3 text-sm">
        BMB är bara en lagermässig transaktion och ersätter aldrig överrapporteringsskyldigheten som
        finns mellan förskrivare och vårdenheter.
      </p>

      <div className="flex gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-70"
        >
          Spara ändringarna
        </button>
        <Link
          href={`/hjalpmedel/${values.fromPatientId}`}
          className="rounded border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100"
        >
          Avbryt
        </Link>
      </div>
    </form>
  );
}
