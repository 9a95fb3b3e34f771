'use client';

import type { CareUnitChoice } from '@bmb/db/queries';
import Link from 'next/link';
import { useActionState } from 'react';
import { answerBmb, type AnswerFormState, type AnswerFormValues } from '../actions';

/** Kvittera BMB, step 3: Kund/leveransadress, Betalare, Godkänn Ja/Nej, Meddelande, Verkställ/Avbryt. */
export function AnswerForm({
  initial,
  deliveryAddresses,
  payers,
}: {
  initial: AnswerFormValues;
  deliveryAddresses: CareUnitChoice[];
  payers: CareUnitChoice[];
}) {
  const [state, formAction, pending] = useActionState<AnswerFormState, FormData>(answerBmb, { values: initial });
  const { values, failure } = state;
  const errors = failure?.fieldErrors ?? {};
  const select = 'w-full max-w-md rounded border border-slate-400 bg-white px-3 py-2 aria-invalid:border-red-700';
  const errorText = (field: string) =>
    errors[field] ? (
      <p id={`${field}-error`} className="text-sm text-red-800">
        {errors[field].join(' ')}
      </p>
    ) : null;

  return (
    <form action={formAction} className="flex flex-col gap-5" noValidate key={JSON.stringify(values)} data-guide="answer-form">
      <input type="hidden" name="bmbId" value={values.bmbId} />
      {failure ? (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {failure.message}
        </div>
      ) : null}

      <div className="flex flex-col gap-1">
        <label htmlFor="deliveryAddressId" className="font-medium">
          Kund/leveransadress
        </label>
        <select
          id="deliveryAddressId"
          name="deliveryAddressId"
          defaultValue={values.deliveryAddressId}
          aria-invalid={errors.deliveryAddressId ? true : undefined}
          aria-describedby={errors.deliveryAddressId ? 'deliveryAddressId-error' : undefined}
          className={select}
        >
          {deliveryAddresses.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} {a.name}
            </option>
          ))}
        </select>
        {errorText('deliveryAddressId')}
      </div>

      <div className="flex flex-col gap-1">
        <label htmlFor="payerId" className="font-medium">
          Betalare
        </label>
        <select
          id="payerId"
          name="payerId"
          defaultValue={values.payerId}
          aria-invalid={errors.payerId ? true : undefined}
          aria-describedby={errors.payerId ? 'payerId-error' : undefined}
          className={select}
        >
          {payers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} {p.name}
            </option>
          ))}
        </select>
        {errorText('payerId')}
      </div>

      <fieldset aria-describedby={errors.approved ? 'approved-error' : undefined}>
        <legend className="font-medium">Godkänn</legend>
        <div className="mt-1 flex gap-6">
          <label className="flex items-center gap-2">
            <input type="radio" name="approved" value="ja" defaultChecked={values.approved === 'ja'} className="h-5 w-5" />
            Ja
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="approved" value="nej" defaultChecked={values.approved === 'nej'} className="h-5 w-5" />
            Nej
          </label>
        </div>
        {errorText('approved')}
      </fieldset>

      <div className="flex flex-col gap-1">
        <label htmlFor="message" className="font-medium">
          Meddelande
        </label>
        <span id="message-hint" className="text-sm text-slate-700">
          Till förskrivaren som skickade BMB:n. Skriv varför om du inte godkänner övertagandet.
        </span>
        <textarea
          id="message"
          name="message"
          rows={3}
          maxLength={1000}
          defaultValue={values.message}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={errors.message ? 'message-hint message-error' : 'message-hint'}
          className="max-w-2xl rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700"
        />
        {errorText('message')}
      </div>

      <div className="flex gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          Verkställ
        </button>
        <Link href="/kvittera-bmb" className="rounded border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100">
          Avbryt
        </Link>
      </div>
    </form>
  );
}
