import { recordPatientAccesses } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findIndividCard } from '@bmb/db/queries';
import { canSeeIndividCard, individHistory, individNumberMessage, isIndividNumber, swedishDate, swedishTime } from '@bmb/domain';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/current-user';
import { requestNow } from '@/lib/request-clock';

export const metadata: Metadata = { title: 'Individkort' };

/**
 * Individkort: one device's article, where it is now and its whole history.
 * The individ number is not personal data, so it may travel in the URL.
 */
export default async function IndividCardPage({ searchParams }: { searchParams: Promise<{ individ?: string }> }) {
  const user = await requireUser();
  const individ = ((await searchParams).individ ?? '').trim();
  const db = await getDb();

  let body: React.ReactNode = null;
  if (individ && !isIndividNumber(individ)) {
    body = <p role="alert">{individNumberMessage}</p>;
  } else if (individ) {
    const [card, now] = await Promise.all([findIndividCard(db, user.workspaceId, individ), requestNow(user.workspaceId)]);
    if (!card) {
      body = <p role="alert">Ingen individ med numret {individ} finns.</p>;
    } else if (!canSeeIndividCard({ id: user.prescriberId, role: user.role }, card.holderIds)) {
      body = (
        <p role="alert">
          Du kan se individkort för hjälpmedel som du förskriver eller har förskrivit. Kontakta Länsservice om du behöver
          veta mer om individ {individ}.
        </p>
      );
    } else {
      await recordPatientAccesses(
        db,
        card.patientIds.map((patientId) => ({
          workspaceId: user.workspaceId,
          userId: user.prescriberId,
          careUnitId: user.careUnitId,
          patientId,
          action: 'individ.card.view',
        })),
      );
      const events = individHistory(card.loans, card.bmbs, now);
      body = (
        <div className="flex flex-col gap-6">
          <section aria-labelledby="card-heading" className="rounded border border-slate-200 bg-white p-4">
            <h2 id="card-heading" className="text-lg font-semibold">
              Individ {card.individNo}: {card.article.articleNo} {card.article.name}
            </h2>
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
              <dt className="text-slate-700">Typ</dt>
              <dd>{card.article.kind}</dd>
              {card.current ? (
                <>
                  <dt className="text-slate-700">Patient</dt>
                  <dd>{card.current.patientName}</dd>
                  <dt className="text-slate-700">Förskrivare</dt>
                  <dd>
                    {card.current.prescriberName} ({card.current.prescriberUsername})
                  </dd>
                  <dt className="text-slate-700">Betalare</dt>
                  <dd>{card.current.payer}</dd>
                  <dt className="text-slate-700">Kund/leveransadress</dt>
                  <dd>{card.current.deliveryAddress}</dd>
                </>
              ) : (
                <>
                  <dt className="text-slate-700">Var</dt>
                  <dd>Returnerad till Länsservice</dd>
                </>
              )}
            </dl>
          </section>
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">Historik för individ {card.individNo}, äldst först</caption>
              <thead className="bg-brand-50">
                <tr>
                  <th scope="col" className="px-3 py-2 text-left font-semibold">Datum</th>
                  <th scope="col" className="px-3 py-2 text-left font-semibold">Händelse</th>
                  <th scope="col" className="px-3 py-2 text-left font-semibold">Vem</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event, i) => (
                  <tr key={i} className="border-t border-slate-200">
                    <td className="whitespace-nowrap px-3 py-2">
                      {event.dateOnly
                        ? event.at.toISOString().slice(0, 10)
                        : `${swedishDate(event.at)} ${swedishTime(event.at)}`}
                    </td>
                    <td className="px-3 py-2">{event.what}</td>
                    <td className="px-3 py-2 font-mono">{event.who}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      );
    }
  }

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Individkort</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label="Sök individ">
        <div className="flex flex-col gap-1">
          <label htmlFor="individ" className="font-medium">
            Individnummer
          </label>
          <input
            id="individ"
            name="individ"
            defaultValue={individ}
            autoComplete="off"
            className="w-48 rounded border border-slate-400 px-3 py-2 font-mono"
          />
        </div>
        <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
          Sök
        </button>
      </form>
      {body}
    </div>
  );
}
