import type { Db } from '@bmb/db/client';
import { TRAINING_RECORD_TABLES } from '@bmb/db/schema';
import { sql } from 'drizzle-orm';

/** The driver-independent rows of a raw query (postgres.js returns an array, PGlite `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A checksum of every table's content, to prove that a refused call changed nothing. */
export async function tableChecksums(db: Db, except: string[] = []): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`),
  )
    .map((r) => r.name)
    .filter((name) => !except.includes(name));
  const sums: Record<string, string> = {};
  for (const name of tables) {
    const [row] = rowsOf<{ sum: string | null }>(
      await db.execute(
        sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${sql.identifier(name)} t`,
      ),
    );
    sums[name] = row?.sum ?? '';
  }
  return sums;
}

/**
 * Every row of one workspace in every workspace table, as one checksum per
 * table: proof that training left production alone (the learner's own
 * training record, TRAINING_RECORD_TABLES, is left out).
 */
export async function workspaceChecksums(db: Db, workspaceId: string): Promise<Record<string, string>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`
      select c.table_name as name from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'workspace_id'
      order by 1`),
  )
    .map((r) => r.name)
    .filter((name) => !(TRAINING_RECORD_TABLES as readonly string[]).includes(name));
  const sums: Record<string, string> = {};
  for (const name of tables) {
    const [row] = rowsOf<{ sum: string }>(
      await db.execute(
        sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum
            from ${sql.identifier(name)} t where t.workspace_id = ${workspaceId}`,
      ),
    );
    sums[name] = row!.sum;
  }
  return sums;
}
