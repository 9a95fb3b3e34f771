import type { LockedBmbRow } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';

/**
 * The rows of "Alla låsta BMB", rendered on the server and handed to the
 * client-side UnlockForm as children: the rows travel once, as HTML, not a
 * second time as props. Cells are styled by `list-table`, not per cell (issue 21).
 */
export function LockedBmbsTable({ rows, now }: { rows: LockedBmbRow[]; now: Date }) {
  const daysPast = (deadline: Date) => Math.max(0, Math.floor((now.getTime() - deadline.getTime()) / 86_400_000));
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="stack-table list-table w-full border-collapse text-sm">
        <caption className="sr-only">Låsta BMB</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col">Välj</th>
            <th scope="col">Skickad</th>
            <th scope="col">Från</th>
            <th scope="col">Till</th>
            <th scope="col">Mottagare</th>
            <th scope="col">Hjälpmedel</th>
            <th scope="col">Dagar efter tidsgränsen</th>
            <th scope="col">Begärd upplåsning</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label="Välj">
                <input
                  type="checkbox"
                  name="bmbIds"
                  value={row.id}
                  aria-label={`Välj BMB ${swedishDate(row.sentAt)} från ${row.senderUsername} till ${row.receiverUsername}`}
                />
              </td>
              <td data-label="Skickad">{swedishDate(row.sentAt)}</td>
              <td data-label="Från">
                {row.senderName} (<code>{row.senderUsername}</code>)
              </td>
              <td data-label="Till">
                {row.receiverName} (<code>{row.receiverUsername}</code>)
              </td>
              <td data-label="Mottagare">{row.patientName}</td>
              <td data-label="Hjälpmedel">{row.devices}</td>
              <td data-label="Dagar efter tidsgränsen">{daysPast(row.deadline)}</td>
              <td data-label="Begärd upplåsning">
                {row.requestedAt ? `${swedishDate(row.requestedAt)}${row.requestMessage ? `: ${row.requestMessage}` : ''}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
