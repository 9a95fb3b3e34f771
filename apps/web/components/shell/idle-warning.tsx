'use client';

import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { keepSessionAlive } from './session-actions';

/** How long before the idle timeout the warning comes. */
const WARN_MINUTES = 2;
/**
 * The server moves a session's last-seen time at most once a minute
 * (TOUCH_INTERVAL_MS in lib/auth/session-user.ts), so it may count from up to a
 * minute before the page's last request: the page counts from that minute too.
 */
const SERVER_SLACK_MS = 60_000;
/** Tabs share their activity: a request in one keeps the others' session alive too. */
const STORAGE_KEY = 'bmb.last-activity';
const MINUTE = 60_000;

type Phase = 'active' | 'warning' | 'expired';

/**
 * The idle timeout, said before it happens (WCAG 2.2.1): two minutes before,
 * "Du loggas ut om 2 minuter" with Fortsätt, which makes a request and so keeps
 * the session. After the timeout, a login link that brings the user back to the
 * page they were on (`returnTo`, validated by the login page).
 * Activity is what the server sees: page loads, navigations and form posts.
 */
export function IdleWarning({ idleMinutes }: { idleMinutes: number }) {
  const pathname = usePathname();
  const [phase, setPhase] = useState<Phase>('active');
  const [returnTo, setReturnTo] = useState('/');
  // Set at mount, by the navigation effect below.
  const lastActivity = useRef(0);
  const continueButton = useRef<HTMLButtonElement>(null);
  const focusBefore = useRef<Element | null>(null);

  /** Counts activity; the phase follows within a second (the timer below). */
  const recordActivity = useCallback((at: number, share: boolean) => {
    lastActivity.current = Math.max(lastActivity.current, at);
    if (!share) return;
    try {
      localStorage.setItem(STORAGE_KEY, String(lastActivity.current));
    } catch {
      // Storage may be off; this tab still counts its own activity.
    }
  }, []);
  const noteActivity = useCallback(
    (at = Date.now(), share = true) => {
      recordActivity(at, share);
      setPhase((p) => (p === 'expired' ? p : 'active'));
    },
    [recordActivity],
  );
  const expire = useCallback(() => {
    setReturnTo(`${window.location.pathname}${window.location.search}`);
    setPhase('expired');
  }, []);

  // A navigation is a request to the server.
  useEffect(() => recordActivity(Date.now(), true), [pathname, recordActivity]);

  useEffect(() => {
    const onSubmit = () => noteActivity();
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY && e.newValue) noteActivity(Number(e.newValue), false);
    };
    document.addEventListener('submit', onSubmit, true);
    window.addEventListener('storage', onStorage);
    const timer = setInterval(() => {
      const expiresAt = lastActivity.current + idleMinutes * MINUTE - SERVER_SLACK_MS;
      const now = Date.now();
      if (now >= expiresAt) expire();
      else
        setPhase((p) =>
          p === 'expired' ? p : now >= expiresAt - WARN_MINUTES * MINUTE ? 'warning' : 'active',
        );
    }, 1000);
    return () => {
      document.removeEventListener('submit', onSubmit, true);
      window.removeEventListener('storage', onStorage);
      clearInterval(timer);
    };
  }, [idleMinutes, noteActivity, expire]);

  useEffect(() => {
    if (phase !== 'warning') return;
    focusBefore.current = document.activeElement;
    continueButton.current?.focus();
  }, [phase]);

  const keepAlive = async () => {
    const result = await keepSessionAlive().catch(() => null);
    if (result?.done) {
      noteActivity();
      if (focusBefore.current instanceof HTMLElement) focusBefore.current.focus();
    } else {
      expire();
    }
  };

  if (phase === 'active') return null;
  return (
    <div
      role="alert"
      data-testid="idle-warning"
      className="fixed inset-x-2 bottom-4 z-40 mx-auto flex max-w-xl flex-wrap items-center gap-3 rounded border-2 border-amber-500 bg-amber-50 p-4 shadow-lg print:hidden"
    >
      {phase === 'warning' ? (
        <>
          <p className="flex-1 font-medium">
            Du loggas ut om {WARN_MINUTES} minuter eftersom du inte har gjort något på en stund.
          </p>
          <button
            ref={continueButton}
            type="button"
            onClick={keepAlive}
            className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800"
          >
            Fortsätt
          </button>
        </>
      ) : (
        <p className="flex-1 font-medium">
          Du har loggats ut eftersom du inte har gjort något på {idleMinutes} minuter.{' '}
          <a
            href={`/logga-in?returnTo=${encodeURIComponent(returnTo)}`}
            className="text-brand-800 underline"
          >
            Logga in igen
          </a>{' '}
          för att komma tillbaka till sidan.
        </p>
      )}
    </div>
  );
}
