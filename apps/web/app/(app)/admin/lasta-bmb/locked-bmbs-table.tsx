import type { LockedBmbRow } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';

const th = 'px-3 py-2 text-left font-semibold';
const td = 'px-3 py-2 align-top';

/**
 * The rows of "Alla låsta BMB", rendered on the server and handed to the
 * client-side UnlockForm as children: the rows travel once, as HTML, not a
 * second time as props.
 */
export function LockedBmbsTable({ rows, now }: { rows: LockedBmbRow[]; now: Date }) {
  const daysPast = (deadline: Date) => Math.max(0, Math.floor((now.getTime() - deadline.getTime()) / 86_400_000));
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="stack-table w-full border-collapse text-sm">
        <caption className="sr-only">Låsta BMB</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>Välj</th>
            <th scope="col" className={th}>Skickad</th>
            <th scope="col" className={th}>Från</th>
            <th scope="col" className={th}>Till</th>
            <th scope="col" className={th}>Mottagare</th>
            <th scope="col" className={th}>Hjälpmedel</th>
            <th scope="col" className={th}>Dagar efter tidsgränsen</th>
            <th scope="col" className={th}>Begärd upplåsning</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-200">
              <td data-label="Välj" className={td}>
                <input
                  type="checkbox"
                  name="bmbIds"
                  value={row.id}
                  aria-label={`Välj BMB ${swedishDate(row.sentAt)} från ${row.senderUsername} till ${row.receiverUsername}`}
                  className="h-5 w-5"
                />
              </td>
              <td data-label="Skickad" className={td}>{swedishDate(row.sentAt)}</td>
              <td data-label="Från" className={td}>
                {row.senderName} (<span className="font-mono">{row.senderUsername}</span>)
              </td>
              <td data-label="Till" className={td}>
                {row.receiverName} (<span className="font-mono">{row.receiverUsername}</span>)
              </td>
              <td data-label="Mottagare" className={td}>{row.patientName}</td>
              <td data-label="Hjälpmedel" className={td}>{row.devices}</td>
              <td data-label="Dagar efter tidsgränsen" className={td}>{daysPast(row.deadline)}</td>
              <td data-label="Begärd upplåsning" className={td}>
                {row.requestedAt ? `${swedishDate(row.requestedAt)}${row.requestMessage ? `: ${row.requestMessage}` : ''}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
