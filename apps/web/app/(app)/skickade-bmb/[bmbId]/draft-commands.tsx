'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { discardBmbDraft, sendBmb, type BmbCommandState } from '../actions';

/** Under a saved draft: Verkställ sends it, Ändra reopens the form, Kassera throws it away. */
export function DraftCommands({
  bmbId,
  idempotencyKey,
  editHref,
}: {
  bmbId: string;
  idempotencyKey: string;
  editHref: string;
}) {
  const [sendState, send, sending] = useActionState<BmbCommandState, FormData>(sendBmb, {});
  const [discardState, discard, discarding] = useActionState<BmbCommandState, FormData>(discardBmbDraft, {});
  const problem = sendState.failure?.message ?? discardState.failure?.message;
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
            data-guide="verkstall"
            className="rounded bg-brand-700 px-6 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Verkställ
          </button>
        </form>
        <Link href={editHref} className="rounded border border-slate-400 px-5 py-2 font-medium hover:bg-slate-100">
          Ändra
        </Link>
        <form action={discard}>
          <input type="hidden" name="bmbId" value={bmbId} />
          <button
            type="submit"
            disabled={discarding}
            className="rounded border border-red-700 px-5 py-2 font-medium text-red-800 hover:bg-red-50"
          >
            Kassera utkastet
          </button>
        </form>
      </div>
    </div>
  );
}
