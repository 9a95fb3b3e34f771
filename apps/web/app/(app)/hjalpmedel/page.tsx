import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/current-user';
import { PatientSearchForm } from './patient-search-form';
import { WhatWaits } from './what-waits';

export const metadata: Metadata = { title: 'Hjälpmedel' };

/** The start page (the manual's Utgångsbild): what waits for you, and the patient search. */
export default async function HjalpmedelPage() {
  const user = await requireUser();
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Hjälpmedel</h1>
      <WhatWaits user={user} />
      <p className="text-slate-700">
        Skriv in aktuell patients personnummer med alla 12 siffror och klicka på Sök.
      </p>
      <PatientSearchForm />
    </div>
  );
}
