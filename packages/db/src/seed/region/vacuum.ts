import { REGION_TABLES } from './preflight';
import type { RunSql } from './region-sql';

/**
 * After the commit: VACUUM (ANALYZE) every table the region filled. ANALYZE
 * gives the planner the region's statistics; VACUUM sets the visibility map
 * (index-only scans) and hint bits, which the first reader would otherwise pay
 * for. Both matter where autovacuum is off or slow to notice a bulk load.
 */
export async function vacuumAnalyze(run: RunSql, onTable: (table: string) => void): Promise<void> {
  for (const table of REGION_TABLES) {
    await run(`vacuum (analyze) ${table}`);
    onTable(table);
  }
}
