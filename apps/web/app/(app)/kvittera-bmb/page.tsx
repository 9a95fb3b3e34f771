import { getDb } from '@bmb/db/client';
import {
  LIST_PAGE_SIZE,
  listIncomingBmbs,
  listUnansweredBmbsInvolving,
  listUnreadDeclinedBmbs,
  listUnreadLansserviceAnswers,
  type IncomingState,
} from '@bmb/db/queries';
import { daysLeftBeforeLock } from '@bmb/domain';
import type { Metadata } from 'next';
import { ListControls, ListPaging, listHref, readListParams } from '@/components/bmb/list-controls';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';
import { InboxTable } from './inbox-table';
import { DeclinedTable, LansserviceAnswersTable, UnansweredTable } from './message-tables';

export const metadata: Metadata = { title: 'Kvittera BMB' };

const answeredNotice: Record<string, string> = {
  ja: 'BMB:n är verkställd: den är kvitterad och godkänd.',
  nej: 'BMB:n är verkställd: du har inte godkänt övertagandet. Förskrivaren ser ditt meddelande.',
};

/** The incoming list's state filter, as the address says it. */
const INCOMING_STATES: Record<string, IncomingState> = { alla: 'all', 'lases-snart': 'soon' };
const INCOMING_STATE_LABELS: Record<IncomingState, string> = { all: 'Alla', soon: 'Låses inom 2 dagar' };
const INCOMING_DEFAULTS = { sort: 'oldest', state: 'all' } as const;

/** Kvittera BMB, step 1: what waits for you, and what became of what you sent. */
export default async function KvitteraBmbPage({
  searchParams,
}: {
  searchParams: Promise<{ besvarad?: string; ordning?: string; tillstand?: string; sida?: string }>;
}) {
  const user = await requireUser();
  const gate = await confirmUnlessSameOrigin('/kvittera-bmb', 'Kvittera BMB');
  if (gate) return gate;
  const { besvarad, ...listSearch } = await searchParams;
  const list = readListParams<IncomingState>(listSearch, INCOMING_STATES, INCOMING_DEFAULTS);
  const pageHref = (page: number) => listHref('/kvittera-bmb', { ...list, page }, INCOMING_STATES, INCOMING_DEFAULTS);
  const db = await getDb();
  const now = await requestNow(user);
  const [toMe, locked, rejectedMine, unlockNews] = await Promise.all([
    listIncomingBmbs(db, user.workspaceId, user.prescriberId, now, { ...list, size: LIST_PAGE_SIZE }),
    listUnansweredBmbsInvolving(db, user.workspaceId, user.prescriberId, now),
    listUnreadDeclinedBmbs(db, user.workspaceId, user.prescriberId, now),
    listUnreadLansserviceAnswers(db, user.workspaceId, user.prescriberId, now),
  ]);
  await recordPatientsShown(
    user,
    'bmb.inbox.view',
    [toMe.rows, locked, rejectedMine, unlockNews].flatMap((rows) => rows.map((r) => r.patientId)),
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
        <ListControls
          label="BMB som väntar på din kvittens"
          path="/kvittera-bmb"
          params={list}
          states={INCOMING_STATES}
          stateLabels={INCOMING_STATE_LABELS}
          idPrefix="kvittens"
        />
        <InboxTable
          caption="BMB som väntar på din kvittens"
          personHeader="Från"
          guide="incoming-table"
          rows={toMe.rows}
          showDevices
          dateHref={(row) => `/kvittera-bmb/${row.id}`}
          extra={{
            header: 'Dagar kvar',
            cell: (row) => daysLeftBeforeLock(row.sentAt, now),
          }}
        />
        <ListPaging label="BMB som väntar på din kvittens" page={toMe} href={pageHref} />
      </section>

      <section aria-labelledby="messages-heading" className="flex flex-col gap-4">
        <h2 id="messages-heading" className="text-xl font-semibold">
          Meddelanden
        </h2>
        <div className="flex flex-col gap-2">
          <h3 id="ej-besvarad-bmb" className="font-semibold">Ej besvarad BMB</h3>
          <p className="text-slate-700">
            Låsta BMB: skickade av dig eller till dig och inte kvitterade inom 7 dagar. Bara Länsservice kan låsa upp
            dem, på begäran av den som skickade BMB:n.
          </p>
          <UnansweredTable rows={locked} />
        </div>
        <div className="flex flex-col gap-2">
          <h3 className="font-semibold">Ej godkänt övertag av betalningsansvar via BMB</h3>
          <p className="text-slate-700">Markera ett svar som läst när du har tagit hand om det, så försvinner det härifrån.</p>
          <DeclinedTable rows={rejectedMine} />
        </div>
        <div className="flex flex-col gap-2">
          <h3 className="font-semibold">Svar från Länsservice</h3>
          <LansserviceAnswersTable rows={unlockNews} />
        </div>
      </section>
    </div>
  );
}
