import { listBmbsForApi, workspaceNow } from '@bmb/db/queries';
import { bmbsQuerySchema, encodeBmbsCursor } from '@bmb/domain';
import { apiRoute } from '@/lib/api/api-route';
import { problem } from '@/lib/api/problem';

/**
 * GET /api/v1/bmbs?status=&updatedSince=&after=&limit=: sent BMBs in the order
 * they last changed, a page at a time; `next` is the `after` of the next page
 * (null on the last).
 */
export const GET = apiRoute('bmbs:read', async ({ request, actor, db }) => {
  const query = new URL(request.url).searchParams;
  const parsed = bmbsQuerySchema.safeParse(
    Object.fromEntries(
      ['status', 'updatedSince', 'after', 'limit'].flatMap((k) =>
        query.has(k) ? [[k, query.get(k)]] : [],
      ),
    ),
  );
  if (!parsed.success) {
    return problem({
      code: 'invalid-query',
      status: 400,
      title: 'Ogiltig fråga',
      detail: parsed.error.issues.map((i) => i.message).join(' '),
    });
  }
  const { status, updatedSince, after, limit } = parsed.data;
  const now = await workspaceNow(db, actor.workspaceId);
  const page = await listBmbsForApi(db, actor.workspaceId, now, {
    status,
    updatedSince: updatedSince ? new Date(updatedSince) : undefined,
    after,
    limit,
  });
  return Response.json(
    { bmbs: page.bmbs, next: page.next ? encodeBmbsCursor(page.next) : null },
    { headers: { 'cache-control': 'no-store' } },
  );
});
