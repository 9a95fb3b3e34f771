import { getDb } from '@bmb/db/client';
import {
  findPatient,
  LIST_PAGE_SIZE,
  listLockedBmbsPage,
  listUnlockRequestQueue,
  type LockedBmbState,
} from '@bmb/db/queries';
import { formatPersonnummer, swedishDate, type Personnummer } from '@bmb/domain';
import type { Metadata } from 'next';
import { ListControls, ListPaging, listHref, readListParams } from '@/components/bmb/list-controls';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireAdmin } from '@/lib/auth/require-admin';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';
import { LockedBmbsTable } from './locked-bmbs-table';
import { readLockedSearch } from './locked-search';
import { LockedSearchForm } from './locked-search-form';
import { RequestAnswer } from './request-answer-form';
import { UnlockForm } from './unlock-form';

export const metadata: Metadata = { title: 'Låsta BMB' };

/** Each request wants a considered answer: ten at a time, the next move up as they are answered. */
const REQUESTS_SHOWN = 10;

/** "Alla låsta BMB"'s state filter, as the address says it. */
const LOCKED_STATES: Record<string, LockedBmbState> = { alla: 'all', begard: 'requested', 'ej-begard': 'not-requested' };
const LOCKED_STATE_LABELS: Record<LockedBmbState, string> = {
  all: 'Alla',
  requested: 'Med begärd upplåsning',
  'not-requested': 'Utan begärd upplåsning',
};
const LOCKED_DEFAULTS = { sort: 'oldest', state: 'all' } as const;

/**
 * Admin → Låsta BMB: the queue of unlock requests (oldest first), then the
 * locked BMBs (oldest first unless asked otherwise), filtered by state and
 * the search, a numbered page at a time.
 */
export default async function LockedBmbsPage({
  searchParams,
}: {
  searchParams: Promise<{ besvarad?: string; ordning?: string; tillstand?: string; sida?: string }>;
}) {
  const { user, admin } = await requireAdmin('/admin/lasta-bmb');
  const gate = await confirmUnlessSameOrigin('/admin/lasta-bmb', 'Låsta BMB');
  if (gate) return gate;
  const { besvarad, ...listSearch } = await searchParams;
  const list = readListParams<LockedBmbState>(listSearch, LOCKED_STATES, LOCKED_DEFAULTS);
  const search = await readLockedSearch();
  const filter = { query: search.query, patientId: search.patientId, requestedOnly: search.requestedOnly };
  const db = await getDb();
  const now = await requestNow(user);
  const [all, queue, searchedPatient] = await Promise.all([
    listLockedBmbsPage(db, admin, now, filter, { ...list, size: LIST_PAGE_SIZE }),
    listUnlockRequestQueue(db, admin, now, REQUESTS_SHOWN, filter),
    search.patientId ? findPatient(db, user.workspaceId, search.patientId) : null,
  ]);
  await recordPatientsShown(user, 'bmb.locked.view', [
    ...[...all.rows, ...queue.rows].map((r) => r.patientId),
    ...(searchedPatient ? [searchedPatient.id] : []),
  ]);
  // The search lives in a cookie (locked-search.ts): only the sort, the state and the page are in the address.
  const pageHref = (page: number) => listHref('/admin/lasta-bmb', { ...list, page }, LOCKED_STATES, LOCKED_DEFAULTS);
  const shownQuery = searchedPatient ? formatPersonnummer(searchedPatient.personnummer as Personnummer) : search.query;

  return (
    <div className="flex max-w-6xl flex-col gap-8">
      <h1 className="text-2xl font-semibold">Låsta BMB</h1>
      {besvarad === 'upplast' || besvarad === 'nekad' ? (
        <p role="status" className="rounded bg-green-50 p-3 text-green-900">
          {besvarad === 'upplast'
            ? 'Begäran är besvarad: BMB:n är upplåst och förskrivaren ser skälet under Meddelanden.'
            : 'Begäran är nekad. Förskrivaren ser ditt meddelande under Meddelanden.'}
        </p>
      ) : null}

      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="text-xl font-semibold">
          Begärd upplåsning
        </h2>
        {queue.total > queue.rows.length ? (
          <p>
            {queue.total} begäranden väntar. De {queue.rows.length} äldsta visas; när de är besvarade kommer nästa.
          </p>
        ) : null}
        {queue.rows.length === 0 ? (
          <p>Ingen träff.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {queue.rows.map((row) => (
              <li key={row.requestId} className="grid gap-3 rounded border border-slate-200 bg-white p-4 md:grid-cols-2">
                <div>
                  <p className="font-semibold">
                    Begärd {swedishDate(row.requestedAt)} av {row.senderName} ({row.senderUsername})
                  </p>
                  <p>
                    BMB {swedishDate(row.sentAt)} till {row.receiverName} ({row.receiverUsername}), {row.patientName}
                  </p>
                  <p className="text-sm text-slate-700">{row.devices}</p>
                  {row.requestMessage ? <p className="mt-2 whitespace-pre-wrap">”{row.requestMessage}”</p> : null}
                </div>
                <RequestAnswer requestId={row.requestId} label={`BMB ${swedishDate(row.sentAt)} från ${row.senderUsername}`} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="all-heading" className="flex flex-col gap-3">
        <h2 id="all-heading" className="text-xl font-semibold">
          Alla låsta BMB
        </h2>
        <LockedSearchForm
          query={shownQuery}
          requestedOnly={search.requestedOnly}
          active={Boolean(search.query || search.patientId || search.requestedOnly)}
        />
        {searchedPatient ? (
          <p>
            Låsta BMB för <strong>{searchedPatient.name}</strong>, som mottagare eller avsändande patient.
          </p>
        ) : null}
        <ListControls
          label="Alla låsta BMB"
          path="/admin/lasta-bmb"
          params={list}
          states={LOCKED_STATES}
          stateLabels={LOCKED_STATE_LABELS}
          idPrefix="lasta"
        />
        <UnlockForm hasRows={all.rows.length > 0}>
          <LockedBmbsTable rows={all.rows} now={now} />
        </UnlockForm>
        <ListPaging label="låsta BMB" page={all} href={pageHref} />
      </section>
    </div>
  );
}
