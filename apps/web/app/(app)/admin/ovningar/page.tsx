import { getDb } from '@bmb/db/client';
import { listTrainingCompletions, trainingStepStatistics } from '@bmb/db/queries';
import { isTrainingScenarioKey, swedishDate, trainingScenarios } from '@bmb/domain';
import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Övningar' };

function duration(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.round((to.getTime() - from.getTime()) / 60_000));
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** A step's median time, in the unit that reads best. */
function stepTime(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  return seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
}

/**
 * Admin → Övningar: who has completed which training scenario, when, and how
 * long it took; and per step of the manual, where learners got hints and how
 * long the step takes, so the region sees where the manual is hard.
 */
export default async function TrainingCompletionsPage() {
  const { admin } = await requireAdmin('/admin/ovningar');
  const db = await getDb();
  const [rows, steps] = await Promise.all([listTrainingCompletions(db, admin), trainingStepStatistics(db, admin)]);
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2';
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Övningar</h1>
      <h2 className="text-lg font-semibold">Genomförda övningar</h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Genomförda övningar</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col" className={th}>Användare</th>
              <th scope="col" className={th}>Övning</th>
              <th scope="col" className={th}>Klar</th>
              <th scope="col" className={th}>Tid</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr className="border-t border-slate-200">
                <td className={td} colSpan={4}>
                  Ingen träff.
                </td>
              </tr>
            ) : (
              rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-200">
                  <td className={td}>
                    {row.name} (<span className="font-mono">{row.username}</span>)
                  </td>
                  <td className={td}>{isTrainingScenarioKey(row.scenario) ? trainingScenarios[row.scenario].title : row.scenario}</td>
                  <td className={td}>{swedishDate(row.completedAt)}</td>
                  <td className={td}>{duration(row.startedAt, row.completedAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <h2 className="text-lg font-semibold">Steg för steg: var behöver de nya hjälp?</h2>
      <p className="max-w-3xl text-slate-700">
        För varje steg i manualen: hur många övningar som nått steget, hur många som fått ett tips där (guiden såg fel
        patient, fel hjälpmedel, ett nekat försök …), och hur lång tid steget tar (median).
      </p>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="training-steps">
          <caption className="sr-only">Tips och tid per steg</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col" className={th}>Övning</th>
              <th scope="col" className={th}>Steg</th>
              <th scope="col" className={th}>Nått steget</th>
              <th scope="col" className={th}>Fick tips</th>
              <th scope="col" className={th}>Tips totalt</th>
              <th scope="col" className={th}>Tid (median)</th>
            </tr>
          </thead>
          <tbody>
            {steps.length === 0 ? (
              <tr className="border-t border-slate-200">
                <td className={td} colSpan={6}>
                  Ingen träff.
                </td>
              </tr>
            ) : (
              steps.map((row) => (
                <tr key={`${row.scenario}-${row.step}`} className="border-t border-slate-200">
                  <td className={td}>{isTrainingScenarioKey(row.scenario) ? trainingScenarios[row.scenario].title : row.scenario}</td>
                  <th scope="row" className={`${td} text-left font-normal`}>
                    {row.label}
                  </th>
                  <td className={td}>{row.runs}</td>
                  <td className={td}>{row.learnersHinted} {row.learnersHinted === 1 ? 'person' : 'personer'}</td>
                  <td className={td}>{row.hints}</td>
                  <td className={td}>{stepTime(row.medianSeconds)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
