import type { InboxRow } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';
import type { ReactNode } from 'react';
import { SoftLinks } from '@/components/navigation/soft-links';

/**
 * One of the manual's Kvittera BMB tables: Datum, Mottagare, a person column
 * (Från: the sender's username, a link to their contact card, and name) and,
 * where asked, Hjälpmedel; "Ingen träff." when empty. Cells are styled by
 * `list-table` and link with plain anchors (SoftLinks): a row is markup, not
 * components (issue 21).
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
  return (
    <SoftLinks>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white" data-guide={guide}>
        <table className="stack-table list-table w-full border-collapse text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Mottagare</th>
              <th scope="col">{personHeader}</th>
              {showDevices ? <th scope="col">Hjälpmedel</th> : null}
              {extra ? <th scope="col">{extra.header}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={3 + (extra ? 1 : 0) + (showDevices ? 1 : 0)}>Ingen träff.</td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  <td data-label="Datum">
                    {dateHref ? (
                      <a
                        href={dateHref(row)}
                        data-guide={personHeader === 'Från' ? 'bmb-date' : undefined}
                      >
                        {swedishDate(row.sentAt)}
                      </a>
                    ) : (
                      swedishDate(row.sentAt)
                    )}
                  </td>
                  <td data-label="Mottagare">{row.patientName}</td>
                  <td data-label={personHeader}>
                    {personHeader === 'Från' ? (
                      <>
                        <a
                          href={`/kvittera-bmb/kontaktkort/${row.counterpartId}`}
                          data-guide="bmb-from"
                        >
                          {row.counterpartUsername.toUpperCase()}
                        </a>{' '}
                        ({row.counterpartName})
                      </>
                    ) : (
                      <>
                        {row.counterpartUsername.toUpperCase()} ({row.counterpartName})
                      </>
                    )}
                  </td>
                  {showDevices ? <td data-label="Hjälpmedel">{row.devices ?? ''}</td> : null}
                  {extra ? (
                    <td data-label={extra.header} className="whitespace-pre-wrap">
                      {extra.cell(row)}
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </SoftLinks>
  );
}
