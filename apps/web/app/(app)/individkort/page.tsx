import { getDb } from '@bmb/db/client';
import { findIndividCard } from '@bmb/db/queries';
import {
  canSeeIndividCard,
  individHistory,
  individNumberMessage,
  isIndividNumber,
  looksLikePersonnummer,
  personnummerNotIndividMessage,
  swedishDate,
  swedishTime,
} from '@bmb/domain';
import type { Metadata } from 'next';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { recordDenial } from '@/lib/auth/refusals';
import { recordPatientsShown } from '@/lib/patient-access';
import { requestNow } from '@/lib/request-clock';
import { IndividSearchForm } from './individ-search-form';

export const metadata: Metadata = { title: 'Individkort' };

/**
 * Individkort: one device's article, where it is now and its whole history.
 * The individ number is not personal data, so it may travel in the URL; it is
 * searched by POST (actions.ts), so that nothing else typed there does.
 */
export default async function IndividCardPage({ searchParams }: { searchParams: Promise<{ individ?: string }> }) {
  const user = await requireUser();
  const individ = ((await searchParams).individ ?? '').trim();
  const db = await getDb();

  // A personnummer put into the address by hand is refused and never echoed.
  const pnrShaped = looksLikePersonnummer(individ);
  const shown = pnrShaped ? '' : individ;
  let body: React.ReactNode = null;
  if (pnrShaped) {
    body = <p role="alert">{personnummerNotIndividMessage}</p>;
  } else if (individ && !isIndividNumber(individ)) {
    body = <p role="alert">{individNumberMessage}</p>;
  } else if (individ) {
    const gate = await confirmUnlessSameOrigin(`/individkort?individ=${individ}`, `individkortet för ${individ}`);
    if (gate) return gate;
    const [card, now] = await Promise.all([findIndividCard(db, user.workspaceId, individ), requestNow(user)]);
    if (!card) {
      body = <p role="alert">Ingen individ med numret {individ} finns.</p>;
    } else if (!canSeeIndividCard(user, card.holderIds)) {
      await recordDenial('page', '/individkort', user, 'forbidden');
      body = (
        <p role="alert">
          Du kan se individkort för hjälpmedel som du förskriver eller har förskrivit. Kontakta Länsservice om du behöver
          veta mer om individ {individ}.
        </p>
      );
    } else {
      await recordPatientsShown(user, 'individ.card.view', card.patientIds);
      const events = individHistory(card.loans, card.bmbs, now);
      body = (
        <div className="flex flex-col gap-6">
          <section aria-labelledby="card-heading" className="rounded border border-slate-200 bg-white p-4">
            <h2 id="card-heading" className="text-lg font-semibold">
              Individ {card.individNo}: {card.article.articleNo} {card.article.name}
            </h2>
            <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 wrap-break-word">
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
          {/* A region that may scroll sideways on a phone: reachable and scrollable by keyboard. */}
          <div
            className="overflow-x-auto rounded border border-slate-200 bg-white"
            tabIndex={0}
            role="region"
            aria-label={`Historik för individ ${card.individNo}`}
          >
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
      <IndividSearchForm initialIndivid={shown} />
      {body}
    </div>
  );
}
