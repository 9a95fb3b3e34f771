'use client';

import { Field } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { useActionState } from 'react';
import { searchPatient, type PatientSearchState } from './actions';

export function PatientSearchForm({ initialPersonnummer = '' }: { initialPersonnummer?: string }) {
  const [state, formAction, pending] = useActionState<PatientSearchState, FormData>(searchPatient, {
    values: { personnummer: initialPersonnummer },
  });
  const error = state.failure?.fieldErrors?.personnummer?.[0] ?? state.failure?.message;

  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3 print:hidden" noValidate data-guide="patient-search">
      <Field
        label="Personnummer"
        hint="Alla 12 siffror, till exempel 191212121212"
        errors={error ? [error] : undefined}
        errorId="personnummer-error"
      >
        {(control) => (
          <input
            {...control}
            name="personnummer"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={13}
            defaultValue={state.values.personnummer}
            key={state.values.personnummer}
            className="w-56 rounded border border-slate-400 px-3 py-2 font-mono text-lg aria-invalid:border-red-700"
          />
        )}
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        Sök
      </button>
      {/* The e2e leak scan waits for #personnummer-error. */}
      <FormMessage id="personnummer-error" className="basis-full">
        {error}
      </FormMessage>
    </form>
  );
}
