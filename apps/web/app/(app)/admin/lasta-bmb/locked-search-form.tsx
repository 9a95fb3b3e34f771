'use client';

import { Field } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { useActionState } from 'react';
import { searchLockedBmbs, type LockedSearchState } from './actions';

/** Sök bland låsta BMB: POSTed, so a personnummer or a name never goes into the address. */
export function LockedSearchForm({ query, requestedOnly, active }: { query: string; requestedOnly: boolean; active: boolean }) {
  const [state, formAction, pending] = useActionState<LockedSearchState, FormData>(searchLockedBmbs, {});
  const error = state.failure?.fieldErrors?.sok?.[0] ?? state.failure?.message;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" role="search" aria-label="Sök bland låsta BMB" noValidate>
      <Field
        label="Sök"
        hint="Patientens namn eller personnummer, avsändarens eller mottagarens namn eller användarnamn, artikel- eller individnummer"
        errors={error ? [error] : undefined}
        errorId="sok-error"
      >
        {(control) => (
          <input
            {...control}
            name="sok"
            defaultValue={query}
            autoComplete="off"
            className="w-72 rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700"
          />
        )}
      </Field>
      <label className="flex items-center gap-2 pb-2">
        <input type="checkbox" name="begard" value="1" defaultChecked={requestedOnly} className="h-5 w-5" />
        Bara med begärd upplåsning
      </label>
      <button type="submit" disabled={pending} className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-800">
        Filtrera
      </button>
      {active ? (
        <button type="submit" name="rensa" value="1" disabled={pending} className="rounded px-4 py-2 font-medium text-brand-800 underline">
          Rensa
        </button>
      ) : null}
      <FormMessage id="sok-error" className="basis-full">
        {error}
      </FormMessage>
    </form>
  );
}
