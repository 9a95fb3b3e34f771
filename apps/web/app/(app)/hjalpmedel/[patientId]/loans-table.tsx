import type { PatientLoanRow } from '@bmb/db/queries';

/**
 * The manual's columns (Pos, Artikel, Benämning, Individ, Ord.datum, Antal,
 * Lev.datum, Antal), then who holds each device now: Förskrivare and Betalare,
 * so that a sender sees what an accepted BMB changed (issue 19, item 8).
 */
export function LoansTable({ loans }: { loans: PatientLoanRow[] }) {
  if (loans.length === 0) {
    return <p>Patienten har inga hjälpmedel.</p>;
  }
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="stack-table w-full border-collapse text-sm">
        <caption className="sr-only">Patientens hjälpmedel</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>Pos</th>
            <th scope="col" className={th}>Artikel</th>
            <th scope="col" className={th}>Benämning</th>
            <th scope="col" className={th}>Individ</th>
            <th scope="col" className={th}>Ord.datum</th>
            <th scope="col" className={th}>
              Antal<span className="sr-only"> beställda</span>
            </th>
            <th scope="col" className={th}>Lev.datum</th>
            <th scope="col" className={th}>
              Antal<span className="sr-only"> levererade</span>
            </th>
            <th scope="col" className={th}>Förskrivare</th>
            <th scope="col" className={th}>Betalare</th>
          </tr>
        </thead>
        <tbody>
          {loans.map((loan) => (
            <tr key={loan.id} className="border-t border-slate-200">
              <td data-label="Pos" className={td}>{loan.position}</td>
              <td data-label="Artikel" className={`${td} font-mono`}>{loan.articleNo}</td>
              <td data-label="Benämning" className={td}>{loan.articleName}</td>
              <td data-label="Individ" className={`${td} font-mono`}>{loan.individNo ?? ''}</td>
              <td data-label="Ord.datum" className={td}>{loan.orderedOn}</td>
              <td data-label="Antal beställda" className={td}>{loan.orderedQuantity}</td>
              <td data-label="Lev.datum" className={td}>{loan.deliveredOn ?? ''}</td>
              <td data-label="Antal levererade" className={td}>{loan.deliveredQuantity ?? ''}</td>
              <td data-label="Förskrivare" className={td}>
                <span className="font-mono">{loan.prescriberUsername}</span> {loan.prescriberName}
              </td>
              <td data-label="Betalare" className={td}>
                {loan.payerCode} - {loan.payerName}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
