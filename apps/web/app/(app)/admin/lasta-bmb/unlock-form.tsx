'use client';

import { useActionState, type ReactNode } from 'react';
import { unlockBmbs, type UnlockState } from './actions';

/**
 * Locked BMBs (the server-rendered table with a checkbox per row, as children)
 * and one reason for "Lås upp", for one row or many.
 */
export function UnlockForm({ hasRows, children }: { hasRows: boolean; children: ReactNode }) {
  const [state, formAction, pending] = useActionState<UnlockState, FormData>(unlockBmbs, { reason: '' });
  const reasonError = state.failure?.fieldErrors?.reason?.[0];
  const rowsError = state.failure?.fieldErrors?.bmbIds?.[0];

  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <p role="status" className="empty:hidden">
        {state.done
          ? `${state.done.unlocked} BMB upplåsta.${state.done.refused.length ? ` Inte upplåsta: ${state.done.refused.join(' ')}` : ''}`
          : null}
      </p>
      {state.failure && !state.failure.fieldErrors ? (
        <p role="alert" className="text-red-800">
          {state.failure.message}
        </p>
      ) : null}
      {rowsError ? (
        <p id="rows-error" className="text-red-800">
          {rowsError}
        </p>
      ) : null}
      {hasRows ? (
        <fieldset aria-describedby={rowsError ? 'rows-error' : undefined}>
          <legend className="sr-only">Välj BMB att låsa upp</legend>
          {children}
        </fieldset>
      ) : (
        <p>Ingen träff.</p>
      )}
      <div className="flex max-w-2xl flex-col gap-1">
        <label htmlFor="reason" className="font-medium">
          Skäl till upplåsningen
        </label>
        <textarea
          id="reason"
          name="reason"
          rows={2}
          maxLength={1000}
          defaultValue={state.reason}
          key={state.done ? 'done' : state.reason}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? 'reason-error' : undefined}
          className="rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700"
        />
        {reasonError ? (
          <p id="reason-error" className="text-sm text-red-800">
            {reasonError}
          </p>
        ) : null}
      </div>
      <div>
        <button
          type="submit"
          disabled={pending || !hasRows}
          className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          Lås upp
        </button>
      </div>
    </form>
  );
}
