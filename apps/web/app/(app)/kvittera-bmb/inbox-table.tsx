import type { InboxRow } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';
import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * One of the manual's Kvittera BMB tables: Datum, Mottagare, a person column
 * (Från: the sender's username, a link to their contact card, and name) and,
 * where asked, Hjälpmedel; "Ingen träff." when empty.
 */
export function InboxTable({
  caption,
  personHeader,
  rows,
  dateHref,
  extra,
  guide,
  showDevices = false,
}: {
  caption: string;
  personHeader: 'Från' | 'Förskrivare';
  rows: (InboxRow & { devices?: string })[];
  /** A Hjälpmedel column: the BMB's articles, benämning and individ numbers. */
  showDevices?: boolean;
  dateHref?: (row: InboxRow) => string;
  extra?: { header: string; cell: (row: InboxRow) => ReactNode };
  /** The Övningsläge guide's name for this table. */
  guide?: string;
}) {
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white" data-guide={guide}>
      <table className="stack-table w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>Datum</th>
            <th scope="col" className={th}>Mottagare</th>
            <th scope="col" className={th}>{personHeader}</th>
            {showDevices ? <th scope="col" className={th}>Hjälpmedel</th> : null}
            {extra ? <th scope="col" className={th}>{extra.header}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="border-t border-slate-200">
              <td className={td} colSpan={3 + (extra ? 1 : 0) + (showDevices ? 1 : 0)}>
                Ingen träff.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td data-label="Datum" className={td}>
                  {dateHref ? (
                    <Link
                      href={dateHref(row)}
                      className="text-brand-800 underline"
                      data-guide={personHeader === 'Från' ? 'bmb-date' : undefined}
                    >
                      {swedishDate(row.sentAt)}
                    </Link>
                  ) : (
                    swedishDate(row.sentAt)
                  )}
                </td>
                <td data-label="Mottagare" className={td}>{row.patientName}</td>
                <td data-label={personHeader} className={td}>
                  {personHeader === 'Från' ? (
                    <>
                      <Link
                        href={`/kvittera-bmb/kontaktkort/${row.counterpartId}`}
                        className="text-brand-800 underline"
                        data-guide="bmb-from"
                      >
                        {row.counterpartUsername.toUpperCase()}
                      </Link>{' '}
                      ({row.counterpartName})
                    </>
                  ) : (
                    <>
                      {row.counterpartUsername.toUpperCase()} ({row.counterpartName})
                    </>
                  )}
                </td>
                {showDevices ? (
                  <td data-label="Hjälpmedel" className={td}>
                    {row.devices ?? ''}
                  </td>
                ) : null}
                {extra ? <td data-label={extra.header} className={`${td} whitespace-pre-wrap`}>{extra.cell(row)}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
