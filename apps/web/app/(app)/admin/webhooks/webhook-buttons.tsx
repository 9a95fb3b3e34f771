'use client';

import { useActionState, useState } from 'react';
import { disableWebhook, resendDelivery, type WebhookButtonState } from './actions';

const small = 'rounded px-3 py-1.5 text-sm font-semibold disabled:opacity-70';

/**
 * "Stäng av" on one endpoint, confirmed first: it cannot be switched on again
 * (registering the address anew gives a new secret). Its name says which
 * endpoint, for screen readers.
 */
export function DisableWebhookButton({ webhookId, url }: { webhookId: string; url: string }) {
  const [state, formAction, pending] = useActionState<WebhookButtonState, FormData>(
    disableWebhook,
    {},
  );
  // Focus follows the step: to Avbryt when asked, back to Stäng av when cancelled.
  const [step, setStep] = useState<'idle' | 'confirming' | 'cancelled'>('idle');
  const confirming = step === 'confirming';
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="webhookId" value={webhookId} />
      {confirming ? (
        <>
          <p className="text-sm">Inget mer skickas till adressen. Stäng av?</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={pending}
              aria-label={`Ja, stäng av webhooken ${url}`}
              className={`${small} bg-red-700 text-white hover:bg-red-800`}
            >
              Ja, stäng av
            </button>
            <button
              type="button"
              autoFocus
              onClick={() => setStep('cancelled')}
              className={`${small} border border-slate-500 hover:bg-slate-50`}
            >
              Avbryt
            </button>
          </div>
        </>
      ) : (
        <button
          type="button"
          autoFocus={step === 'cancelled'}
          onClick={() => setStep('confirming')}
          aria-label={`Stäng av webhooken ${url}`}
          className={`${small} border border-red-700 text-red-800 hover:bg-red-50`}
        >
          Stäng av
        </button>
      )}
      <p role="alert" className="text-sm text-red-800 empty:hidden">
        {state.failure?.message}
      </p>
    </form>
  );
}

/** "Skicka igen" on one failing or given-up delivery. */
export function ResendDeliveryButton({ deliveryId, what }: { deliveryId: string; what: string }) {
  const [state, formAction, pending] = useActionState<WebhookButtonState, FormData>(
    resendDelivery,
    {},
  );
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button
        type="submit"
        disabled={pending || state.done === true}
        aria-label={`Skicka igen: ${what}`}
        className={`${small} bg-brand-700 text-white hover:bg-brand-800`}
      >
        Skicka igen
      </button>
      <p role="status" className="text-sm empty:hidden">
        {state.done ? 'Skickas inom kort.' : null}
      </p>
      <p role="alert" className="text-sm text-red-800 empty:hidden">
        {state.failure?.message}
      </p>
    </form>
  );
}
