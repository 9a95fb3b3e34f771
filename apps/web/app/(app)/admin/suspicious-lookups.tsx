import type { SuspiciousLookupRow } from '@bmb/db/queries';
import { SUSPICIOUS_MISSES_PER_HOUR, swedishDate, swedishTime } from '@bmb/domain';
import Link from 'next/link';

function what(row: SuspiciousLookupRow): string {
  if (row.kind === 'misses') return `${row.hits} sökningar utan träff på en timme`;
  return row.windowSeconds >= 86_400 ? `nådde gränsen för sökningar per dygn (${row.hits} försök)` : `nådde gränsen för sökningar per minut (${row.hits} försök)`;
}

/**
 * Översikt, "Misstänkt sökmönster": someone trying personnummer after
 * personnummer (issue 15, item 5). The numbers tried are never stored; the
 * Logg shows what the person did find.
 */
export function SuspiciousLookups({ rows }: { rows: SuspiciousLookupRow[] }) {
  return (
    <section aria-labelledby="suspicious-heading" className="flex flex-col gap-3">
      <h2 id="suspicious-heading" className="text-xl font-semibold">
        Misstänkt sökmönster
      </h2>
      {rows.length === 0 ? (
        <p>
          Inget det senaste dygnet. Här visas den som har minst {SUSPICIOUS_MISSES_PER_HOUR} sökningar utan träff på en
          timme, eller når en gräns för sökningar på personnummer.
        </p>
      ) : (
        <ul className="flex flex-col gap-2 rounded border border-red-300 bg-red-50 p-4 text-red-950">
          {rows.map((row) => (
            <li key={`${row.username}-${row.kind}-${row.windowSeconds}-${row.windowStart.toISOString()}`}>
              <strong>
                {row.name} ({row.username})
              </strong>{' '}
              {what(row)}, {swedishDate(row.windowStart)} från kl. {swedishTime(row.windowStart)}.
            </li>
          ))}
          <li>
            <Link href="/admin/logg" className="text-brand-800 underline">
              Se vad de sökte fram i Logg
            </Link>
          </li>
        </ul>
      )}
    </section>
  );
}
