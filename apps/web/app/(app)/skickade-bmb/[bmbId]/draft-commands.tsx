'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { TRAINING_NOTICE_ID } from '@/components/training/training-notice-id';
import { discardBmbDraft, sendBmb, type BmbCommandState } from '../actions';

/**
 * Under a saved draft: Verkställ sends it, Ändra reopens the form, Kassera throws it away
 * after asking, in the page (no window.confirm): focus moves to the question's Avbryt,
 * and back to Kassera utkastet when cancelled.
 * While the sender must train first (`trainingNotice`, shown at the top), Verkställ is disabled.
 */
export function DraftCommands({
  bmbId,
  idempotencyKey,
  editHref,
  trainingNotice = null,
}: {
  bmbId: string;
  idempotencyKey: string;
  editHref: string;
  trainingNotice?: string | null;
}) {
  const [sendState, send, sending] = useActionState<BmbCommandState, FormData>(sendBmb, {});
  const [discardState, discard, discarding] = useActionState<BmbCommandState, FormData>(discardBmbDraft, {});
  const [discardStep, setDiscardStep] = useState<'idle' | 'confirming' | 'cancelled'>('idle');
  const refused = sendState.failure?.message ?? discardState.failure?.message;
  // A refusal saying what the notice at the top already says is not said twice.
  const problem = refused === trainingNotice ? undefined : refused;
  return (
    <div className="flex flex-col gap-3 print:hidden">
      <p role="alert" className="text-red-800 empty:hidden">
        {problem}
      </p>
      <div className="flex flex-wrap gap-3">
        <form action={send}>
          <input type="hidden" name="bmbId" value={bmbId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <button
            type="submit"
            aria-disabled={sending}
            disabled={trainingNotice !== null}
            aria-describedby={trainingNotice ? TRAINING_NOTICE_ID : undefined}
            data-guide="verkstall"
            className="rounded bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800 disabled:cursor-not-allowed disabled:opacity-70"
          >
            Verkställ
          </button>
        </form>
        <Link href={editHref} className="rounded border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100">
          Ändra
        </Link>
        {discardStep === 'confirming' ? null : (
          <button
            type="button"
            autoFocus={discardStep === 'cancelled'}
            onClick={() => setDiscardStep('confirming')}
            className="rounded border border-red-700 px-5 py-2 font-medium text-red-800 hover:bg-red-50"
          >
            Kassera utkastet
          </button>
        )}
      </div>
      {discardStep === 'confirming' ? (
        <form
          action={discard}
          role="group"
          aria-labelledby="kassera-fraga"
          className="flex max-w-xl flex-col gap-3 rounded border border-red-300 bg-red-50 p-4"
        >
          <input type="hidden" name="bmbId" value={bmbId} />
          <p id="kassera-fraga" className="font-medium">
            Vill du kassera utkastet? Det kan inte ångras.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="submit"
              disabled={discarding}
              className="rounded bg-red-700 px-5 py-2 font-semibold text-white hover:bg-red-800 disabled:opacity-70"
            >
              Ja, kassera utkastet
            </button>
            <button
              type="button"
              autoFocus
              onClick={() => setDiscardStep('cancelled')}
              className="rounded border border-slate-500 bg-white px-5 py-2 font-medium hover:bg-slate-50"
            >
              Avbryt
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
