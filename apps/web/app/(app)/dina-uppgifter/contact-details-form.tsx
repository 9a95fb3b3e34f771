'use client';

import type { ContactDetailsInput } from '@bmb/domain';
import { useActionState } from 'react';
import { saveContactDetails, type ContactDetailsState } from './actions';

const fields: { name: Exclude<keyof ContactDetailsInput, 'remindersEnabled'>; label: string; type: string; autoComplete: string }[] = [
  { name: 'phone', label: 'Telefon', type: 'tel', autoComplete: 'work tel' },
  { name: 'mobile', label: 'Mobil', type: 'tel', autoComplete: 'mobile tel' },
  { name: 'fax', label: 'Fax', type: 'tel', autoComplete: 'fax tel' },
  { name: 'email', label: 'E-post', type: 'email', autoComplete: 'work email' },
];

export function ContactDetailsForm({ initial }: { initial: ContactDetailsInput }) {
  const [state, formAction, pending] = useActionState<ContactDetailsState, FormData>(saveContactDetails, {
    values: initial,
  });
  const result = state.result;
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};

  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4" noValidate>
      {fields.map((field) => {
        const error = fieldErrors[field.name]?.[0];
        const errorId = `${field.name}-error`;
        return (
          <div key={field.name} className="flex flex-col gap-1">
            <label htmlFor={field.name} className="font-medium">
              {field.label}
            </label>
            <input
              id={field.name}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              defaultValue={state.values[field.name]}
              key={`${field.name}:${state.values[field.name]}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              className="rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700"
            />
            {error ? (
              <p id={errorId} className="text-sm text-red-800">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">Aviseringar</legend>
        <p className="text-sm text-slate-700">
          BMB mejlar dig alltid när en BMB kommer till dig och när dina BMB besvaras eller låses.
        </p>
        <div className="flex items-start gap-2">
          <input
            id="remindersEnabled"
            name="remindersEnabled"
            type="checkbox"
            defaultChecked={state.values.remindersEnabled}
            key={`remindersEnabled:${state.values.remindersEnabled}`}
            className="mt-1 size-4"
          />
          <label htmlFor="remindersEnabled">Påminn mig när 2 dagar återstår innan en BMB låses</label>
        </div>
      </fieldset>
      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
        >
          Spara ändringarna
        </button>
      </div>
      <p role="status" className="empty:hidden">
        {result?.ok ? 'Dina uppgifter är sparade.' : null}
      </p>
      <p role="alert" className="text-red-800 empty:hidden">
        {result && !result.ok ? result.message : null}
      </p>
    </form>
  );
}
