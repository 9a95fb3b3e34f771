import { literal, runEach, type RunSql } from './region-sql';

/**
 * Foreign keys checked once per table instead of once per row.
 *
 * A foreign key checks each inserted row with its own index lookup: for the
 * region's 13 million rows and their 40-odd references, that is most of the
 * fill's time. Dropped at the start of the fill's transaction and added back
 * at its end, each is checked by PostgreSQL in one join over the whole table
 * (ALTER TABLE … ADD CONSTRAINT validates every row, the demo's included),
 * which is many times faster. The definitions are read from the catalogue and
 * restored exactly (names, ON UPDATE CASCADE). Nothing else is touched: unique
 * indexes, checks and the logs' append-only triggers work throughout.
 *
 * Per-row checks have a second cost: each foreign key's lookup is planned once
 * per connection, on the statistics of that moment. Planned while bmbs held a
 * handful of rows, the check of bmb_lines → bmbs used an index that matches on
 * status alone, and every check read every BMB of that status: minutes, not
 * seconds, at a tenth of the region.
 *
 * Transactional DDL makes this safe: if anything fails, the rollback restores
 * the constraints with the rest; no one else sees the tables meanwhile (ALTER
 * TABLE holds them exclusively), and nothing commits without every key checked.
 */
export async function dropForeignKeys(run: RunSql, tables: readonly string[]): Promise<string[]> {
  const rows = await run(`
    select format('alter table %s drop constraint %I', conrelid::regclass, conname) as drop_statement,
           format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
             as add_statement
    from pg_constraint
    where contype = 'f'
      and conrelid in (select to_regclass('public.' || t) from unnest(array[${tables.map(literal).join(', ')}]) t)
    order by conrelid::regclass::text, conname`);
  for (const row of rows) await run(String(row.drop_statement));
  return rows.map((row) => String(row.add_statement));
}

/** Adds back what `dropForeignKeys` dropped, each checked against every row. */
export const restoreForeignKeys = runEach;
