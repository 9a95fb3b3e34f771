'use client';

import { useActionState } from 'react';
import type { FormState } from '@/lib/form-state';
import { Field } from './field';
import { FormMessage } from './form-message';

/** What a region rule's form shows again, and the number saved. */
export type NumberRuleState = FormState<{ value: string }, { value: number }>;

/**
 * One of the region's rules Länsservice sets, a whole number (months before
 * an unused account is deactivated, days before the untrained are reminded):
 * the field, Spara, the refusal, and what was saved in words (`saved`, with
 * `{n}` for the number).
 */
export function NumberRuleForm({
  action: save,
  name,
  value,
  label,
  hint,
  errorKey,
  saved,
}: {
  action: (previous: NumberRuleState, formData: FormData) => Promise<NumberRuleState>;
  /** The field's name, as the action reads it. */
  name: string;
  value: number;
  label: string;
  hint: string;
  /** Where the command puts this field's problems. */
  errorKey: string;
  saved: string;
}) {
  const [state, action, pending] = useActionState<NumberRuleState, FormData>(save, { values: { value: String(value) } });
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <Field label={label} hint={hint} errors={state.failure?.fieldErrors?.[errorKey]}>
        {(control) => (
          <input
            {...control}
            name={name}
            inputMode="numeric"
            defaultValue={state.values.value}
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
          {saved.replace('{n}', String(state.done.value))}
        </p>
      ) : null}
    </form>
  );
}
