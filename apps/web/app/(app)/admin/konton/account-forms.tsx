'use client';

import { useActionState } from 'react';
import { reactivateAccount, type ReactivateState } from './actions';

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
