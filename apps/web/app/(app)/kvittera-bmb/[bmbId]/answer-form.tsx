'use client';

import type { CareUnitChoice } from '@bmb/db/queries';
import { ErrorSummary } from '@/components/forms/error-summary';
import { Field, FieldGroup } from '@/components/forms/field';
import { MessageField } from '@/components/forms/message-field';
import { ReadOnlyFieldset } from '@/components/forms/read-only-fieldset';
import { TRAINING_NOTICE_ID } from '@/components/training/training-notice-id';
import Link from 'next/link';
import { useActionState } from 'react';
import { answerBmb, type AnswerFormState, type AnswerFormValues } from '../actions';

/** The controls the error summary links to. */
const ids = {
  deliveryAddressId: 'svar-leveransadress',
  payerId: 'svar-betalare',
  approved: 'svar-godkann-ja',
  message: 'svar-meddelande',
} as const;
const summaryFields = Object.entries(ids).map(([name, id]) => ({ name, id }));

/**
 * A choice the receiver makes, as the manual says ("Välj"): the list starts on
 * an empty "Välj …" and the receiver's default is marked "(förval)", not
 * silently chosen for them.
 */
function CareUnitOptions({ choices, placeholder }: { choices: CareUnitChoice[]; placeholder: string }) {
  return (
    <>
      <option value="">{placeholder}</option>
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.code} {c.name}
          {c.isDefault ? ' (förval)' : ''}
        </option>
      ))}
    </>
  );
}

/** Kvittera BMB, step 3: Kund/leveransadress, Betalare, Godkänn Ja/Nej, Meddelande, Verkställ/Avbryt. */
export function AnswerForm({
  initial,
  deliveryAddresses,
  payers,
  readOnlyNotice,
}: {
  initial: AnswerFormValues;
  deliveryAddresses: CareUnitChoice[];
  payers: CareUnitChoice[];
  /**
   * The training notice above the form, when the user may not answer a real
   * BMB yet: the form is then shown for reading only, and never repeats the notice.
   */
  readOnlyNotice?: string | null;
}) {
  const [state, formAction, pending] = useActionState<AnswerFormState, FormData>(answerBmb, { values: initial });
  const { values, failure } = state;
  const errors = failure?.fieldErrors ?? {};
  // A refusal saying what the notice above already says (a forced post) is not said twice.
  const shown = failure?.message === readOnlyNotice ? undefined : failure;
  const select =
    'w-full max-w-md rounded border border-slate-400 bg-white px-3 py-2 aria-invalid:border-red-700 disabled:bg-slate-100 disabled:text-slate-900 disabled:opacity-100';

  return (
    <ReadOnlyFieldset describedBy={readOnlyNotice ? TRAINING_NOTICE_ID : undefined}>
      <form action={formAction} className="flex flex-col gap-5" noValidate key={JSON.stringify(values)} data-guide="answer-form">
        <input type="hidden" name="bmbId" value={values.bmbId} />
        <ErrorSummary failure={shown} fields={summaryFields} />

        <Field id={ids.deliveryAddressId} label="Kund/leveransadress" errors={errors.deliveryAddressId}>
          {(control) => (
            <select {...control} name="deliveryAddressId" defaultValue={values.deliveryAddressId} className={select}>
              <CareUnitOptions choices={deliveryAddresses} placeholder="Välj kund/leveransadress" />
            </select>
          )}
        </Field>

        <Field id={ids.payerId} label="Betalare" errors={errors.payerId}>
          {(control) => (
            <select {...control} name="payerId" defaultValue={values.payerId} className={select}>
              <CareUnitOptions choices={payers} placeholder="Välj betalare" />
            </select>
          )}
        </Field>

        <FieldGroup legend="Godkänn" legendClassName="font-medium" errors={errors.approved}>
          <div className="mt-1 flex gap-6">
            <label className="flex items-center gap-2">
              <input id={ids.approved} type="radio" name="approved" value="ja" defaultChecked={values.approved === 'ja'} className="h-5 w-5" />
              Ja
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="approved" value="nej" defaultChecked={values.approved === 'nej'} className="h-5 w-5" />
              Nej
            </label>
          </div>
        </FieldGroup>

        <MessageField
          id={ids.message}
          label="Meddelande"
          hint="Till förskrivaren som skickade BMB:n. Skriv varför om du inte godkänner övertagandet."
          errors={errors.message}
          rows={3}
          defaultValue={values.message}
          className="flex flex-col gap-1"
          textareaClassName="max-w-2xl rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700 disabled:bg-slate-100 disabled:text-slate-900"
        />

        <div className="flex gap-3">
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-70"
          >
            Verkställ
          </button>
          <Link href="/kvittera-bmb" className="rounded border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100">
            Avbryt
          </Link>
        </div>
      </form>
    </ReadOnlyFieldset>
  );
}
