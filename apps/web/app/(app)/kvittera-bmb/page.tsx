import { getDb } from '@bmb/db/client';
import {
  BMB_PAGE_SIZE,
  listBmbsAwaitingAnswer,
  listLockedBmbsInvolving,
  listRejectedBmbsSentBy,
  listUnlockNewsForSender,
} from '@bmb/db/queries';
import { daysLeftBeforeLock, swedishDate } from '@bmb/domain';
import Link from 'next/link';
import type { Metadata } from 'next';
import { BmbPageLinks, bmbPageAfter } from '@/components/bmb/bmb-page-links';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow, requestWaitingCount } from '@/lib/request-clock';
import { InboxTable } from './inbox-table';

export const metadata: Metadata = { title: 'Kvittera BMB' };

const answeredNotice: Record<string, string> = {
  ja: 'BMB:n är verkställd: den är kvitterad och godkänd.',
  nej: 'BMB:n är verkställd: du har inte godkänt övertagandet. Förskrivaren ser ditt meddelande.',
};

/** Kvittera BMB, step 1: what waits for you, and what became of what you sent. */
export default async function KvitteraBmbPage({
  searchParams,
}: {
  searchParams: Promise<{ besvarad?: string; efter?: string }>;
}) {
  const user = await requireUser();
  const gate = await confirmUnlessSameOrigin('/kvittera-bmb', 'Kvittera BMB');
  if (gate) return gate;
  const { besvarad, efter } = await searchParams;
  const after = bmbPageAfter(efter);
  const db = await getDb();
  const now = await requestNow(user.workspaceId);
  const [waiting, toMe, locked, rejectedMine, unlockNews] = await Promise.all([
    requestWaitingCount(user.workspaceId, user.prescriberId),
    listBmbsAwaitingAnswer(db, user.workspaceId, user.prescriberId, now, { after, size: BMB_PAGE_SIZE }),
    listLockedBmbsInvolving(db, user.workspaceId, user.prescriberId, now),
    listRejectedBmbsSentBy(db, user.workspaceId, user.prescriberId, now),
    listUnlockNewsForSender(db, user.workspaceId, user.prescriberId, now),
  ]);
  await recordPatientsShown(
    user,
    'bmb.inbox.view',
    [toMe.rows, locked, rejectedMine, unlockNews].flatMap((list) => list.map((r) => r.patientId)),
  );

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Kvittera BMB</h1>
      {besvarad && answeredNotice[besvarad] ? (
        <p role="status" className="rounded bg-green-50 p-3 text-green-900">
          {answeredNotice[besvarad]}
        </p>
      ) : null}

      <section aria-labelledby="incoming-heading" className="flex flex-col gap-2">
        <h2 id="incoming-heading" className="text-xl font-semibold">
          Överta betalningsansvar via BMB
        </h2>
        <p className="text-slate-700">Klicka på datumet för att kvittera. Klicka på avsändaren för kontaktuppgifter.</p>
        {waiting > BMB_PAGE_SIZE ? (
          <p>
            {waiting} BMB väntar på din kvittens. De visas {BMB_PAGE_SIZE} i taget, de som låses först överst.
          </p>
        ) : null}
        <InboxTable
          caption="BMB som väntar på din kvittens"
          personHeader="Från"
          guide="incoming-table"
          rows={toMe.rows}
          dateHref={(row) => `/kvittera-bmb/${row.id}`}
          extra={{
            header: 'Dagar kvar',
            cell: (row) => daysLeftBeforeLock(row.sentAt, now),
          }}
        />
        <BmbPageLinks
          label="BMB som väntar på din kvittens"
          after={after}
          next={toMe.next}
          href={(page) => (page ? `/kvittera-bmb?efter=${page}` : '/kvittera-bmb')}
        />
      </section>

      <section aria-labelledby="messages-heading" className="flex flex-col gap-4">
        <h2 id="messages-heading" className="text-xl font-semibold">
          Meddelanden
        </h2>
        <div className="flex flex-col gap-2">
          <h3 id="ej-besvarad-bmb" className="font-semibold">Ej besvarad BMB</h3>
          <p className="text-slate-700">
            Låsta BMB: skickade som inte kvitterades inom 7 dagar. Länsservice kan låsa upp dem.
          </p>
          <InboxTable
            caption="BMB som låstes utan svar"
            personHeader="Förskrivare"
            rows={locked}
            dateHref={(row) => `/skickade-bmb/${row.id}`}
            extra={{
              header: 'Gäller',
              cell: (row) =>
                'sentByMe' in row && row.sentByMe ? 'Skickad av dig – kontakta Länsservice' : 'Skickad till dig – för sent att kvittera',
            }}
          />
        </div>
        <div className="flex flex-col gap-2">
          <h3 className="font-semibold">Ej godkänt övertag av betalningsansvar via BMB</h3>
          <InboxTable
            caption="BMB som du skickat och som inte godkändes"
            personHeader="Förskrivare"
            rows={rejectedMine}
            dateHref={(row) => `/skickade-bmb/${row.id}`}
            extra={{ header: 'Meddelande', cell: (row) => row.answerMessage ?? '' }}
          />
        </div>
        <div className="flex flex-col gap-2">
          <h3 className="font-semibold">Svar från Länsservice</h3>
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">Länsservice svar på låsta BMB som du skickat</caption>
              <thead className="bg-brand-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-semibold">Datum</th>
                  <th scope="col" className="px-3 py-2 text-left font-semibold">Mottagare</th>
                  <th scope="col" className="px-3 py-2 text-left font-semibold">Svar</th>
                </tr>
              </thead>
              <tbody>
                {unlockNews.length === 0 ? (
                  <tr className="border-t border-slate-200">
                    <td className="px-3 py-2" colSpan={3}>
                      Ingen träff.
                    </td>
                  </tr>
                ) : (
                  unlockNews.map((row) => (
                    <tr key={`${row.bmbId}-${row.outcome}-${row.at.getTime()}`} className="border-t border-slate-200">
                      <td className="px-3 py-2">
                        <Link href={`/skickade-bmb/${row.bmbId}`} className="text-brand-800 underline">
                          {swedishDate(row.at)}
                        </Link>
                      </td>
                      <td className="px-3 py-2">{row.patientName}</td>
                      <td className="px-3 py-2 whitespace-pre-wrap">
                        {row.outcome === 'unlocked' ? `Upplåst: ${row.message}` : `Upplåsning nekad: ${row.message}`}
                      </td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </div>
      </section>
    </div>
  );
}
