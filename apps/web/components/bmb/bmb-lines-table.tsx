import type { BmbLineDetails, CareUnitName } from '@bmb/db/queries';
import { formatPrice } from '@bmb/domain';

/** What a closed line says, to the sender and to the receiver alike. */
const CLOSED_LINE_TEXT = 'Återlämnad till Länsservice – kan inte tas över';

/**
 * A BMB's device rows, with the manual's columns: on the sender's summary
 * (Benämning, Nuvar. betalare with its name) and on the receiver's answer
 * (Beskrivning, Nuvar. betalare as a code, and Pris). A line whose device went
 * back to Länsservice while the BMB waited says so in its row.
 *
 * The payer column (issue 19, item 2): "Nuvar. betalare" is the loans' payer
 * now, true of the BMB only while it holds its loans. An accepted BMB shows
 * the receiver's choice as "Ny betalare" (on every line that moved); one that
 * ended otherwise shows no payer column, since the loans may have moved since
 * and no earlier payer is stored.
 */
export type PayerColumn =
  { kind: 'current' } | { kind: 'chosen'; payer: CareUnitName | null } | { kind: 'none' };

export function BmbLinesTable({
  lines,
  variant,
  caption,
  payerColumn = { kind: 'current' },
}: {
  lines: BmbLineDetails[];
  variant: 'summary' | 'answer';
  caption: string;
  payerColumn?: PayerColumn;
}) {
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  const answer = variant === 'answer';
  const payerHeading = payerColumn.kind === 'chosen' ? 'Ny betalare' : 'Nuvar. betalare';
  const payerOf = (line: BmbLineDetails): string => {
    if (payerColumn.kind === 'chosen') {
      // A line closed before the answer did not move: it never got the new payer.
      return payerColumn.payer && !line.closedAt
        ? `${payerColumn.payer.code} - ${payerColumn.payer.name}`
        : '–';
    }
    return answer ? line.payerCode : `${line.payerCode} - ${line.payerName}`;
  };
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="stack-table w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>
              Artikel
            </th>
            <th scope="col" className={th}>
              {answer ? 'Beskrivning' : 'Benämning'}
            </th>
            {payerColumn.kind === 'none' ? null : (
              <th scope="col" className={th}>
                {payerHeading}
              </th>
            )}
            <th scope="col" className={th}>
              Individ
            </th>
            <th scope="col" className={th}>
              Antal
            </th>
            <th scope="col" className={th}>
              Typ
            </th>
            {answer ? (
              <th scope="col" className={th}>
                Pris
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr
              key={line.loanId}
              className={`border-t border-slate-200 ${line.closedAt ? 'bg-slate-100 text-slate-700' : ''}`}
              data-closed={line.closedAt ? 'returned' : undefined}
            >
              <td data-label="Artikel" className={`${td} font-mono`}>{line.articleNo}</td>
              <td data-label={answer ? 'Beskrivning' : 'Benämning'} className={td}>
                {line.articleName}
                {line.closedAt ? (
                  <strong className="mt-1 block font-semibold text-red-900">
                    {CLOSED_LINE_TEXT}
                  </strong>
                ) : null}
              </td>
              {payerColumn.kind === 'none' ? null : (
                <td data-label={payerHeading} className={td}>
                  {payerOf(line)}
                </td>
              )}
              <td data-label="Individ" className={`${td} font-mono`}>{line.individNo ?? ''}</td>
              <td data-label="Antal" className={td}>{line.quantity}</td>
              <td data-label="Typ" className={td}>{line.articleKind}</td>
              {answer ? (
                <td data-label="Pris" className={`${td} whitespace-nowrap`}>{formatPrice(line.priceOre)}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
