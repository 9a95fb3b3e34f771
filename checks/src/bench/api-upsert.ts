import type postgres from 'postgres';
import type { BenchFixtures } from './fixtures';
import { percentile } from './load';

/** One pass of batches through `POST /api/v1/masterdata`, one after another, as the stock system posts them. */
export interface UpsertPass {
  batches: number;
  rows: number;
  seconds: number;
  rowsPerSec: number;
  /** Per batch, in ms. */
  p50: number;
  p95: number;
  errors: number;
  /** The first error's answer, for the log. */
  sample?: string;
}

export interface UpsertResult {
  rowsPerBatch: number;
  /** New loans: every row an insert. */
  created: UpsertPass;
  /** The same batches again: every row unchanged (the idempotent re-post). */
  unchanged: UpsertPass;
}

/** The benchmark's own loans, known by their sourceId; removed again when the run ends. */
export const BENCH_SOURCE_PREFIX = 'bench-upsert-';

interface LoanTemplate {
  personnummer: string;
  article_no: string;
  username: string;
  payer: string;
  delivery_address: string;
  ordered_on: string;
}

/**
 * Issue 17, item 8: the API's batch upsert in loan rows per second. New loans
 * of existing patients, articles (not tracked by individ), prescribers and
 * units, copied from the region's own loans, in batches of `rowsPerBatch`
 * (the API's maximum is 10,000 rows), timed by the benchmark from request to
 * answer; then the same batches once more, all unchanged.
 */
export async function apiUpsert(
  sql: postgres.Sql,
  fx: BenchFixtures,
  url: string,
  authorization: () => Promise<string>,
  options: { batches: number; rowsPerBatch: number },
): Promise<UpsertResult> {
  const total = options.batches * options.rowsPerBatch;
  const templates = await sql<LoanTemplate[]>`
    select pt.personnummer, a.article_no, p.username, py.code as payer, da.code as delivery_address,
      l.ordered_on::text as ordered_on
    from loans l
    join patients pt on pt.workspace_id = l.workspace_id and pt.id = l.patient_id
    join articles a on a.workspace_id = l.workspace_id and a.id = l.article_id
    join prescribers p on p.workspace_id = l.workspace_id and p.id = l.prescriber_id
    join payers py on py.workspace_id = l.workspace_id and py.id = l.payer_id
    join delivery_addresses da on da.workspace_id = l.workspace_id and da.id = l.delivery_address_id
    where l.workspace_id = ${fx.workspaceId} and l.unit_id is null and l.returned_on is null
    order by l.id limit ${total}`;
  if (templates.length < total) throw new Error(`Only ${templates.length} loans to copy, not ${total}`);
  const run = Date.now().toString(36);
  const bodies = Array.from({ length: options.batches }, (_, b) =>
    JSON.stringify({
      loans: templates
        .slice(b * options.rowsPerBatch, (b + 1) * options.rowsPerBatch)
        .map((t, i) => ({
          sourceId: `${BENCH_SOURCE_PREFIX}${run}-${b}-${i}`,
          personnummer: t.personnummer,
          articleNo: t.article_no,
          quantity: 1,
          orderedOn: t.ordered_on,
          prescriber: t.username,
          payer: t.payer,
          deliveryAddress: t.delivery_address,
          status: 'active',
          version: 1,
        })),
    }),
  );
  const pass = async (expect: 'created' | 'unchanged'): Promise<UpsertPass> => {
    const bearer = await authorization();
    const times: number[] = [];
    let errors = 0;
    let sample: string | undefined;
    const began = performance.now();
    for (const body of bodies) {
      const t = performance.now();
      const response = await fetch(`${url}/api/v1/masterdata`, {
        method: 'POST',
        headers: { authorization: bearer, 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      times.push(performance.now() - t);
      const counts = response.ok
        ? (JSON.parse(text) as { counts: { loans: Record<string, number> } }).counts.loans
        : null;
      if (counts?.[expect] !== options.rowsPerBatch) {
        errors++;
        sample ??= `${response.status} ${text.slice(0, 300)}`;
      }
    }
    const seconds = (performance.now() - began) / 1000;
    times.sort((a, b) => a - b);
    return {
      batches: bodies.length,
      rows: total,
      seconds,
      rowsPerSec: total / seconds,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      errors,
      sample,
    };
  };
  const created = await pass('created');
  const unchanged = await pass('unchanged');
  return { rowsPerBatch: options.rowsPerBatch, created, unchanged };
}

/** Takes the benchmark's loans out of the region again (they are in no BMB). */
export async function removeBenchLoans(sql: postgres.Sql, fx: BenchFixtures): Promise<number> {
  const removed = await sql`
    delete from loans where workspace_id = ${fx.workspaceId} and source_id like ${`${BENCH_SOURCE_PREFIX}%`}`;
  return removed.count;
}
