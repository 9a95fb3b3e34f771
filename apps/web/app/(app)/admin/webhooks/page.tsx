import { getDb } from '@bmb/db/client';
import { listFailingWebhookDeliveries, listWebhookEndpoints } from '@bmb/db/queries';
import {
  bmbEventTypeLabels,
  swedishDate,
  swedishTime,
  webhookDeliveryStatusLabels,
} from '@bmb/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdmin } from '@/lib/auth/require-admin';
import { webhookTargetMode } from '@/lib/env';
import { CreateWebhookForm } from './create-webhook-form';
import { DisableWebhookButton, ResendDeliveryButton } from './webhook-buttons';

export const metadata: Metadata = { title: 'Webhooks' };

const th = 'px-3 py-2 text-left align-bottom font-semibold';
const td = 'px-3 py-2 align-top';
const when = (at: Date) => `${swedishDate(at)} ${swedishTime(at)}`;

/**
 * Admin → Webhooks: the stock system's push addresses for the event feed
 * (docs/decisions/012-webhooks.md), registering one (its secret is shown once),
 * switching one off, and the deliveries that fail, to send again.
 */
export default async function WebhooksPage() {
  const { admin } = await requireAdmin('/admin/webhooks');
  const db = await getDb();
  const [endpoints, failing] = await Promise.all([
    listWebhookEndpoints(db, admin),
    listFailingWebhookDeliveries(db, admin),
  ]);

  return (
    <div className="flex max-w-6xl flex-col gap-8">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="max-w-3xl">
          BMB skickar varje händelse i händelseflödet (GET /api/v1/events) till lagersystemets
          adress, signerad enligt Standard Webhooks. Misslyckade leveranser försöks igen efter 1
          min, 5 min, 30 min, 2 h och 12 h. Flödet har alltid alla händelser, även de som inte kom
          fram.
        </p>
      </div>

      <section aria-labelledby="endpoints-heading" className="flex flex-col gap-3">
        <h2 id="endpoints-heading" className="text-xl font-semibold">
          Registrerade webhooks
        </h2>
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="stack-table w-full border-collapse text-sm">
            <caption className="sr-only">Registrerade webhooks</caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className={th}>
                  Adress
                </th>
                <th scope="col" className={th}>
                  Händelser
                </th>
                <th scope="col" className={th}>
                  Status
                </th>
                <th scope="col" className={th}>
                  Senast levererad
                </th>
                <th scope="col" className={th}>
                  Misslyckade
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Åtgärd</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.length === 0 ? (
                <tr className="border-t border-slate-200">
                  <td className={td} colSpan={6}>
                    Ingen träff.
                  </td>
                </tr>
              ) : (
                endpoints.map((endpoint) => (
                  <tr key={endpoint.id} className="border-t border-slate-200">
                    <td data-label="Adress" className={`${td} max-w-xs`}>
                      <span className="break-all font-mono">{endpoint.url}</span>
                      {endpoint.description ? (
                        <span className="block text-slate-700">{endpoint.description}</span>
                      ) : null}
                    </td>
                    <td data-label="Händelser" className={td}>
                      <ul>
                        {endpoint.eventTypes.map((type) => (
                          <li key={type}>{bmbEventTypeLabels[type]}</li>
                        ))}
                      </ul>
                    </td>
                    <td data-label="Status" className={td}>
                      {endpoint.active
                        ? 'Aktiv'
                        : `Avstängd ${endpoint.disabledAt ? swedishDate(endpoint.disabledAt) : ''}`}
                    </td>
                    <td data-label="Senast levererad" className={td}>{endpoint.lastSentAt ? when(endpoint.lastSentAt) : '–'}</td>
                    <td
                      data-label="Misslyckade"
                      className={`${td} ${endpoint.failing > 0 ? 'font-semibold text-red-800' : ''}`}
                    >
                      {endpoint.failing}
                    </td>
                    <td className={td}>
                      {endpoint.active ? (
                        <DisableWebhookButton webhookId={endpoint.id} url={endpoint.url} />
                      ) : null}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="failing-heading" className="flex flex-col gap-3">
        <h2 id="failing-heading" className="text-xl font-semibold">
          Misslyckade leveranser
        </h2>
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="stack-table w-full border-collapse text-sm">
            <caption className="sr-only">Misslyckade leveranser, äldst först</caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className={th}>
                  Webhook
                </th>
                <th scope="col" className={th}>
                  Händelse
                </th>
                <th scope="col" className={th}>
                  BMB
                </th>
                <th scope="col" className={th}>
                  Försök
                </th>
                <th scope="col" className={th}>
                  Senaste svar
                </th>
                <th scope="col" className={th}>
                  Nästa försök
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Åtgärd</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {failing.length === 0 ? (
                <tr className="border-t border-slate-200">
                  <td className={td} colSpan={7}>
                    Ingen träff.
                  </td>
                </tr>
              ) : (
                failing.map((d) => (
                  <tr key={d.id} className="border-t border-slate-200">
                    <td data-label="Webhook" className={`${td} max-w-xs`}>
                      <span className="break-all font-mono">{d.endpointUrl}</span>
                      {d.endpointActive ? null : (
                        <span className="block text-slate-700">Avstängd</span>
                      )}
                    </td>
                    <td data-label="Händelse" className={td}>
                      {bmbEventTypeLabels[d.eventType]}
                      <span className="block text-slate-700">Händelse {d.eventId}</span>
                    </td>
                    <td data-label="BMB" className={td}>
                      <Link href={`/skickade-bmb/${d.bmbId}`} className="text-brand-800 underline">
                        Visa BMB<span className="sr-only"> för händelse {d.eventId}</span>
                      </Link>
                    </td>
                    <td data-label="Försök" className={td}>{d.attempts}</td>
                    <td data-label="Senaste svar" className={td}>
                      {d.lastStatusCode ? (
                        <span className="block">HTTP {d.lastStatusCode}</span>
                      ) : null}
                      {d.lastError && !d.lastError.startsWith(`HTTP ${d.lastStatusCode}`) ? (
                        <span className="block">{d.lastError}</span>
                      ) : null}
                    </td>
                    <td data-label="Nästa försök" className={td}>
                      {d.status === 'failing'
                        ? when(d.nextAttemptAt)
                        : webhookDeliveryStatusLabels.given_up}
                    </td>
                    <td className={td}>
                      {d.endpointActive ? (
                        <ResendDeliveryButton
                          deliveryId={d.id}
                          what={`${bmbEventTypeLabels[d.eventType]}, händelse ${d.eventId}`}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="create-heading" className="flex flex-col gap-3">
        <h2 id="create-heading" className="text-xl font-semibold">
          Registrera webhook
        </h2>
        <CreateWebhookForm production={webhookTargetMode() === 'production'} />
      </section>
    </div>
  );
}
