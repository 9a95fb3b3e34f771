'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { leaveTraining, moveTrainingClock } from '@/app/(app)/ovningslage/actions';
import type { TrainingStatus } from '@/lib/training/progress';

const ACTIVE = 'data-guide-active';

/** Marks the element the current step is about, like the red circles in the manual's pictures. */
function highlight(target: string | null) {
  document.querySelectorAll(`[${ACTIVE}]`).forEach((el) => el.removeAttribute(ACTIVE));
  if (target) document.querySelectorAll(`[data-guide="${target}"]`).forEach((el) => el.setAttribute(ACTIVE, 'true'));
}

/** Asks the server where the learner is, reporting the page shown (or none after a form). */
async function fetchStatus(path: string | null, signal?: AbortSignal): Promise<TrainingStatus | null> {
  const response = await fetch('/api/ovning', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path }),
    signal,
  });
  return response.ok ? ((await response.json()) as TrainingStatus) : null;
}

/**
 * The guide panel: the step's number and the manual's text, a progress bar, a
 * hint when something went wrong, and "Visa var" to move focus to the element.
 * Progress is the server's: the panel asks after every page and every form.
 */
export function TrainingGuide({ initial }: { initial: TrainingStatus }) {
  const pathname = usePathname();
  const [status, setStatus] = useState(initial);

  const refresh = (path: string | null, signal?: AbortSignal) =>
    fetchStatus(path, signal)
      .then((next) => next && setStatus(next))
      .catch(() => {});

  useEffect(() => {
    const controller = new AbortController();
    fetchStatus(pathname, controller.signal)
      .then((next) => next && setStatus(next))
      .catch(() => {});
    return () => controller.abort();
  }, [pathname]);

  useEffect(() => {
    // After a form is sent, ask again: the action may have completed the step.
    const timers: ReturnType<typeof setTimeout>[] = [];
    const onSubmit = () => {
      for (const delay of [800, 2500]) {
        timers.push(
          setTimeout(() => {
            fetchStatus(null)
              .then((next) => next && setStatus(next))
              .catch(() => {});
          }, delay),
        );
      }
    };
    document.addEventListener('submit', onSubmit, true);
    return () => {
      document.removeEventListener('submit', onSubmit, true);
      timers.forEach(clearTimeout);
    };
  }, []);

  useEffect(() => {
    const target = status.done ? null : (status.current?.target ?? null);
    highlight(target);
    // Some targets appear a moment later (client forms); mark them too.
    const timer = setTimeout(() => highlight(target), 400);
    return () => clearTimeout(timer);
  }, [status, pathname]);

  const showWhere = () => {
    const el = document.querySelector<HTMLElement>(`[data-guide="${status.current?.target}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    const focusable = el.matches('a, button, input, select, textarea')
      ? el
      : el.querySelector<HTMLElement>('a, button, input, select, textarea');
    focusable?.focus();
  };

  const percent = Math.round((status.step / status.total) * 100);
  return (
    <aside aria-labelledby="guide-heading" className="mb-6 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 print:hidden">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="guide-heading" className="text-lg font-semibold">
          Övning: {status.scenarioTitle}
        </h2>
        <span className="text-sm">
          {status.done ? 'Klar' : `Steg ${status.step + 1} av ${status.total}`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Framsteg i övningen"
        aria-valuemin={0}
        aria-valuemax={status.total}
        aria-valuenow={status.step}
        aria-valuetext={status.done ? 'Klar' : `Steg ${status.step + 1} av ${status.total}`}
        className="mt-2 h-2 w-full rounded bg-amber-200"
      >
        <div className="h-2 rounded bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <div aria-live="polite" className="mt-3" data-testid="guide-step">
        {status.done ? (
          <p>
            <strong>Klart!</strong> Du har gått igenom alla steg i övningen {status.scenarioTitle}.
          </p>
        ) : status.current ? (
          <p>
            <strong className="mr-2 inline-block rounded bg-brand-800 px-2 py-0.5 text-white">{status.current.label}</strong>
            {status.current.text}
          </p>
        ) : null}
      </div>
      {status.mistake && !status.done ? (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-white p-2 text-red-900" data-testid="guide-hint">
          Det blev inte rätt: {status.mistake.message}
          {status.mistake.hint ? ` Tips: ${status.mistake.hint}` : ''}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {status.done ? (
          <form
            action={async () => {
              await leaveTraining();
            }}
          >
            <button type="submit" className="rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800">
              Avsluta övningen
            </button>
          </form>
        ) : (
          <button type="button" onClick={showWhere} className="rounded border border-brand-700 bg-white px-3 py-1.5 font-medium text-brand-800">
            Visa var
          </button>
        )}
        {status.offersClockMove && !status.done ? (
          <form action={async () => { await moveTrainingClock(); await refresh(null); }}>
            <button type="submit" data-guide="move-clock" className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800">
              Låt 7 dagar gå
            </button>
          </form>
        ) : null}
      </div>
    </aside>
  );
}
