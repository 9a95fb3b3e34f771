import type { Metadata } from 'next';
import { PatientSearchForm } from './patient-search-form';

export const metadata: Metadata = { title: 'Hjälpmedel' };

export default function HjalpmedelPage() {
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Hjälpmedel</h1>
      <p className="text-slate-700">
        Skriv in aktuell patients personnummer med alla 12 siffror och klicka på Sök.
      </p>
      <PatientSearchForm />
    </div>
  );
}
