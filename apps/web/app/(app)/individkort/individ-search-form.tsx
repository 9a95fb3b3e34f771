'use client';

import { useActionState } from 'react';
import { searchIndivid, type IndividSearchState } from './actions';

export function IndividSearchForm({ initialIndivid = '' }: { initialIndivid?: string }) {
  const [state, formAction, pending] = useActionState<IndividSearchState, FormData>(searchIndivid, { individ: initialIndivid });
  const error = state.failure?.fieldErrors?.individ?.[0] ?? state.failure?.message;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" role="search" aria-label="Sök individ" noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor="individ" className="font-medium">
          Individnummer
        </label>
        <input
          id="individ"
          name="individ"
          defaultValue={state.individ}
          key={state.individ}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'individ-error' : undefined}
          className="w-48 rounded border border-slate-400 px-3 py-2 font-mono aria-invalid:border-red-700"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
      >
        Sök
      </button>
      <p id="individ-error" role="alert" className="basis-full text-red-800 empty:hidden">
        {error}
      </p>
    </form>
  );
}
