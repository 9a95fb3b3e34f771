'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { openPatientView, type OpenPatientViewState } from './actions';

/**
 * Shown instead of a page with patient data when the request came from
 * outside BMB (a link on another site or in a mail, a typed address): nothing
 * of the patient is sent and no lookup is recorded until the user clicks.
 */
export function ConfirmPatientView({ path, what }: { path: string; what: string }) {
  const [state, action, pending] = useActionState<OpenPatientViewState, FormData>(openPatientView, {});
  return (
    <section aria-labelledby="confirm-heading" className="flex max-w-2xl flex-col gap-4 rounded border border-slate-200 bg-white p-6">
      <h1 id="confirm-heading" className="text-2xl font-semibold">
        Vill du öppna {what}?
      </h1>
      <p>
        Sidan öppnades från en länk utanför BMB. Den visar patientuppgifter, och varje visning loggas i ditt namn. Öppna
        den bara om du själv vill se den.
      </p>
      <form action={action} className="flex flex-wrap gap-3">
        <input type="hidden" name="path" value={path} />
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          Visa
        </button>
        <Link href="/hjalpmedel" className="rounded border border-brand-700 px-5 py-2 font-medium text-brand-800">
          Till startsidan
        </Link>
      </form>
      {state.failure ? (
        <p role="alert" className="text-red-800">
          {state.failure.message}
        </p>
      ) : null}
    </section>
  );
}
