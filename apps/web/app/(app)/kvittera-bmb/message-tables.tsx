import type { DeclinedRow, LansserviceAnswerRow, UnansweredRow } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';
import Link from 'next/link';
import { MarkReadButton } from './mark-read-button';

/*
 * The Meddelanden tables of Kvittera BMB. Every row names its devices and both
 * prescribers the same way, whichever side of the BMB the reader is on.
 */

const th = 'px-3 py-2 text-left font-semibold';
const td = 'px-3 py-2 align-top';
const link = 'text-brand-800 underline';

const who = (p: { username: string; name: string }) => `${p.username.toUpperCase()} (${p.name})`;

function Empty({ columns }: { columns: number }) {
  return (
    <tr className="border-t border-slate-200">
      <td className={td} colSpan={columns}>
        Ingen träff.
      </td>
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
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="stack-table w-full border-collapse text-sm">
        <caption className="sr-only">BMB som låstes utan svar</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>Datum</th>
            <th scope="col" className={th}>Mottagare</th>
            <th scope="col" className={th}>Avsändare</th>
            <th scope="col" className={th}>Mottagande förskrivare</th>
            <th scope="col" className={th}>Hjälpmedel</th>
            <th scope="col" className={th}>Gäller</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <Empty columns={6} />
          ) : (
            rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td data-label="Datum" className={td}>
                  <Link href={row.sentByMe ? `/skickade-bmb/${row.id}` : `/kvittera-bmb/${row.id}`} className={link}>
                    {swedishDate(row.sentAt)}
                  </Link>
                </td>
                <td data-label="Mottagare" className={td}>{row.patientName}</td>
                <td data-label="Avsändare" className={td}>
                  {row.sentByMe ? `${who(row.sender)}, du` : who(row.sender)}
                </td>
                <td data-label="Mottagande förskrivare" className={td}>
                  {row.sentByMe ? who(row.receiver) : `${who(row.receiver)}, du`}
                </td>
                <td data-label="Hjälpmedel" className={td}>{row.devices}</td>
                <td data-label="Gäller" className={td}>
                  {row.sentByMe ? (
                    <>
                      Skickad av dig – kontakta Länsservice: öppna BMB:n och begär upplåsning.
                      {row.unlockRequested ? ' Upplåsning begärd.' : ''}
                    </>
                  ) : (
                    <>
                      Skickad till dig – för sent att kvittera. Avsändaren måste be Länsservice låsa upp den och
                      skicka en ny BMB.{' '}
                      <Link href={`/kvittera-bmb/kontaktkort/${row.sender.id}`} className={link}>
                        Kontakta {row.sender.username.toUpperCase()}
                      </Link>
                    </>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** "Ej godkänt övertag av betalningsansvar via BMB": the receiver's Nej and message, until marked as read. */
export function DeclinedTable({ rows }: { rows: DeclinedRow[] }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="stack-table w-full border-collapse text-sm">
        <caption className="sr-only">BMB som du skickat och som inte godkändes</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>Datum</th>
            <th scope="col" className={th}>Mottagare</th>
            <th scope="col" className={th}>Mottagande förskrivare</th>
            <th scope="col" className={th}>Hjälpmedel</th>
            <th scope="col" className={th}>Meddelande</th>
            <th scope="col" className={th}>Läst</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <Empty columns={6} />
          ) : (
            rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-200">
                <td data-label="Datum" className={td}>
                  <Link href={`/skickade-bmb/${row.id}`} className={link}>
                    {swedishDate(row.sentAt)}
                  </Link>
                </td>
                <td data-label="Mottagare" className={td}>{row.patientName}</td>
                <td data-label="Mottagande förskrivare" className={td}>{who(row.receiver)}</td>
                <td data-label="Hjälpmedel" className={td}>{row.devices}</td>
                <td data-label="Meddelande" className={`${td} whitespace-pre-wrap`}>{row.answerMessage}</td>
                <td data-label="Läst" className={td}>
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
  );
}

/** "Svar från Länsservice": unlocked (with the reason) or a request declined, until marked as read. */
export function LansserviceAnswersTable({ rows }: { rows: LansserviceAnswerRow[] }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="stack-table w-full border-collapse text-sm">
        <caption className="sr-only">Länsservice svar på låsta BMB som du skickat</caption>
        <thead className="bg-brand-50">
          <tr>
            <th scope="col" className={th}>Datum</th>
            <th scope="col" className={th}>Mottagare</th>
            <th scope="col" className={th}>Mottagande förskrivare</th>
            <th scope="col" className={th}>Hjälpmedel</th>
            <th scope="col" className={th}>Svar</th>
            <th scope="col" className={th}>Läst</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <Empty columns={6} />
          ) : (
            rows.map((row) => (
              <tr key={`${row.kind}-${row.subjectId}`} className="border-t border-slate-200">
                <td data-label="Datum" className={td}>
                  <Link href={`/skickade-bmb/${row.bmbId}`} className={link}>
                    {swedishDate(row.at)}
                  </Link>
                </td>
                <td data-label="Mottagare" className={td}>{row.patientName}</td>
                <td data-label="Mottagande förskrivare" className={td}>
                  {who({ username: row.receiverUsername, name: row.receiverName })}
                </td>
                <td data-label="Hjälpmedel" className={td}>{row.devices}</td>
                <td data-label="Svar" className={`${td} whitespace-pre-wrap`}>
                  {row.kind === 'unlocked' ? `Upplåst: ${row.message}` : `Upplåsning nekad: ${row.message}`}
                </td>
                <td data-label="Läst" className={td}>
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
  );
}
