'use client';

import { useActionState } from 'react';
import { answerUnlockRequest, type RequestAnswerState } from './actions';

/** One request in the queue: a message, then Lås upp (it is the reason) or Neka (it says why). */
export function RequestAnswerForm({ requestId, label }: { requestId: string; label: string }) {
  const [state, formAction, pending] = useActionState<RequestAnswerState, FormData>(answerUnlockRequest, {
    message: '',
  });
  const fieldId = `answer-${requestId}`;
  const error = state.failure?.message;
  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <label htmlFor={fieldId} className="text-sm font-medium">
        Skäl eller meddelande ({label})
      </label>
      <textarea
        id={fieldId}
        name="message"
        rows={2}
        maxLength={1000}
        defaultValue={state.message}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        className="rounded border border-slate-400 px-2 py-1 aria-invalid:border-red-700"
      />
      {error ? (
        <p id={`${fieldId}-error`} className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          name="decision"
          value="unlock"
          disabled={pending}
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
        >
          Lås upp
        </button>
        <button
          type="submit"
          name="decision"
          value="decline"
          disabled={pending}
          className="rounded border border-red-700 px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50"
        >
          Neka
        </button>
      </div>
    </form>
  );
}
