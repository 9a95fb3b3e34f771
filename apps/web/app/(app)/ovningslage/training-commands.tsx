'use client';

import { useActionState } from 'react';
import { continueTraining, startTraining, type TrainingCommandState } from './actions';

const primary = 'rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70';
const secondary = 'rounded border border-brand-700 px-4 py-2 font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-70';

/** Starta, Fortsätt and Börja om for one scenario: Börja om on every card once begun, the current one included. */
export function TrainingCommands({
  scenario,
  title,
  activeRunId,
  restart,
}: {
  scenario: string;
  title: string;
  /** An unfinished run the learner is not in now: Fortsätt goes back into it. */
  activeRunId: string | null;
  /** Begun before (in progress, now or earlier, or completed): the start is a restart. */
  restart: boolean;
}) {
  const [startState, start, starting] = useActionState<TrainingCommandState, FormData>(startTraining, {});
  const [continueState, resume, resuming] = useActionState<TrainingCommandState, FormData>(continueTraining, {});
  const problem = startState.failure?.message ?? continueState.failure?.message;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {activeRunId ? (
          <form action={resume}>
            <input type="hidden" name="runId" value={activeRunId} />
            <button type="submit" disabled={resuming} className={primary} aria-label={`Fortsätt ${title}`}>
              Fortsätt
            </button>
          </form>
        ) : null}
        <form action={start}>
          <input type="hidden" name="scenario" value={scenario} />
          <button
            type="submit"
            disabled={starting}
            className={activeRunId ? secondary : primary}
            aria-label={`${restart ? 'Börja om' : 'Starta'} ${title}`}
          >
            {restart ? 'Börja om' : 'Starta'}
          </button>
        </form>
      </div>
      {problem ? (
        <p role="alert" className="text-red-800">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
