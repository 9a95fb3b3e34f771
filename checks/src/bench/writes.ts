import type postgres from 'postgres';
import { optionValues } from '../harness/http';
import { idempotencyKey, type BenchFixtures, type Draft } from './fixtures';
import { actionRequest, type HttpRequest } from './http-requests';
import type { BenchSessions } from './sessions';

/** A write path: one prepared BMB per request, handed out in order. */
export interface WritePath {
  key: string;
  label: string;
  next(): HttpRequest;
  ok(status: number, headers: Record<string, string>): boolean;
  left(): number;
}

const redirectTo = (fragment: string) => (status: number, headers: Record<string, string>) =>
  status === 200 && (headers['x-action-redirect'] ?? '').includes(fragment);

/** Verkställ on the draft's summary page (`/skickade-bmb/<id>`), by the draft's sender. */
export function sendPath(
  drafts: Draft[],
  sessions: BenchSessions,
  ids: Record<string, string>,
  origin: string,
): WritePath {
  let i = 0;
  return {
    key: 'send',
    label: 'Verkställ (send a draft)',
    next() {
      const d = drafts[Math.min(i++, drafts.length - 1)]!;
      return actionRequest(
        `/skickade-bmb/${d.bmbId}`,
        ids.sendBmb!,
        sessions.cookie(d.sender),
        [
          ['bmbId', d.bmbId],
          ['idempotencyKey', idempotencyKey()],
        ],
        {},
        origin,
      );
    },
    // Verkställ answers with the BMB's page again (no redirect); whether each
    // one was sent is counted in the database afterwards (sentCount).
    ok: (status, headers) => status === 200 && (headers['content-type'] ?? '').includes('text/x-component'),
    left: () => drafts.length - i,
  };
}

/** The receiver's own first delivery address and payer, as the answer page offers them. */
export async function answerChoices(
  base: string,
  cookie: string,
  bmbId: string,
): Promise<{ addressId: string; payerId: string }> {
  // As a click inside BMB: opened from elsewhere, a page with patient data only asks first (issue 15).
  const html = await (
    await fetch(`${base}/kvittera-bmb/${bmbId}`, {
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    })
  ).text();
  // The first real choice: the lists open with a "Välj …" option of no value.
  const addressId = optionValues(html, 'deliveryAddressId').find(Boolean);
  const payerId = optionValues(html, 'payerId').find(Boolean);
  if (!addressId || !payerId)
    throw new Error(`The answer page of ${bmbId} offers no address or payer`);
  return { addressId, payerId };
}

/** Kvittera BMB step 3, Verkställ with Ja: the loans move to the receiver. */
export function answerPath(
  bmbIds: string[],
  fx: BenchFixtures,
  sessions: BenchSessions,
  ids: Record<string, string>,
  choice: { addressId: string; payerId: string },
  origin: string,
): WritePath {
  let i = 0;
  const cookie = sessions.cookie(fx.answerer);
  return {
    key: 'answer',
    label: 'Answer Ja (Kvittera, Verkställ)',
    next() {
      const bmbId = bmbIds[Math.min(i++, bmbIds.length - 1)]!;
      const values = {
        bmbId,
        approved: '',
        deliveryAddressId: choice.addressId,
        payerId: choice.payerId,
        message: '',
      };
      return actionRequest(
        `/kvittera-bmb/${bmbId}`,
        ids.answerBmb!,
        cookie,
        [
          ['bmbId', bmbId],
          ['deliveryAddressId', choice.addressId],
          ['payerId', choice.payerId],
          ['approved', 'ja'],
          ['message', ''],
        ],
        { values },
        origin,
      );
    },
    ok: redirectTo('besvarad=ja'),
    left: () => bmbIds.length - i,
  };
}

/** Drafts the run did not send are thrown away, as a user would (the row stays, discarded). */
export async function discardLeftoverDrafts(sql: postgres.Sql, fx: BenchFixtures): Promise<number> {
  const rows = await sql`
    update bmbs set status = 'discarded', discarded_at = now(), updated_at = now()
    where workspace_id = ${fx.workspaceId} and status = 'draft' and message = 'pnpm bench'
    returning id`;
  return rows.length;
}

/** How many of these drafts are sent now: a Verkställ that answered 200 but did not send is an error. */
export async function sentCount(sql: postgres.Sql, drafts: Draft[]): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from bmbs where id in ${sql(drafts.map((d) => d.bmbId))} and status = 'sent'`;
  return row?.n ?? 0;
}
