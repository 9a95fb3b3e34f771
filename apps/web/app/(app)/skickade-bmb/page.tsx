import { getDb } from '@bmb/db/client';
import { listBmbsSentBy } from '@bmb/db/queries';
import { bmbDisplayLabels, daysLeftBeforeLock, displayState, swedishDate } from '@bmb/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';

export const metadata: Metadata = { title: 'Skickade BMB' };

/** The sender's own BMBs and where each stands; the manual's system had no such list. */
export default async function SentBmbsPage() {
  const user = await requireUser();
  const gate = await confirmUnlessSameOrigin('/skickade-bmb', 'Skickade BMB');
  if (gate) return gate;
  const db = await getDb();
  const [rows, now] = await Promise.all([
    listBmbsSentBy(db, user.workspaceId, user.prescriberId),
    requestNow(user.workspaceId),
  ]);
  await recordPatientsShown(user, 'bmb.sent.view', rows.map((r) => r.patientId));
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Skickade BMB</h1>
      {rows.length === 0 ? (
        <p>Ingen träff.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full border-collapse text-sm">
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
                    <td className={td}>
                      <Link href={`/skickade-bmb/${row.id}`} className="text-brand-800 underline">
                        {swedishDate(row.sentAt ?? row.createdAt)}
                      </Link>
                    </td>
                    <td className={td}>
                      {row.receiverName} (<span className="font-mono">{row.receiverUsername}</span>)
                    </td>
                    <td className={td}>{row.patientName}</td>
                    <td className={td}>{row.articles}</td>
                    <td className={td}>{bmbDisplayLabels[state]}</td>
                    <td className={td}>
                      {state === 'waiting' && row.sentAt ? daysLeftBeforeLock(row.sentAt, now) : ''}
                    </td>
                    <td className={`${td} whitespace-pre-wrap`}>{row.answerMessage ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
