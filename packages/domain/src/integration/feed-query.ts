import { z } from 'zod';

/** Most events one page of the feed answers; the default is smaller. */
export const FEED_MAX_LIMIT = 1000;
export const FEED_DEFAULT_LIMIT = 100;

/** A feed cursor as the API hands it out: the transaction's id and the event's, `<txId>.<id>`. */
export const feedCursorSchema = z
  .string()
  .regex(/^\d{1,20}\.\d{1,19}$/, 'after: en markör som API:t har lämnat ut (next), t.ex. 0.0.')
  .transform((cursor) => {
    const [txId, id] = cursor.split('.');
    return { txId: txId!, id: Number(id) };
  });

/** GET /api/v1/events?after=<cursor>&limit=<n>. */
export const feedQuerySchema = z.object({
  after: feedCursorSchema.optional(),
  limit: z.coerce
    .number()
    .int('limit: ett heltal.')
    .min(1, 'limit: minst 1.')
    .max(FEED_MAX_LIMIT, `limit: högst ${FEED_MAX_LIMIT}.`)
    .default(FEED_DEFAULT_LIMIT),
});
