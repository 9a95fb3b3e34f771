import type { PatientLoanRow } from '@bmb/db/queries';

/** The manual's columns: Pos, Artikel, Benämning, Individ, Ord.datum, Antal, Lev.datum, Antal. */
export function LoansTable({ loans }: { loans: PatientLoanRow[] }) {
  if (loans.length === 0) {
    return <p>Patienten har inga hjälpmedel.</p>;
  }
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full border-collapse text-sm">
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
          </tr>
        </thead>
        <tbody>
          {loans.map((loan) => (
            <tr key={loan.id} className="border-t border-slate-200">
              <td className={td}>{loan.position}</td>
              <td className={`${td} font-mono`}>{loan.articleNo}</td>
              <td className={td}>{loan.articleName}</td>
              <td className={`${td} font-mono`}>{loan.individNo ?? ''}</td>
              <td className={td}>{loan.orderedOn}</td>
              <td className={td}>{loan.orderedQuantity}</td>
              <td className={td}>{loan.deliveredOn ?? ''}</td>
              <td className={td}>{loan.deliveredQuantity ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
