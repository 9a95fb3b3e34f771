'use client';

import type { ContactDetailsInput } from '@bmb/domain';
import { Field } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
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
  const fieldErrors = state.failure?.fieldErrors ?? {};

  return (
    <form action={formAction} className="flex max-w-md flex-col gap-4" noValidate>
      {fields.map((field) => (
        <Field key={field.name} label={field.label} errors={fieldErrors[field.name]}>
          {(control) => (
            <input
              {...control}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              defaultValue={state.values[field.name]}
              key={`${field.name}:${state.values[field.name]}`}
              className="rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700"
            />
          )}
        </Field>
      ))}
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
        {state.done ? 'Dina uppgifter är sparade.' : null}
      </p>
      <FormMessage>{state.failure?.message}</FormMessage>
    </form>
  );
}
