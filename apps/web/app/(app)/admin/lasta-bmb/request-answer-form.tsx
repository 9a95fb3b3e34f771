'use client';

import { MessageField } from '@/components/forms/message-field';
import { useActionState } from 'react';
import { answerUnlockRequest, type RequestAnswerState } from './actions';

/** One request in the queue: a message, then Lås upp (it is the reason) or Neka (it says why). */
export function RequestAnswerForm({ requestId, label }: { requestId: string; label: string }) {
  const [state, formAction, pending] = useActionState<RequestAnswerState, FormData>(answerUnlockRequest, {
    values: { message: '' },
  });
  const error = state.failure?.message;
  return (
    <form action={formAction} className="flex flex-col gap-2" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <MessageField
        label={`Skäl eller meddelande (${label})`}
        errors={error ? [error] : undefined}
        defaultValue={state.values.message}
        labelClassName="text-sm font-medium"
        textareaClassName="rounded border border-slate-400 px-2 py-1 aria-invalid:border-red-700"
      />
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
