import type { Db } from '@bmb/db/client';
import * as schema from '@bmb/db/schema';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

export interface ExplainedQuery {
  path: string;
  sql: string;
  plan: string;
  /** Tables above 10,000 rows the plan reads with a sequential scan. */
  bigSeqScans: string[];
}

const BIG = 10_000;

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of every query a path runs: its SQL is captured
 * from Drizzle's logger while the path's query functions run once, then each
 * statement is explained inside a transaction that is rolled back (the
 * access-log inserts are explained too, and leave nothing behind).
 */
export async function explainPaths(
  url: string,
  paths: { key: string; sql(db: Db): Promise<unknown> }[],
): Promise<ExplainedQuery[]> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const captured: { text: string; params: unknown[] }[] = [];
  const db = drizzle(client, {
    schema,
    casing: 'snake_case',
    logger: { logQuery: (text, params) => void captured.push({ text, params }) },
  }) as unknown as Db;
  const sizes = new Map(
    (
      await client<{ relname: string; rows: number }[]>`
      select relname, reltuples::bigint as rows from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`
    ).map((r) => [r.relname, Number(r.rows)]),
  );
  const out: ExplainedQuery[] = [];
  try {
    for (const path of paths) {
      captured.length = 0;
      await path.sql(db);
      const seen = new Set<string>();
      for (const { text, params } of captured) {
        if (seen.has(text)) continue;
        seen.add(text);
        let plan = '';
        await client
          .begin(async (tx) => {
            const rows = await tx.unsafe(`explain (analyze, buffers) ${text}`, params as never[]);
            plan = rows.map((r) => String(r['QUERY PLAN'])).join('\n');
            throw new Rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error;
          });
        const bigSeqScans = [...plan.matchAll(/Seq Scan on (\w+)/g)]
          .map((m) => m[1]!)
          .filter((t) => (sizes.get(t) ?? 0) > BIG);
        out.push({ path: path.key, sql: text, plan, bigSeqScans: [...new Set(bigSeqScans)] });
      }
    }
  } finally {
    await client.end({ timeout: 5 });
  }
  return out;
}

class Rollback extends Error {}
