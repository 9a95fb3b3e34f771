'use client';

import { useActionState } from 'react';
import { markMessageRead, type MarkReadState } from './actions';

/** "Markera som läst" on one message row; disabled while it is sent, so a double click posts once. */
export function MarkReadButton({
  kind,
  id,
  label,
}: {
  kind: 'rejected' | 'unlocked' | 'unlock_declined';
  id: string;
  /** What the row is, for screen readers: "Markera som läst: BMB 2026-12-01, Svensson, Testare". */
  label: string;
}) {
  const [state, formAction, pending] = useActionState<MarkReadState, FormData>(markMessageRead, {});
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending || state.done === true}
        aria-label={`Markera som läst: ${label}`}
        className="rounded border border-brand-700 px-2 py-1 text-sm font-medium whitespace-nowrap text-brand-800 hover:bg-brand-50 disabled:opacity-60"
      >
        Markera som läst
      </button>
      {state.failure ? (
        <p role="alert" className="text-sm text-red-800">
          {state.failure.message}
        </p>
      ) : null}
    </form>
  );
}
