import { getDb } from '@bmb/db/client';
import { LIST_PAGE_SIZE, listSentBmbs, type SentBmbState } from '@bmb/db/queries';
import { bmbDisplayLabels, daysLeftBeforeLock, displayState, swedishDate } from '@bmb/domain';
import type { Metadata } from 'next';
import { SoftLinks } from '@/components/navigation/soft-links';
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
  const pageHref = (page: number) =>
    listHref('/skickade-bmb', { ...list, page }, SENT_STATES, SENT_DEFAULTS);
  const db = await getDb();
  const now = await requestNow(user);
  const sent = await listSentBmbs(db, user.workspaceId, user.prescriberId, now, {
    ...list,
    size: LIST_PAGE_SIZE,
  });
  const rows = sent.rows;
  await recordPatientsShown(
    user,
    'bmb.sent.view',
    rows.map((r) => r.patientId),
  );
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
        <SoftLinks>
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="stack-table list-table w-full border-collapse text-sm">
              <caption className="sr-only">BMB som du har skickat eller sparat som utkast</caption>
              <thead className="bg-brand-50">
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Till</th>
                  <th scope="col">Mottagare</th>
                  <th scope="col">Hjälpmedel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Dagar kvar</th>
                  <th scope="col">Svar</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const state = displayState(row, now);
                  return (
                    <tr key={row.id}>
                      <td data-label="Datum">
                        <a href={`/skickade-bmb/${row.id}`}>
                          {swedishDate(row.sentAt ?? row.createdAt)}
                        </a>
                      </td>
                      <td data-label="Till">
                        {row.receiverName} (
                        <span className="font-mono">{row.receiverUsername}</span>)
                      </td>
                      <td data-label="Mottagare">{row.patientName}</td>
                      <td data-label="Hjälpmedel">{row.devices}</td>
                      <td data-label="Status">
                        {bmbDisplayLabels[state]}
                        {state === 'locked' && row.unlockRequestedAt ? (
                          <>
                            <br />
                            Upplåsning begärd {swedishDate(row.unlockRequestedAt)}
                          </>
                        ) : null}
                      </td>
                      <td data-label="Dagar kvar">
                        {state === 'waiting' && row.sentAt
                          ? daysLeftBeforeLock(row.sentAt, now)
                          : ''}
                      </td>
                      <td data-label="Svar" className="whitespace-pre-wrap">
                        {row.answerMessage ?? ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </SoftLinks>
      )}
      <ListPaging
        label="BMB som du har skickat eller sparat som utkast"
        page={sent}
        href={pageHref}
      />
    </div>
  );
}
