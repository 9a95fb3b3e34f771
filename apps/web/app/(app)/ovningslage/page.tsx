import { getDb } from '@bmb/db/client';
import { listTrainingRunsOf } from '@bmb/db/queries';
import { swedishDate, trainingScenarioKeys, trainingScenarios } from '@bmb/domain';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/current-user';
import { missingTrainingFor, trainingRequiredMessage } from '@/lib/training/requirement';
import { TrainingCommands } from './training-commands';

export const metadata: Metadata = { title: 'Övningsläge' };

/** Övningsläge: the manual's steps on fictional data, in the real screens. */
export default async function TrainingPage() {
  const user = await requireUser();
  const db = await getDb();
  const [runs, missing] = await Promise.all([
    listTrainingRunsOf(db, user.identity.workspaceId, user.identity.prescriberId),
    missingTrainingFor(db, { ...user, training: null }),
  ]);

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Övningsläge</h1>
      <p>
        Öva på BMB steg för steg som i utbildningsmanualen, med påhittade patienter och kollegor. Allt du gör i en
        övning stannar i din egen övningsmiljö och påverkar inga riktiga hjälpmedel.
      </p>
      {missing.length ? (
        <p className="rounded border border-amber-400 bg-amber-50 p-3" data-testid="training-requirement">
          {trainingRequiredMessage(missing, 'skicka')} Samma gäller för att kvittera.
        </p>
      ) : null}
      <ul className="flex flex-col gap-4">
        {trainingScenarioKeys.map((key) => {
          const scenario = trainingScenarios[key];
          const mine = runs.filter((r) => r.scenario === key);
          const active = mine.find((r) => r.status === 'active');
          const completed = mine.find((r) => r.status === 'completed');
          // The manual's label is the only counter, as in the guide.
          const progress = active
            ? `Pågår: steg ${scenario.steps[Math.min(active.step, scenario.steps.length - 1)]!.label}`
            : completed
              ? `Klar ${swedishDate(completed.completedAt!)}`
              : 'Inte påbörjad';
          const current = user.training?.runId === active?.id && active !== undefined;
          return (
            <li key={key} className="flex flex-wrap items-start justify-between gap-4 rounded border border-slate-200 bg-white p-4">
              <div className="max-w-xl">
                <h2 className="text-lg font-semibold">{scenario.title}</h2>
                <p className="text-slate-700">{scenario.description}</p>
                <p className="mt-1 font-medium" data-testid={`progress-${key}`}>
                  {progress}
                  {current ? ' – du är i den nu; följ guiden överst' : ''}
                </p>
              </div>
              <TrainingCommands
                scenario={key}
                title={scenario.title}
                activeRunId={current ? null : (active?.id ?? null)}
                restart={current || !!active || !!completed}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
