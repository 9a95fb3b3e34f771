'use client';

import { MessageField } from '@/components/forms/message-field';
import { useActionState, useEffect, useRef, useState } from 'react';
import { answerUnlockRequest, type RequestAnswerState } from './actions';

/**
 * One request in the queue: "Besvara" opens its form, a message, then Lås upp
 * (it is the reason) or Neka (it says why). Opened on demand: ten forms with a
 * live character count each cost a third of the page's rendering, and
 * Länsservice answers one request at a time (issue 21).
 */
export function RequestAnswer({ requestId, label }: { requestId: string; label: string }) {
  const [open, setOpen] = useState(false);
  // The button gives way to the form, which takes the focus: nothing is left to expand or collapse.
  if (!open)
    return (
      <div>
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="rounded bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
        >
          Besvara<span className="sr-only"> begäran om upplåsning av {label}</span>
        </button>
      </div>
    );
  return <RequestAnswerForm requestId={requestId} label={label} />;
}

function RequestAnswerForm({ requestId, label }: { requestId: string; label: string }) {
  const [state, formAction, pending] = useActionState<RequestAnswerState, FormData>(answerUnlockRequest, {
    values: { message: '' },
  });
  const form = useRef<HTMLFormElement>(null);
  // Opened by "Besvara": the message is what comes next, so it gets the focus.
  useEffect(() => form.current?.querySelector('textarea')?.focus(), []);
  const error = state.failure?.message;
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-2" noValidate>
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
