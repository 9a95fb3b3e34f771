'use client';

import { leaveTraining } from '@/app/(app)/ovningslage/actions';

/** Always visible in Övningsläge (the layout keeps it at the top): nobody should mistake a sandbox for real work. */
export function TrainingBanner({ scenarioTitle }: { scenarioTitle: string }) {
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-3 bg-amber-300 px-4 py-2 text-slate-900 sm:px-6 print:hidden"
      data-testid="training-banner"
    >
      <p>
        <strong>Övningsläge</strong> – {scenarioTitle}. Du arbetar med påhittade patienter och kollegor; inget påverkar
        riktiga hjälpmedel.
      </p>
      <form
        action={async () => {
          await leaveTraining();
        }}
      >
        <button type="submit" className="rounded border border-slate-900 bg-white px-3 py-1 font-medium hover:bg-amber-50">
          Avsluta övningen
        </button>
      </form>
    </div>
  );
}
