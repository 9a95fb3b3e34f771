'use client';

import { useActionState } from 'react';
import { searchPatient, type PatientSearchState } from './actions';

export function PatientSearchForm({ initialPersonnummer = '' }: { initialPersonnummer?: string }) {
  const [state, formAction, pending] = useActionState<PatientSearchState, FormData>(searchPatient, {
    personnummer: initialPersonnummer,
  });
  const error = state.failure?.fieldErrors?.personnummer?.[0] ?? state.failure?.message;

  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3 print:hidden" noValidate data-guide="patient-search">
      <div className="flex flex-col gap-1">
        <label htmlFor="personnummer" className="font-medium">
          Personnummer
        </label>
        <span id="personnummer-hint" className="text-sm text-slate-700">
          Alla 12 siffror, till exempel 191212121212
        </span>
        <input
          id="personnummer"
          name="personnummer"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={13}
          defaultValue={state.personnummer}
          key={state.personnummer}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'personnummer-hint personnummer-error' : 'personnummer-hint'}
          className="w-56 rounded border border-slate-400 px-3 py-2 font-mono text-lg aria-invalid:border-red-700"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        Sök
      </button>
      <p id="personnummer-error" role="alert" className="basis-full text-red-800 empty:hidden">
        {error}
      </p>
    </form>
  );
}
