import type { AdminScope } from '@bmb/domain';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { prescribers, rateLimitCounters } from '../schema';
import { rowsOf } from './rows';

/** One fixed window of a limit: at most `limit` hits per `seconds`. */
export interface RateWindow {
  seconds: number;
  limit: number;
}

export interface RateHit {
  /** The counts after this hit, one per window, in the order given. */
  windows: (RateWindow & { hits: number })[];
  /** Over the limit in some window: refuse. */
  exceeded: boolean;
  /** This hit is the first one over a limit (report it once, not on every refusal). */
  justExceeded: boolean;
}

// The window a moment falls in, on the database's own clock (the same for
// every app instance): epoch seconds rounded down to a multiple of the length.
const windowStart = (seconds: number) =>
  sql`to_timestamp(floor(extract(epoch from now()) / ${seconds}::int) * ${seconds}::int)`;

/**
 * Counts one hit of `subject` in `bucket`, in every window at once, in one
 * statement: the upsert makes concurrent hits from several instances add up.
 */
export async function hitRateLimit(
  db: DbOrTx,
  bucket: string,
  subject: string,
  windows: RateWindow[],
): Promise<RateHit> {
  const values = windows.map(
    (w) => sql`(${bucket}, ${subject}, ${w.seconds}::int, ${windowStart(w.seconds)}, 1)`,
  );
  const rows = rowsOf<{ window_seconds: number; hits: number }>(
    await db.execute(sql`
    insert into ${rateLimitCounters} (bucket, subject, window_seconds, window_start, hits)
    values ${sql.join(values, sql`, `)}
    on conflict (bucket, window_seconds, subject, window_start)
      do update set hits = ${rateLimitCounters}.hits + 1
    returning window_seconds, hits
  `),
  );
  const counted = windows.map((w) => ({
    ...w,
    hits: Number(rows.find((r) => Number(r.window_seconds) === w.seconds)?.hits ?? 1),
  }));
  return {
    windows: counted,
    exceeded: counted.some((w) => w.hits > w.limit),
    justExceeded: counted.some((w) => w.hits === w.limit + 1),
  };
}

/** The hits of `subject` in the current window, without counting one. */
export async function peekRateLimit(
  db: DbOrTx,
  bucket: string,
  subject: string,
  window: RateWindow,
): Promise<number> {
  const rows = rowsOf<{ hits: number }>(
    await db.execute(sql`
    select hits from ${rateLimitCounters}
    where bucket = ${bucket} and window_seconds = ${window.seconds}::int
      and subject = ${subject} and window_start = ${windowStart(window.seconds)}
  `),
  );
  return Number(rows[0]?.hits ?? 0);
}

/** Housekeeping: counters are not evidence; windows older than `keepSeconds` go. */
export async function purgeRateLimitWindows(db: DbOrTx, keepSeconds: number): Promise<void> {
  await db.execute(
    sql`delete from ${rateLimitCounters} where window_start < now() - make_interval(secs => ${keepSeconds}::int)`,
  );
}

export interface SuspiciousLookupRow {
  username: string;
  name: string;
  /** `misses`: many lookups found nobody; `limit`: a lookup limit was reached. */
  kind: 'misses' | 'limit';
  windowStart: Date;
  windowSeconds: number;
  hits: number;
}

/**
 * Admin → Översikt, "Misstänkt sökmönster": the production workspace's people
 * who in the last day had `missThreshold` lookups without a hit in one hour,
 * or reached a lookup limit. Training sandboxes' people are not counted
 * (their misses are never recorded, and their ids are not production's).
 */
export async function listSuspiciousLookups(
  db: DbOrTx,
  admin: AdminScope,
  buckets: { lookups: string; misses: string },
  limits: readonly RateWindow[],
  missThreshold: number,
): Promise<SuspiciousLookupRow[]> {
  const overLimit = sql.join(
    limits.map((l) => sql`(c.window_seconds = ${l.seconds}::int and c.hits > ${l.limit}::int)`),
    sql` or `,
  );
  const rows = rowsOf<{
    username: string;
    name: string;
    bucket: string;
    window_start: string;
    window_seconds: number;
    hits: number;
  }>(
    await db.execute(sql`
      select p.username, p.name, c.bucket, c.window_start::text as window_start, c.window_seconds, c.hits
      from ${rateLimitCounters} c
      join ${prescribers} p on p.workspace_id = ${admin.workspaceId} and p.id::text = c.subject
      where c.window_start >= now() - interval '24 hours'
        and ((c.bucket = ${buckets.misses} and c.hits >= ${missThreshold}::int)
          or (c.bucket = ${buckets.lookups} and (${overLimit})))
      order by c.window_start desc, p.username
      limit 50
    `),
  );
  return rows.map((r) => ({
    username: r.username,
    name: r.name,
    kind: r.bucket === buckets.misses ? 'misses' : 'limit',
    windowStart: new Date(r.window_start),
    windowSeconds: Number(r.window_seconds),
    hits: Number(r.hits),
  }));
}
