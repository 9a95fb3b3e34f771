import type { DeclinedRow, LansserviceAnswerRow, UnansweredRow } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';
import { SoftLinks } from '@/components/navigation/soft-links';
import { MarkReadButton } from './mark-read-button';

/*
 * The Meddelanden tables of Kvittera BMB. Every row names its devices and both
 * prescribers the same way, whichever side of the BMB the reader is on.
 */

const who = (p: { username: string; name: string }) => `${p.username.toUpperCase()} (${p.name})`;

function Empty({ columns }: { columns: number }) {
  return (
    <tr>
      <td colSpan={columns}>Ingen träff.</td>
    </tr>
  );
}

/**
 * "Ej besvarad BMB": locked unanswered, sent by or to the reader. The sender
 * may ask Länsservice to unlock it (on the BMB's page); the receiver cannot
 * answer any more, and is told that the sender is the one to ask.
 */
export function UnansweredTable({ rows }: { rows: UnansweredRow[] }) {
  return (
    <SoftLinks>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="stack-table list-table w-full border-collapse text-sm">
          <caption className="sr-only">BMB som låstes utan svar</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Mottagare</th>
              <th scope="col">Avsändare</th>
              <th scope="col">Mottagande förskrivare</th>
              <th scope="col">Hjälpmedel</th>
              <th scope="col">Gäller</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <Empty columns={6} />
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  <td data-label="Datum">
                    <a href={row.sentByMe ? `/skickade-bmb/${row.id}` : `/kvittera-bmb/${row.id}`}>
                      {swedishDate(row.sentAt)}
                    </a>
                  </td>
                  <td data-label="Mottagare">{row.patientName}</td>
                  <td data-label="Avsändare">
                    {row.sentByMe ? `${who(row.sender)}, du` : who(row.sender)}
                  </td>
                  <td data-label="Mottagande förskrivare">
                    {row.sentByMe ? who(row.receiver) : `${who(row.receiver)}, du`}
                  </td>
                  <td data-label="Hjälpmedel">{row.devices}</td>
                  <td data-label="Gäller">
                    {row.sentByMe ? (
                      <>
                        Skickad av dig – kontakta Länsservice: öppna BMB:n och begär upplåsning.
                        {row.unlockRequested ? ' Upplåsning begärd.' : ''}
                      </>
                    ) : (
                      <>
                        Skickad till dig – för sent att kvittera. Avsändaren måste be Länsservice
                        låsa upp den och skicka en ny BMB.{' '}
                        <a href={`/kvittera-bmb/kontaktkort/${row.sender.id}`}>
                          Kontakta {row.sender.username.toUpperCase()}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </SoftLinks>
  );
}

/** "Ej godkänt övertag av betalningsansvar via BMB": the receiver's Nej and message, until marked as read. */
export function DeclinedTable({ rows }: { rows: DeclinedRow[] }) {
  return (
    <SoftLinks>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="stack-table list-table w-full border-collapse text-sm">
          <caption className="sr-only">BMB som du skickat och som inte godkändes</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Mottagare</th>
              <th scope="col">Mottagande förskrivare</th>
              <th scope="col">Hjälpmedel</th>
              <th scope="col">Meddelande</th>
              <th scope="col">Läst</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <Empty columns={6} />
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  <td data-label="Datum">
                    <a href={`/skickade-bmb/${row.id}`}>{swedishDate(row.sentAt)}</a>
                  </td>
                  <td data-label="Mottagare">{row.patientName}</td>
                  <td data-label="Mottagande förskrivare">{who(row.receiver)}</td>
                  <td data-label="Hjälpmedel">{row.devices}</td>
                  <td data-label="Meddelande" className="whitespace-pre-wrap">
                    {row.answerMessage}
                  </td>
                  <td data-label="Läst">
                    <MarkReadButton
                      kind="rejected"
                      id={row.id}
                      label={`BMB ${swedishDate(row.sentAt)} till ${row.receiver.username.toUpperCase()}, ${row.patientName}`}
                    />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </SoftLinks>
  );
}

/** "Svar från Länsservice": unlocked (with the reason) or a request declined, until marked as read. */
export function LansserviceAnswersTable({ rows }: { rows: LansserviceAnswerRow[] }) {
  return (
    <SoftLinks>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="stack-table list-table w-full border-collapse text-sm">
          <caption className="sr-only">Länsservice svar på låsta BMB som du skickat</caption>
          <thead className="bg-brand-50">
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Mottagare</th>
              <th scope="col">Mottagande förskrivare</th>
              <th scope="col">Hjälpmedel</th>
              <th scope="col">Svar</th>
              <th scope="col">Läst</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <Empty columns={6} />
            ) : (
              rows.map((row) => (
                <tr key={`${row.kind}-${row.subjectId}`}>
                  <td data-label="Datum">
                    <a href={`/skickade-bmb/${row.bmbId}`}>{swedishDate(row.at)}</a>
                  </td>
                  <td data-label="Mottagare">{row.patientName}</td>
                  <td data-label="Mottagande förskrivare">
                    {who({ username: row.receiverUsername, name: row.receiverName })}
                  </td>
                  <td data-label="Hjälpmedel">{row.devices}</td>
                  <td data-label="Svar" className="whitespace-pre-wrap">
                    {row.kind === 'unlocked'
                      ? `Upplåst: ${row.message}`
                      : `Upplåsning nekad: ${row.message}`}
                  </td>
                  <td data-label="Läst">
                    <MarkReadButton
                      kind={row.kind}
                      id={row.subjectId}
                      label={`${row.kind === 'unlocked' ? 'Upplåst' : 'Upplåsning nekad'} ${swedishDate(row.at)}, ${row.patientName}`}
                    />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </SoftLinks>
  );
}
