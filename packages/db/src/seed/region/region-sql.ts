import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Db } from '../../client';

/** Runs one SQL statement (no parameters: the generator's SQL is all literals it built itself). */
export type RunSql = (statement: string) => Promise<Record<string, unknown>[]>;

/** A connection the generator can fill through: statements, and one transaction around them. */
export interface RegionSql {
  run: RunSql;
  transaction<T>(work: (run: RunSql) => Promise<T>): Promise<T>;
}

/**
 * A plain postgres.js client: the bulk fill's own connection, without the app
 * client's 15 s statement timeout. Give it `max: 1`.
 */
export function regionSqlFromPostgres(client: postgres.Sql): RegionSql {
  const on =
    (c: postgres.Sql | postgres.TransactionSql): RunSql =>
    async (statement) =>
      [...(await c.unsafe(statement))] as Record<string, unknown>[];
  return {
    run: on(client),
    transaction: (work) => client.begin((tx) => work(on(tx))) as Promise<never>,
  };
}

/** Through Drizzle, on either driver: for tests on PGlite and PostgreSQL. */
export function regionSqlFromDb(db: Db): RegionSql {
  const on =
    (d: Pick<Db, 'execute'>): RunSql =>
    async (statement) => {
      const result: unknown = await d.execute(sql.raw(statement));
      // postgres.js returns the rows; PGlite an object holding them.
      return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
        string,
        unknown
      >[];
    };
  return {
    run: on(db),
    transaction: (work) => db.transaction((tx) => work(on(tx))),
  };
}

/** A string as a SQL literal. */
export const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Runs saved DDL one statement at a time, reporting each (a progress bar advances). */
export async function runEach(run: RunSql, statements: readonly string[], onEach: () => void): Promise<void> {
  for (const statement of statements) {
    await run(statement);
    onEach();
  }
}
