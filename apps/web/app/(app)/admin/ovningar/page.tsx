import { getDb } from '@bmb/db/client';
import { listTrainingCompletions } from '@bmb/db/queries';
import { isTrainingScenarioKey, swedishDate, trainingScenarios } from '@bmb/domain';
import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';

export const metadata: Metadata = { title: 'Övningar' };

function duration(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.round((to.getTime() - from.getTime()) / 60_000));
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** Admin → Övningar: who has completed which training scenario, when, and how long it took. */
export default async function TrainingCompletionsPage() {
  const { admin } = await requireAdmin('/admin/ovningar');
  const rows = await listTrainingCompletions(await getDb(), admin);
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2';
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Övningar</h1>
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
    </div>
  );
}
