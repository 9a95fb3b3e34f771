'use client';

import { Field } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { useActionState } from 'react';
import { searchIndivid, type IndividSearchState } from './actions';

export function IndividSearchForm({ initialIndivid = '' }: { initialIndivid?: string }) {
  const [state, formAction, pending] = useActionState<IndividSearchState, FormData>(searchIndivid, { values: { individ: initialIndivid } });
  const error = state.failure?.fieldErrors?.individ?.[0] ?? state.failure?.message;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" role="search" aria-label="Sök individ" noValidate>
      <Field label="Individnummer" errors={error ? [error] : undefined} errorId="individ-error">
        {(control) => (
          <input
            {...control}
            name="individ"
            defaultValue={state.values.individ}
            key={state.values.individ}
            autoComplete="off"
            className="w-48 rounded border border-slate-400 px-3 py-2 font-mono aria-invalid:border-red-700"
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
      <FormMessage id="individ-error" className="basis-full">
        {error}
      </FormMessage>
    </form>
  );
}
