import { accessLogPhase } from './access-log';
import { articlesPhase } from './articles';
import { auditEventsPhase } from './audit-events';
import { careUnitsPhase } from './care-units';
import { feedEventsPhase } from './feed-events';
import { dropForeignKeys, restoreForeignKeys } from './foreign-keys';
import { historicBmbsPhase } from './historic-bmbs';
import { loansPhase } from './loans';
import { openBmbsPhase } from './open-bmbs';
import { patientsPhase } from './patients';
import type { Phase } from './phase';
import { regionPlan, type RegionPlan } from './plan';
import { dropSecondaryIndexes, rebuildSecondaryIndexes } from './secondary-indexes';
import { preflight, REGION_TABLES } from './preflight';
import { prescribersPhase } from './prescribers';
import { literal, type RegionSql } from './region-sql';
import { unitsPhase } from './units';
import { unlockRequestsPhase } from './unlock-requests';
import { vacuumAnalyze } from './vacuum';

export { REGION_FIXTURES, regionFixtures, type RegionFixtures } from './fixtures';
export { regionId } from './ids';
export { regionPlan, MAX_SCALE, MIN_SCALE, type RegionPlan } from './plan';
export { RegionRefused } from './preflight';
export { regionSqlFromDb, regionSqlFromPostgres, type RegionSql } from './region-sql';

/** In the order they must run: every phase points only at rows of earlier ones. */
export const REGION_PHASES: Phase[] = [
  careUnitsPhase,
  prescribersPhase,
  articlesPhase,
  patientsPhase,
  unitsPhase,
  loansPhase,
  historicBmbsPhase,
  openBmbsPhase,
  unlockRequestsPhase,
  feedEventsPhase,
  auditEventsPhase,
  accessLogPhase,
];

export const INDEXES_PHASE = 'indexes';
export const FOREIGN_KEYS_PHASE = 'foreign keys';
export const VACUUM_PHASE = 'vacuum analyze';

/** Every table a phase writes. */
const FILLED_TABLES = [...new Set(REGION_PHASES.flatMap((phase) => phase.tables))];

export interface RegionProgress {
  phase: string;
  done: number;
  total: number;
  /** Since the phase began. */
  elapsedMs: number;
}

export interface PhaseTiming {
  phase: string;
  /** Rows written; 0 for the index builds, the foreign-key checks and the vacuum. */
  rows: number;
  ms: number;
}

export interface SeedRegionOptions {
  scale: number;
  /**
   * The moment the region is generated at; every time in it is relative to this
   * (pending BMBs were sent hours before it). Default: the database's now(),
   * to the minute. Same scale and anchor: the same rows, to the byte.
   */
  anchor?: Date;
  onProgress?: (progress: RegionProgress) => void;
  /** Skip the closing VACUUM (ANALYZE), e.g. in tests. */
  skipVacuum?: boolean;
}

export interface SeedRegionResult {
  plan: RegionPlan;
  workspaceId: string;
  anchor: Date;
  timings: PhaseTiming[];
}

/**
 * Generates a region into the production workspace, next to what is there
 * (the demo data stays as it is). Set-based: every phase is INSERT … SELECT
 * over generate_series, in chunks. All phases run in one transaction, so a
 * failure leaves nothing behind; a database that already holds a region is
 * refused (see preflight.ts). Foreign keys are checked, and plain indexes
 * built, once per table at the end of the transaction rather than row by row
 * (foreign-keys.ts, secondary-indexes.ts).
 */
export async function seedRegion(
  db: RegionSql,
  options: SeedRegionOptions,
): Promise<SeedRegionResult> {
  const plan = regionPlan(options.scale);
  const timings: PhaseTiming[] = [];
  const report = options.onProgress ?? (() => {});
  let anchor = options.anchor;

  /** Runs one step with its progress and timing (`rows` only for steps that write rows). */
  async function step(
    phase: string,
    total: number,
    work: (advance: (count: number) => void) => Promise<void>,
    writesRows = true,
  ) {
    const started = performance.now();
    let done = 0;
    report({ phase, done, total, elapsedMs: 0 });
    await work((rows) => {
      done += rows;
      report({ phase, done, total, elapsedMs: performance.now() - started });
    });
    timings.push({ phase, rows: writesRows ? done : 0, ms: performance.now() - started });
  }

  const workspaceId = await db.transaction(async (run) => {
    // This connection only: the bulk fill must not time out, and times are computed in UTC
    // (Swedish dates are asked for explicitly), so that the rows do not depend on the session.
    for (const setting of [
      'statement_timeout = 0',
      'idle_in_transaction_session_timeout = 0',
      "timezone = 'UTC'",
      "work_mem = '64MB'",
      "maintenance_work_mem = '512MB'",
      'synchronous_commit = off',
    ]) {
      await run(`set local ${setting}`);
    }
    const ws = await preflight(run);
    if (!anchor) {
      const [row] = await run(
        `select to_char(date_trunc('minute', now()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as now`,
      );
      anchor = new Date(String(row!.now));
    }
    const anchorSql = `timestamptz ${literal(anchor.toISOString())}`;
    const foreignKeys = await dropForeignKeys(run, FILLED_TABLES);
    const indexes = await dropSecondaryIndexes(run, FILLED_TABLES);

    for (const phase of REGION_PHASES) {
      await step(phase.name, phase.rows(plan), async (advance) => {
        await phase.run({
          run,
          plan,
          ws: literal(ws),
          anchor: anchorSql,
          anchorDate: `((${anchorSql}) at time zone 'Europe/Stockholm')::date`,
          advance,
        });
        // Statistics of the full tables for the next phases' queries (and the key checks at the end).
        await run(`analyze ${phase.tables.join(', ')}`);
      });
    }
    await step(
      INDEXES_PHASE,
      indexes.length,
      (advance) => rebuildSecondaryIndexes(run, indexes, () => advance(1)),
      false,
    );
    await step(
      FOREIGN_KEYS_PHASE,
      foreignKeys.length,
      (advance) => restoreForeignKeys(run, foreignKeys, () => advance(1)),
      false,
    );
    return ws;
  });

  if (!options.skipVacuum) {
    await step(
      VACUUM_PHASE,
      REGION_TABLES.length,
      (advance) => vacuumAnalyze(db.run, () => advance(1)),
      false,
    );
  }
  return { plan, workspaceId, anchor: anchor!, timings };
}
