import type { RegionPlan } from './plan';
import type { RunSql } from './region-sql';

/** What every phase gets: the connection (inside the fill's transaction), the plan and the clock. */
export interface PhaseContext {
  run: RunSql;
  plan: RegionPlan;
  /** The production workspace, as a SQL literal. */
  ws: string;
  /** The moment the region is generated at, as a SQL timestamptz: every time is relative to it. */
  anchor: string;
  /** The same moment's date in Swedish time, as a SQL date. */
  anchorDate: string;
  /** Reports `rows` more rows written. */
  advance(rows: number): void;
}

export interface Phase {
  name: string;
  /** The tables it writes: analysed after it, so that later phases are planned on real sizes. */
  tables: string[];
  /** Rows the phase writes, for the progress bar. */
  rows(plan: RegionPlan): number;
  run(ctx: PhaseContext): Promise<void>;
}

/** Rows per INSERT … SELECT: large enough to be set-based, small enough to show progress. */
export const CHUNK_ROWS = 100_000;

/**
 * Calls `fill(lo, hi)` for consecutive ranges [lo, hi) covering [0, total), in
 * chunks of `size` items each, and reports the rows each chunk wrote: what
 * `fill` returns, else one row per item.
 */
export async function inChunks(
  ctx: PhaseContext,
  total: number,
  fill: (lo: number, hi: number) => Promise<number | void>,
  size = CHUNK_ROWS,
): Promise<void> {
  for (let lo = 0; lo < total; lo += size) {
    const hi = Math.min(total, lo + size);
    const rows = await fill(lo, hi);
    ctx.advance(rows ?? hi - lo);
  }
}

/** `generate_series(lo, hi - 1)` as bigint, so that arithmetic on it cannot overflow. */
export const series = (lo: number, hi: number) =>
  `generate_series(${lo}::bigint, ${hi - 1}::bigint)`;
