import type { BmbLineDetails } from '@bmb/db/queries';
import { formatPrice } from '@bmb/domain';

/** What a closed line says, to the sender and to the receiver alike. */
const CLOSED_LINE_TEXT = 'Återlämnad till Länsservice – kan inte tas över';

/**
 * A BMB's device rows, with the manual's columns: on the sender's summary
 * (Benämning, Nuvar. betalare with its name) and on the receiver's answer
 * (Beskrivning, Nuvar. betalare as a code, and Pris). A line whose device went
 * back to Länsservice while the BMB waited says so in its row.
 */
export function BmbLinesTable({
  lines,
  variant,
  caption,
}: {
  lines: BmbLineDetails[];
  variant: 'summary' | 'answer';
  caption: string;
}) {
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  const answer = variant === 'answer';
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>
              Artikel
            </th>
            <th scope="col" className={th}>
              {answer ? 'Beskrivning' : 'Benämning'}
            </th>
            <th scope="col" className={th}>
              Nuvar. betalare
            </th>
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
              <td className={`${td} font-mono`}>{line.articleNo}</td>
              <td className={td}>
                {line.articleName}
                {line.closedAt ? (
                  <strong className="mt-1 block font-semibold text-red-900">
                    {CLOSED_LINE_TEXT}
                  </strong>
                ) : null}
              </td>
              <td className={td}>
                {answer ? line.payerCode : `${line.payerCode} - ${line.payerName}`}
              </td>
              <td className={`${td} font-mono`}>{line.individNo ?? ''}</td>
              <td className={td}>{line.quantity}</td>
              <td className={td}>{line.articleKind}</td>
              {answer ? (
                <td className={`${td} whitespace-nowrap`}>{formatPrice(line.priceOre)}</td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
