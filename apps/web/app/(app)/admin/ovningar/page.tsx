import { getDb } from '@bmb/db/client';
import {
  findRegionRules,
  findRequiredTraining,
  listStaffInTraining,
  listTrainingCompletions,
  listUnfinishedTrainingRuns,
  trainingStepStatistics,
} from '@bmb/db/queries';
import { isTrainingScenarioKey, missingRequiredTraining, swedishDate, trainingScenarios } from '@bmb/domain';
import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';
import { requestNow } from '@/lib/request-clock';
import { NumberRuleForm } from '@/components/forms/number-rule-form';
import { setTrainingReminderDays } from './actions';
import { MarkNewStaffForm, ReleaseButton } from './training-requirement-form';

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
 * Admin → Övningar: which scenarios the region requires, every new staff
 * member who has not trained yet (and how long they have had an account),
 * with "Släpp från kravet" and "Markera som ny medarbetare"; runs in progress
 * and abandoned; who has completed what; and per step of the manual, where
 * learners got hints and how long the step takes.
 */
export default async function TrainingCompletionsPage() {
  const { user, admin } = await requireAdmin('/admin/ovningar');
  const db = await getDb();
  const [rows, steps, required, staff, unfinished, rules] = await Promise.all([
    listTrainingCompletions(db, admin),
    trainingStepStatistics(db, admin),
    findRequiredTraining(db, admin.workspaceId),
    listStaffInTraining(db, admin),
    listUnfinishedTrainingRuns(db, admin),
    findRegionRules(db, admin),
  ]);
  const titleOf = (key: string) => (isTrainingScenarioKey(key) ? trainingScenarios[key].title : key);
  // Everyone listed is marked as new staff; the rule of what they still lack is the domain's.
  const untrained = staff
    .map((p) => ({ ...p, missing: missingRequiredTraining({ trainingRequired: true }, required, p.completed) }))
    .filter((p) => p.missing.length > 0);
  const now = (await requestNow(user)).getTime();
  const daysSince = (at: Date) => Math.max(0, Math.floor((now - at.getTime()) / 86_400_000));
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2';
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Övningar</h1>
      <p data-testid="required-training">
        {required.length
          ? `Regionen kräver att nya medarbetare gör ${required.length > 1 ? 'övningarna' : 'övningen'} ${required.map(titleOf).join(' och ')} innan de skickar eller kvitterar en riktig BMB.`
          : 'Regionen kräver inga övningar före en riktig BMB.'}
      </p>

      <h2 className="text-lg font-semibold">Nya medarbetare som inte har övat klart</h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="stack-table w-full border-collapse text-sm" data-testid="untrained-staff">
          <caption className="sr-only">Nya medarbetare som inte har övat klart</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col" className={th}>Användare</th>
              <th scope="col" className={th}>Konto skapat</th>
              <th scope="col" className={th}>Kvar att göra</th>
              <th scope="col" className={th}><span className="sr-only">Åtgärd</span></th>
            </tr>
          </thead>
          <tbody>
            {untrained.length === 0 ? (
              <tr className="border-t border-slate-200">
                <td className={td} colSpan={4}>
                  Ingen träff.
                </td>
              </tr>
            ) : (
              untrained.map((p) => (
                <tr key={p.id} className="border-t border-slate-200">
                  <th data-label="Användare" scope="row" className={`${td} text-left font-normal`}>
                    {p.name} (<span className="font-mono">{p.username}</span>)
                  </th>
                  <td data-label="Konto skapat" className={td}>
                    {swedishDate(p.createdAt)} ({daysSince(p.createdAt)} dagar sedan)
                  </td>
                  <td data-label="Kvar att göra" className={td}>
                    {p.missing.map(titleOf).join(', ')}
                  </td>
                  <td className={td}>
                    <ReleaseButton username={p.username} name={p.name} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <MarkNewStaffForm />
      <NumberRuleForm
        action={setTrainingReminderDays}
        name="days"
        value={rules.trainingReminderDays}
        label="Påminn nya som inte övat efter (dagar)"
        hint="En påminnelse per person, med e-post, räknat från när kontot skapades."
        errorKey="trainingReminderDays"
        saved="Sparat: nya som inte övat påminns efter {n} dagar."
      />

      <h2 className="text-lg font-semibold">Pågående och avbrutna övningar</h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="stack-table w-full border-collapse text-sm" data-testid="unfinished-runs">
          <caption className="sr-only">Pågående och avbrutna övningar</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col" className={th}>Användare</th>
              <th scope="col" className={th}>Övning</th>
              <th scope="col" className={th}>Läge</th>
              <th scope="col" className={th}>Startad</th>
              <th scope="col" className={th}>Senast aktiv</th>
            </tr>
          </thead>
          <tbody>
            {unfinished.length === 0 ? (
              <tr className="border-t border-slate-200">
                <td className={td} colSpan={5}>
                  Ingen träff.
                </td>
              </tr>
            ) : (
              unfinished.map((run) => {
                const steps = isTrainingScenarioKey(run.scenario) ? trainingScenarios[run.scenario].steps : [];
                const at = steps[Math.min(run.step, steps.length - 1)]?.label;
                return (
                  <tr key={run.id} className="border-t border-slate-200">
                    <td data-label="Användare" className={td}>
                      {run.name} (<span className="font-mono">{run.username}</span>)
                    </td>
                    <td data-label="Övning" className={td}>{titleOf(run.scenario)}</td>
                    <td data-label="Läge" className={td}>
                      {run.status === 'active' ? `Pågår, steg ${at ?? '–'}` : `Avbruten vid steg ${at ?? '–'}`}
                    </td>
                    <td data-label="Startad" className={td}>{swedishDate(run.startedAt)}</td>
                    <td data-label="Senast aktiv" className={td}>{swedishDate(run.updatedAt)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>

      <h2 className="text-lg font-semibold">Genomförda övningar</h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="stack-table w-full border-collapse text-sm">
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
                  <td data-label="Användare" className={td}>
                    {row.name} (<span className="font-mono">{row.username}</span>)
                  </td>
                  <td data-label="Övning" className={td}>{isTrainingScenarioKey(row.scenario) ? trainingScenarios[row.scenario].title : row.scenario}</td>
                  <td data-label="Klar" className={td}>{swedishDate(row.completedAt)}</td>
                  <td data-label="Tid" className={td}>{duration(row.startedAt, row.completedAt)}</td>
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
        <table className="stack-table w-full border-collapse text-sm" data-testid="training-steps">
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
                  <td data-label="Övning" className={td}>{isTrainingScenarioKey(row.scenario) ? trainingScenarios[row.scenario].title : row.scenario}</td>
                  <th data-label="Steg" scope="row" className={`${td} text-left font-normal`}>
                    {row.label}
                  </th>
                  <td data-label="Nått steget" className={td}>{row.runs}</td>
                  <td data-label="Fick tips" className={td}>{row.learnersHinted} {row.learnersHinted === 1 ? 'person' : 'personer'}</td>
                  <td data-label="Tips totalt" className={td}>{row.hints}</td>
                  <td data-label="Tid (median)" className={td}>{stepTime(row.medianSeconds)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
