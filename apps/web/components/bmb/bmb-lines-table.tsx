import type { BmbLineDetails } from '@bmb/db/queries';
import { formatPrice } from '@bmb/domain';

/**
 * A BMB's device rows, with the manual's columns: on the sender's summary
 * (Benämning, Nuvar. betalare with its name) and on the receiver's answer
 * (Beskrivning, Nuvar. betalare as a code, and Pris).
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
            <th scope="col" className={th}>Artikel</th>
            <th scope="col" className={th}>{answer ? 'Beskrivning' : 'Benämning'}</th>
            <th scope="col" className={th}>Nuvar. betalare</th>
            <th scope="col" className={th}>Individ</th>
            <th scope="col" className={th}>Antal</th>
            <th scope="col" className={th}>Typ</th>
            {answer ? <th scope="col" className={th}>Pris</th> : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.loanId} className="border-t border-slate-200">
              <td className={`${td} font-mono`}>{line.articleNo}</td>
              <td className={td}>{line.articleName}</td>
              <td className={td}>{answer ? line.payerCode : `${line.payerCode} - ${line.payerName}`}</td>
              <td className={`${td} font-mono`}>{line.individNo ?? ''}</td>
              <td className={td}>{line.quantity}</td>
              <td className={td}>{line.articleKind}</td>
              {answer ? <td className={`${td} whitespace-nowrap`}>{formatPrice(line.priceOre)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
