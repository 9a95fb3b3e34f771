import { getDb } from '@bmb/db/client';
import {
  bmbOverview,
  bmbsSentPerWeek,
  listSuspiciousLookups,
  notificationCounts,
} from '@bmb/db/queries';
import { PATIENT_LOOKUP_LIMITS, RATE_LIMIT_BUCKETS, SUSPICIOUS_MISSES_PER_HOUR } from '@bmb/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/require-admin';
import { notificationWorkerMode } from '@/lib/env';
import { requestShell } from '@/lib/request-clock';
import { SuspiciousLookups } from './suspicious-lookups';
import { WeeklyChart } from './weekly-chart';

export const metadata: Metadata = { title: 'Översikt' };

function formatHours(hours: number | null): string {
  if (hours === null) return '–';
  if (hours < 48) return `${hours.toFixed(1).replace('.', ',')} timmar`;
  return `${(hours / 24).toFixed(1).replace('.', ',')} dagar`;
}

/** Admin → Översikt: how BMB is going in the region. */
export default async function OverviewPage() {
  const { user, admin } = await requireAdmin('/admin');
  const db = await getDb();
  const { now, openUnlockRequests: unlockRequests } = await requestShell(user);
  const [overview, weeks, mail, suspicious] = await Promise.all([
    bmbOverview(db, admin, now),
    bmbsSentPerWeek(db, admin, now),
    notificationCounts(db, admin, now),
    listSuspiciousLookups(
      db,
      admin,
      { lookups: RATE_LIMIT_BUCKETS.patientLookup, misses: RATE_LIMIT_BUCKETS.patientLookupMiss },
      PATIENT_LOOKUP_LIMITS,
      SUSPICIOUS_MISSES_PER_HOUR,
    ),
  ]);
  const mailOff = notificationWorkerMode() === 'off';
  const mailFigures: [string, number, string?][] = [
    ['Skickade denna månad', mail.sent],
    ['Misslyckade, försöker igen', mail.failing],
    // With the worker switched off nothing leaves the queue: say so, or "I kö" looks like a backlog.
    ['I kö', mail.queued, mailOff ? 'E-post är avstängd här (NOTIFICATION_WORKER=off): aviseringarna väntar i kön tills den slås på.' : undefined],
  ];
  const figures: [string, string, string?][] = [
    ['Väntar på kvittens', String(overview.waiting)],
    ['Låsta', String(overview.locked), '/admin/lasta-bmb'],
    ['Begäran om upplåsning väntar', String(unlockRequests), '/admin/lasta-bmb#queue-heading'],
    ['Godkända denna månad', String(overview.acceptedThisMonth)],
    ['Ej godkända denna månad', String(overview.rejectedThisMonth)],
    ['Mediantid till svar denna månad', formatHours(overview.medianHoursToAnswer)],
  ];
  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Översikt</h1>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {figures.map(([label, value, href]) => (
          <div key={label} className="rounded border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold">
              {href ? (
                <Link href={href} className="text-brand-800 underline">
                  {value}
                </Link>
              ) : (
                value
              )}
            </dd>
          </div>
        ))}
      </dl>
      <SuspiciousLookups rows={suspicious} />
      <section aria-labelledby="mail-heading" className="flex flex-col gap-3">
        <h2 id="mail-heading" className="text-xl font-semibold">
          E-postaviseringar
        </h2>
        <dl className="grid gap-3 sm:grid-cols-3">
          {mailFigures.map(([label, value, note]) => (
            <div key={label} className="rounded border border-slate-200 bg-white p-4">
              <dt className="text-sm text-slate-700">{label}</dt>
              <dd className={`mt-1 text-2xl font-semibold ${label.startsWith('Misslyckade') && value > 0 ? 'text-red-800' : ''}`}>
                {value}
              </dd>
              {note ? (
                <dd className="mt-1 text-sm text-amber-900" data-testid="mail-off">
                  {note}
                </dd>
              ) : null}
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="weekly-heading" className="flex flex-col gap-3">
        <h2 id="weekly-heading" className="text-xl font-semibold">
          Skickade BMB per vecka
        </h2>
        <WeeklyChart weeks={weeks} />
      </section>
    </div>
  );
}
