import { FEED_START, readFeed } from '@bmb/db/queries';
import { feedQuerySchema } from '@bmb/domain';
import { apiRoute } from '@/lib/api/api-route';
import { problem } from '@/lib/api/problem';

/**
 * GET /api/v1/events?after=<cursor>&limit=<n>: what BMB did, oldest first, from
 * where the reader left off. `next` is where to go on from; an empty page
 * answers the same cursor again, to poll with later. A reader that keeps
 * polling misses nothing (docs/decisions/011).
 */
export const GET = apiRoute('events:read', async ({ request, actor, db }) => {
  const query = new URL(request.url).searchParams;
  const parsed = feedQuerySchema.safeParse({
    after: query.get('after') ?? undefined,
    limit: query.get('limit') ?? undefined,
  });
  if (!parsed.success) {
    return problem({
      code: 'invalid-query',
      status: 400,
      title: 'Ogiltig fråga',
      detail: parsed.error.issues.map((i) => i.message).join(' '),
    });
  }
  const { after, limit } = parsed.data;
  const events = await readFeed(db, actor.workspaceId, after ?? FEED_START, limit);
  return Response.json(
    {
      events: events.map(({ id, type, occurredAt, data }) => ({
        id,
        type,
        occurredAt: occurredAt.toISOString(),
        data,
      })),
      next: events.at(-1)?.cursor ?? (after ? `${after.txId}.${after.id}` : '0.0'),
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});
