import { z } from 'zod';

/** Most BMBs one page of GET /api/v1/bmbs answers; the default is smaller. */
export const BMBS_MAX_LIMIT = 500;
export const BMBS_DEFAULT_LIMIT = 100;

/** The states a sent BMB is in, as the API names them (a draft is never shown). */
export const API_BMB_STATES = ['waiting', 'locked', 'accepted', 'rejected', 'unlocked'] as const;

/** A page cursor as the API hands it out: the last row's change time and id, `<ISO time>~<id>`. */
export const bmbsCursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx) => {
    const [updatedAt, id] = cursor.split('~');
    const parsed = z
      .object({ updatedAt: z.iso.datetime(), id: z.uuid() })
      .safeParse({ updatedAt, id });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'after: en markör som API:t har lämnat ut (next).' });
      return z.NEVER;
    }
    return parsed.data;
  });

export const encodeBmbsCursor = (after: { updatedAt: string; id: string }) =>
  `${after.updatedAt}~${after.id}`;

/** GET /api/v1/bmbs?status=&updatedSince=&after=&limit=. No filter takes a personnummer: none may be in a URL. */
export const bmbsQuerySchema = z.object({
  status: z
    .enum(API_BMB_STATES, { message: `status: en av ${API_BMB_STATES.join(', ')}.` })
    .optional(),
  updatedSince: z.iso
    .datetime({
      offset: true,
      message: 'updatedSince: en tidpunkt enligt ISO 8601, t.ex. 2026-12-01T00:00:00Z.',
    })
    .optional(),
  after: bmbsCursorSchema.optional(),
  limit: z.coerce
    .number()
    .int('limit: ett heltal.')
    .min(1, 'limit: minst 1.')
    .max(BMBS_MAX_LIMIT, `limit: högst ${BMBS_MAX_LIMIT}.`)
    .default(BMBS_DEFAULT_LIMIT),
});
