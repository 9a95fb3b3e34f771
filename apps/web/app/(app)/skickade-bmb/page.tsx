import { getDb } from '@bmb/db/client';
import { LIST_PAGE_SIZE, listSentBmbs, type SentBmbState } from '@bmb/db/queries';
import { bmbDisplayLabels, daysLeftBeforeLock, displayState, swedishDate } from '@bmb/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ListControls, ListPaging, listHref, readListParams } from '@/components/bmb/list-controls';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';

export const metadata: Metadata = { title: 'Skickade BMB' };

/** The state filter, as the address says it, in the order offered. */
const SENT_STATES: Record<string, SentBmbState> = {
  alla: 'all',
  utkast: 'draft',
  skickad: 'waiting',
  last: 'locked',
  'upplasning-begard': 'unlock-requested',
  godkand: 'accepted',
  'ej-godkand': 'rejected',
  upplast: 'unlocked',
};
const SENT_STATE_LABELS: Record<SentBmbState, string> = {
  all: 'Alla',
  draft: bmbDisplayLabels.draft,
  waiting: bmbDisplayLabels.waiting,
  locked: bmbDisplayLabels.locked,
  'unlock-requested': 'Upplåsning begärd',
  accepted: bmbDisplayLabels.accepted,
  rejected: bmbDisplayLabels.rejected,
  unlocked: bmbDisplayLabels.unlocked,
};
const SENT_DEFAULTS = { sort: 'newest', state: 'all' } as const;

/** The sender's own BMBs and where each stands; the manual's system had no such list. */
export default async function SentBmbsPage({
  searchParams,
}: {
  searchParams: Promise<{ kasserad?: string; ordning?: string; tillstand?: string; sida?: string }>;
}) {
  const user = await requireUser();
  const gate = await confirmUnlessSameOrigin('/skickade-bmb', 'Skickade BMB');
  if (gate) return gate;
  const { kasserad, ...listSearch } = await searchParams;
  const list = readListParams<SentBmbState>(listSearch, SENT_STATES, SENT_DEFAULTS);
  const pageHref = (page: number) => listHref('/skickade-bmb', { ...list, page }, SENT_STATES, SENT_DEFAULTS);
  const db = await getDb();
  const now = await requestNow(user);
  const sent = await listSentBmbs(db, user.workspaceId, user.prescriberId, now, { ...list, size: LIST_PAGE_SIZE });
  const rows = sent.rows;
  await recordPatientsShown(user, 'bmb.sent.view', rows.map((r) => r.patientId));
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Skickade BMB</h1>
      {kasserad === '1' ? (
        <p role="status" className="rounded bg-green-50 p-3 text-green-900">
          Utkastet är kasserat.
        </p>
      ) : null}
      <ListControls
        label="BMB som du har skickat eller sparat som utkast"
        path="/skickade-bmb"
        params={list}
        states={SENT_STATES}
        stateLabels={SENT_STATE_LABELS}
        idPrefix="skickade"
      />
      {rows.length === 0 ? (
        <p>Ingen träff.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="stack-table w-full border-collapse text-sm">
            <caption className="sr-only">BMB som du har skickat eller sparat som utkast</caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className={th}>Datum</th>
                <th scope="col" className={th}>Till</th>
                <th scope="col" className={th}>Mottagare</th>
                <th scope="col" className={th}>Hjälpmedel</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Dagar kvar</th>
                <th scope="col" className={th}>Svar</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const state = displayState(row, now);
                return (
                  <tr key={row.id} className="border-t border-slate-200">
                    <td data-label="Datum" className={td}>
                      <Link href={`/skickade-bmb/${row.id}`} className="text-brand-800 underline">
                        {swedishDate(row.sentAt ?? row.createdAt)}
                      </Link>
                    </td>
                    <td data-label="Till" className={td}>
                      {row.receiverName} (<span className="font-mono">{row.receiverUsername}</span>)
                    </td>
                    <td data-label="Mottagare" className={td}>{row.patientName}</td>
                    <td data-label="Hjälpmedel" className={td}>{row.devices}</td>
                    <td data-label="Status" className={td}>
                      {bmbDisplayLabels[state]}
                      {state === 'locked' && row.unlockRequestedAt ? (
                        <>
                          <br />
                          Upplåsning begärd {swedishDate(row.unlockRequestedAt)}
                        </>
                      ) : null}
                    </td>
                    <td data-label="Dagar kvar" className={td}>
                      {state === 'waiting' && row.sentAt ? daysLeftBeforeLock(row.sentAt, now) : ''}
                    </td>
                    <td data-label="Svar" className={`${td} whitespace-pre-wrap`}>{row.answerMessage ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ListPaging label="BMB som du har skickat eller sparat som utkast" page={sent} href={pageHref} />
    </div>
  );
}
