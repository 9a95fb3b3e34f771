import { getDb } from '@bmb/db/client';
import { BMB_PAGE_SIZE, listLockedBmbs, listUnlockRequestQueue } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';
import type { Metadata } from 'next';
import { BmbPageLinks, bmbPageAfter } from '@/components/bmb/bmb-page-links';
import { requireUser } from '@/lib/auth/current-user';
import { requestNow } from '@/lib/request-clock';
import { LockedBmbsTable } from './locked-bmbs-table';
import { RequestAnswerForm } from './request-answer-form';
import { UnlockForm } from './unlock-form';

export const metadata: Metadata = { title: 'Låsta BMB' };

/** Each request wants a considered answer: ten at a time, the next move up as they are answered. */
const REQUESTS_SHOWN = 10;

/**
 * Admin → Låsta BMB: the queue of unlock requests (oldest first), then the
 * locked BMBs, oldest first, a page at a time.
 */
export default async function LockedBmbsPage({
  searchParams,
}: {
  searchParams: Promise<{ sok?: string; begard?: string; besvarad?: string; efter?: string }>;
}) {
  const user = await requireUser();
  const { sok = '', begard, besvarad, efter } = await searchParams;
  const after = bmbPageAfter(efter);
  const query = sok.slice(0, 64);
  const db = await getDb();
  const now = await requestNow(user.workspaceId);
  const [all, queue] = await Promise.all([
    listLockedBmbs(db, user.workspaceId, now, { query, requestedOnly: begard === '1' }, { after, size: BMB_PAGE_SIZE }),
    listUnlockRequestQueue(db, user.workspaceId, now, REQUESTS_SHOWN),
  ]);
  const pageHref = (page: string | undefined) => {
    const params = new URLSearchParams();
    if (query) params.set('sok', query);
    if (begard === '1') params.set('begard', '1');
    if (page) params.set('efter', page);
    const search = params.toString();
    return search ? `/admin/lasta-bmb?${search}` : '/admin/lasta-bmb';
  };

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
                <RequestAnswerForm requestId={row.requestId} label={`BMB ${swedishDate(row.sentAt)} från ${row.senderUsername}`} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="all-heading" className="flex flex-col gap-3">
        <h2 id="all-heading" className="text-xl font-semibold">
          Alla låsta BMB
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label="Sök bland låsta BMB">
          <div className="flex flex-col gap-1">
            <label htmlFor="sok" className="font-medium">
              Sök
            </label>
            <span id="sok-hint" className="text-sm text-slate-700">
              Användarnamn, artikel- eller individnummer
            </span>
            <input
              id="sok"
              name="sok"
              defaultValue={sok}
              aria-describedby="sok-hint"
              className="w-64 rounded border border-slate-400 px-3 py-2"
            />
          </div>
          <label className="flex items-center gap-2 pb-2">
            <input type="checkbox" name="begard" value="1" defaultChecked={begard === '1'} className="h-5 w-5" />
            Bara med begärd upplåsning
          </label>
          <button type="submit" className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-800">
            Filtrera
          </button>
        </form>
        <UnlockForm hasRows={all.rows.length > 0}>
          <LockedBmbsTable rows={all.rows} now={now} />
        </UnlockForm>
        <BmbPageLinks label="låsta BMB" after={after} next={all.next} href={pageHref} />
      </section>
    </div>
  );
}
