import { auditActionLabels } from '@bmb/domain/log-actions';
import { AuditEventRow, type AuditEventRowData } from './audit-event-row';

/**
 * "Visa händelser": a BMB's history from the trail (listAuditEventsOfBmb,
 * described), for Länsservice on the BMB's page, each event read in Swedish
 * as on Logg. Folded until asked for.
 */
export function BmbHistory({ rows }: { rows: AuditEventRowData[] }) {
  const th = 'px-3 py-2 text-left font-semibold';
  return (
    <details className="rounded border border-slate-200 bg-white print:hidden" data-testid="bmb-history">
      <summary className="cursor-pointer px-4 py-2 font-semibold text-brand-800">Visa händelser ({rows.length})</summary>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Händelser för BMB:n, äldst först</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col" className={th}>Tidpunkt</th>
              <th scope="col" className={th}>Användare</th>
              <th scope="col" className={th}>Händelse</th>
              <th scope="col" className={th}>Gäller</th>
              <th scope="col" className={th}>Detaljer</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <AuditEventRow key={row.id} row={row} label={auditActionLabels[row.action as keyof typeof auditActionLabels] ?? row.action} />
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
