'use client';

import { useActionState } from 'react';
import { searchLockedBmbs, type LockedSearchState } from './actions';

/** Sök bland låsta BMB: POSTed, so a personnummer or a name never goes into the address. */
export function LockedSearchForm({ query, requestedOnly, active }: { query: string; requestedOnly: boolean; active: boolean }) {
  const [state, formAction, pending] = useActionState<LockedSearchState, FormData>(searchLockedBmbs, {});
  const error = state.failure?.fieldErrors?.sok?.[0] ?? state.failure?.message;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" role="search" aria-label="Sök bland låsta BMB" noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor="sok" className="font-medium">
          Sök
        </label>
        <span id="sok-hint" className="text-sm text-slate-700">
          Patientens namn eller personnummer, användarnamn, artikel- eller individnummer
        </span>
        <input
          id="sok"
          name="sok"
          defaultValue={query}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'sok-hint sok-error' : 'sok-hint'}
          className="w-72 rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700"
        />
      </div>
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
      <p id="sok-error" role="alert" className="basis-full text-red-800 empty:hidden">
        {error}
      </p>
    </form>
  );
}
