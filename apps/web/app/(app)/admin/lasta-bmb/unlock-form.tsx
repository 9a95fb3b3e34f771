'use client';

import { FieldGroup } from '@/components/forms/field';
import { MessageField } from '@/components/forms/message-field';
import { FormMessage } from '@/components/forms/form-message';
import { useActionState, type ReactNode } from 'react';
import { unlockBmbs, type UnlockState } from './actions';

/**
 * Locked BMBs (the server-rendered table with a checkbox per row, as children)
 * and one reason for "Lås upp", for one row or many.
 */
export function UnlockForm({ hasRows, children }: { hasRows: boolean; children: ReactNode }) {
  const [state, formAction, pending] = useActionState<UnlockState, FormData>(unlockBmbs, { values: { reason: '' } });
  const errors = state.failure?.fieldErrors ?? {};

  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <p role="status" className="empty:hidden">
        {state.done
          ? `${state.done.unlocked} BMB upplåsta.${state.done.refused.length ? ` Inte upplåsta: ${state.done.refused.join(' ')}` : ''}`
          : null}
      </p>
      <FormMessage>{state.failure && !state.failure.fieldErrors ? state.failure.message : null}</FormMessage>
      {hasRows ? (
        <FieldGroup
          legend="Välj BMB att låsa upp"
          legendClassName="sr-only"
          errors={errors.bmbIds}
          errorsFirst
          errorClassName="mb-4 text-red-800"
        >
          {children}
        </FieldGroup>
      ) : (
        <p>Ingen träff.</p>
      )}
      <MessageField
        label="Skäl till upplåsningen"
        name="reason"
        errors={errors.reason}
        defaultValue={state.values.reason}
        resetKey={state.done ? 'done' : state.values.reason}
        className="flex max-w-2xl flex-col gap-1"
      />
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
