import { literal, runEach, type RunSql } from './region-sql';

/**
 * Secondary indexes built once at the end instead of grown row by row.
 *
 * The logs have four indexes each besides their key, and rows arrive in time
 * order, so the by-patient and by-user indexes take every insert at a random
 * leaf. For eight million rows that was most of the fill's time; CREATE INDEX
 * sorts once (in parallel) instead. Only plain indexes are dropped: primary
 * keys, unique indexes and anything backing a constraint stay, so the partial
 * unique indexes (one open BMB per loan, one current loan per individ, …) keep
 * refusing bad rows throughout. Definitions are read from the catalogue and
 * restored exactly; as with the foreign keys, a rollback restores them too.
 *
 * One difference remains, for whoever benchmarks: freshly built indexes are
 * packed (as after REINDEX), where indexes grown by years of inserts are
 * looser and somewhat larger.
 */
export async function dropSecondaryIndexes(
  run: RunSql,
  tables: readonly string[],
): Promise<string[]> {
  const rows = await run(`
    select format('drop index %s', i.indexrelid::regclass) as drop_statement,
           pg_get_indexdef(i.indexrelid) as create_statement
    from pg_index i
    where i.indrelid in (select to_regclass('public.' || t) from unnest(array[${tables.map(literal).join(', ')}]) t)
      and not i.indisunique
      and not i.indisprimary
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by i.indexrelid::regclass::text`);
  for (const row of rows) await run(String(row.drop_statement));
  return rows.map((row) => String(row.create_statement));
}

/** Builds what `dropSecondaryIndexes` dropped. */
export const rebuildSecondaryIndexes = runEach;
