'use client';

import { MessageField } from '@/components/forms/message-field';
import { FormMessage } from '@/components/forms/form-message';
import { useActionState } from 'react';
import { requestUnlock, type UnlockRequestState } from '../actions';

/** On a locked BMB: ask Länsservice to unlock it, instead of phoning. */
export function UnlockRequestForm({ bmbId }: { bmbId: string }) {
  const [state, formAction, pending] = useActionState<UnlockRequestState, FormData>(requestUnlock, { values: { message: '' } });
  if (state.done) {
    return (
      <p role="status" className="rounded bg-green-50 p-3 text-green-900">
        Upplåsning begärd. Länsservice svarar under Meddelanden på Kvittera BMB.
      </p>
    );
  }
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-2 print:hidden" noValidate data-guide="unlock-request">
      <input type="hidden" name="bmbId" value={bmbId} />
      <MessageField label="Meddelande till Länsservice (frivilligt)" defaultValue={state.values.message} />
      <FormMessage>{state.failure?.message}</FormMessage>
      <div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          Begär upplåsning
        </button>
      </div>
    </form>
  );
}
