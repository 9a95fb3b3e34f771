'use client';

import { useActionState } from 'react';
import { Field } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { reactivateAccount, setRegionRules, type ReactivateState, type RegionRulesState } from './actions';

/** The region's rule: how many months unused before an account is deactivated. */
export function RegionRulesForm({ months }: { months: number }) {
  const [state, action, pending] = useActionState<RegionRulesState, FormData>(setRegionRules, {
    values: { months: String(months) },
  });
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <Field
        label="Inaktivera konton som inte använts på (månader)"
        hint="Regioner brukar välja 6–12 månader. Länsservices egna konton inaktiveras aldrig."
        errors={state.failure?.fieldErrors?.deactivateUnusedAfterMonths}
      >
        {(control) => (
          <input
            {...control}
            name="months"
            inputMode="numeric"
            defaultValue={state.values.months}
            className="w-24 rounded border border-slate-400 px-3 py-2"
          />
        )}
      </Field>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        Spara
      </button>
      <FormMessage>{state.failure && !state.failure.fieldErrors ? state.failure.message : null}</FormMessage>
      {state.done ? (
        <p role="status" className="w-full text-green-900">
          Sparat: konton som inte använts på {state.done.months} månader inaktiveras.
        </p>
      ) : null}
    </form>
  );
}

/** "Återaktivera" on one deactivated account. */
export function ReactivateButton({ username, name }: { username: string; name: string }) {
  const [state, action, pending] = useActionState<ReactivateState, FormData>(reactivateAccount, { values: { username } });
  return (
    <form action={action}>
      <input type="hidden" name="username" value={username} />
      <button
        type="submit"
        disabled={pending || !!state.done}
        aria-label={`Återaktivera ${name}`}
        className="rounded border border-brand-700 px-3 py-1 font-medium text-brand-800 hover:bg-brand-50"
      >
        Återaktivera
      </button>
      {state.failure ? (
        <span role="alert" className="ml-2 text-red-800">
          {state.failure.message}
        </span>
      ) : null}
      {state.done ? (
        <span role="status" className="ml-2 text-green-900">
          Återaktiverat.
        </span>
      ) : null}
    </form>
  );
}
