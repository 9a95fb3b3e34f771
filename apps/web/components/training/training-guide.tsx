'use client';

import { usePathname } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import {
  acknowledgeTrainingStep,
  leaveTraining,
  moveTrainingClock,
  startTraining,
  type TrainingCommandState,
} from '@/app/(app)/ovningslage/actions';
import type { TrainingStatus } from '@/lib/training/progress';

const ACTIVE = 'data-guide-active';
const primary = 'rounded bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70';
const secondary =
  'rounded border border-brand-700 bg-white px-3 py-1.5 font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-70';

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

/** The height of the sticky training header (banner and this panel), which covers the page's top. */
function coveredTop(): number {
  return document.querySelector('[data-training-header]')?.getBoundingClientRect().bottom ?? 0;
}

/** Börja om: a fresh sandbox for the same scenario, from wherever the learner is. */
function RestartButton({ scenario, title, emphasised }: { scenario: string; title: string; emphasised: boolean }) {
  const [state, start, starting] = useActionState<TrainingCommandState, FormData>(startTraining, {});
  return (
    <form action={start}>
      <input type="hidden" name="scenario" value={scenario} />
      <button type="submit" disabled={starting} className={emphasised ? primary : secondary} aria-label={`Börja om ${title}`}>
        Börja om
      </button>
      {state.failure ? (
        <span role="alert" className="ml-2 text-red-800">
          {state.failure.message}
        </span>
      ) : null}
    </form>
  );
}

/**
 * The guide panel, always in view: the manual's label of the current step as
 * its only counter, the manual's text, what is wrong in the learner's work
 * (named by the server from the sandbox), Nästa on a step that only explains,
 * Börja om at any time and right there when the sandbox is stuck, and
 * "Visa var" to move focus to the element. Progress is the server's: the
 * panel asks after every page and every form.
 */
export function TrainingGuide({ initial }: { initial: TrainingStatus }) {
  const pathname = usePathname();
  const [status, setStatus] = useState(initial);
  const [folded, setFolded] = useState(false);
  const [advancing, setAdvancing] = useState(false);

  const refresh = (path: string | null, signal?: AbortSignal) =>
    fetchStatus(path, signal)
      .then((next) => next && setStatus(next))
      .catch(() => {});

  useEffect(() => {
    const controller = new AbortController();
    void refresh(pathname, controller.signal);
    return () => controller.abort();
  }, [pathname]);

  useEffect(() => {
    // After a form is sent, ask again: the action may have changed the sandbox.
    const timers: ReturnType<typeof setTimeout>[] = [];
    const onSubmit = () => {
      for (const delay of [800, 2500]) timers.push(setTimeout(() => void refresh(null), delay));
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
    // Below the sticky header, never under it.
    const top = el.getBoundingClientRect().top + window.scrollY - coveredTop() - 16;
    window.scrollTo({ top: Math.max(0, top) });
    const focusable = el.matches('a, button, input, select, textarea')
      ? el
      : el.querySelector<HTMLElement>('a, button, input, select, textarea');
    focusable?.focus({ preventScroll: true });
  };

  const next = async () => {
    setAdvancing(true);
    try {
      const form = new FormData();
      form.set('step', String(status.step));
      const moved = await acknowledgeTrainingStep({}, form);
      if (moved.status) setStatus(moved.status);
    } finally {
      setAdvancing(false);
    }
  };

  const steps = status.labels;
  return (
    <aside
      aria-labelledby="guide-heading"
      className="max-h-[45vh] overflow-y-auto border-b-2 border-amber-400 bg-amber-50 px-4 py-3 sm:px-6 print:hidden"
      data-testid="training-guide"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="guide-heading" className="text-lg font-semibold">
          Övning: {status.scenarioTitle}
        </h2>
        <button
          type="button"
          className="text-sm font-medium text-brand-800 underline"
          aria-expanded={!folded}
          aria-controls="guide-body"
          onClick={() => setFolded((f) => !f)}
        >
          {folded ? 'Visa guiden' : 'Minimera guiden'}
        </button>
      </div>
      <ol aria-label="Stegen i manualen" className="mt-2 flex flex-wrap gap-1 text-sm">
        {steps.map((label, i) => {
          const current = !status.done && i === status.step;
          const passed = status.done || i < status.step;
          return (
            <li
              key={label}
              aria-current={current ? 'step' : undefined}
              className={
                current
                  ? 'rounded bg-brand-800 px-2 py-0.5 font-semibold text-white'
                  : passed
                    ? 'rounded bg-amber-200 px-2 py-0.5 text-slate-900'
                    : 'rounded border border-amber-300 px-2 py-0.5 text-slate-800'
              }
            >
              {passed ? <span className="sr-only">Klart: </span> : null}
              {label}
              {passed ? ' ✓' : ''}
            </li>
          );
        })}
      </ol>
      <div id="guide-body" hidden={folded}>
        <div aria-live="polite" className="mt-2" data-testid="guide-step">
          {status.done ? (
            <p>
              <strong>Klart!</strong> Du har gått igenom alla steg i övningen {status.scenarioTitle}.
            </p>
          ) : status.current ? (
            <p>
              <strong className="mr-2 inline-block rounded bg-brand-800 px-2 py-0.5 text-white" data-testid="guide-label">
                {status.current.label}
              </strong>
              {status.current.text}
            </p>
          ) : null}
        </div>
        {status.stuck ? (
          <p role="alert" className="mt-2 rounded border border-red-300 bg-white p-2 text-red-900" data-testid="guide-stuck">
            {status.stuck}
          </p>
        ) : status.wrong ? (
          <p role="status" className="mt-2 rounded border border-red-300 bg-white p-2 text-red-900" data-testid="guide-hint">
            Inte riktigt: {status.wrong}
          </p>
        ) : status.mistake && !status.done ? (
          <p role="alert" className="mt-2 rounded border border-red-300 bg-white p-2 text-red-900" data-testid="guide-hint">
            Det blev inte rätt: {status.mistake.message}
            {status.mistake.hint ? ` Tips: ${status.mistake.hint}` : ''}
          </p>
        ) : null}
        <div className="mt-2 flex flex-wrap gap-2">
          {status.done ? (
            <form
              action={async () => {
                await leaveTraining();
              }}
            >
              <button type="submit" className={primary}>
                Avsluta övningen
              </button>
            </form>
          ) : (
            <>
              {status.current?.explains && !status.stuck ? (
                <button type="button" onClick={next} disabled={advancing} className={primary}>
                  Nästa
                </button>
              ) : null}
              {!status.stuck ? (
                <button type="button" onClick={showWhere} className={secondary}>
                  Visa var
                </button>
              ) : null}
              {status.offersClockMove ? (
                <form
                  action={async () => {
                    await moveTrainingClock();
                    await refresh(null);
                  }}
                >
                  <button type="submit" data-guide="move-clock" className={primary}>
                    Låt 7 dagar gå
                  </button>
                </form>
              ) : null}
            </>
          )}
          <RestartButton scenario={status.scenario} title={status.scenarioTitle} emphasised={status.stuck !== null} />
        </div>
      </div>
    </aside>
  );
}
