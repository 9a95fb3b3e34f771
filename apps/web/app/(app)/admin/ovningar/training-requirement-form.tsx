'use client';

import { useActionState } from 'react';
import { Field } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { setTrainingRequirement, type TrainingRequirementState } from './actions';

const doneText = (done: NonNullable<TrainingRequirementState['done']>) =>
  done.required
    ? `${done.name} (${done.username}) är markerad som ny medarbetare och måste göra regionens övningar före en riktig BMB.`
    : `${done.name} (${done.username}) är släppt från kravet på övningar.`;

/** "Markera som ny medarbetare": by username, for a prescriber who is not on the list yet. */
export function MarkNewStaffForm() {
  const [state, action, pending] = useActionState<TrainingRequirementState, FormData>(setTrainingRequirement, {
    values: { username: '' },
  });
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Markera som ny medarbetare">
      <input type="hidden" name="required" value="ja" />
      <Field label="Användarnamn" errors={state.failure?.fieldErrors?.username}>
        {(control) => (
          <input
            {...control}
            name="username"
            defaultValue={state.values.username}
            autoComplete="off"
            className="w-56 rounded border border-slate-400 px-3 py-2 font-mono"
          />
        )}
      </Field>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        Markera som ny medarbetare
      </button>
      <FormMessage>{state.failure && !state.failure.fieldErrors ? state.failure.message : null}</FormMessage>
      {state.done ? (
        <p role="status" className="w-full text-green-900">
          {doneText(state.done)}
        </p>
      ) : null}
    </form>
  );
}

/** "Släpp från kravet", on one row of the new staff. */
export function ReleaseButton({ username, name }: { username: string; name: string }) {
  const [state, action, pending] = useActionState<TrainingRequirementState, FormData>(setTrainingRequirement, {
    values: { username },
  });
  return (
    <form action={action}>
      <input type="hidden" name="username" value={username} />
      <input type="hidden" name="required" value="nej" />
      <button
        type="submit"
        disabled={pending || !!state.done}
        className="rounded border border-brand-700 px-3 py-1 font-medium text-brand-800 hover:bg-brand-50"
      >
        Släpp från kravet<span className="sr-only"> för {name}</span>
      </button>
      {state.failure ? (
        <span role="alert" className="ml-2 text-red-800">
          {state.failure.message}
        </span>
      ) : null}
      {state.done ? (
        <span role="status" className="ml-2 text-green-900">
          Släppt.
        </span>
      ) : null}
    </form>
  );
}
