import type fc from 'fast-check';
import { TRAINING_RECORD_TABLES } from '@bmb/db/schema';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { rowsOf } from '../table-checksums';
import type { ModelWorld } from './fixtures';
import { auditSince, auditWatermark, invariantViolations, snapshot } from './invariants';
import { addAudit, matches, projection, type AuditDelta, type Model, type Observed } from './model';
import type { Op } from './operations';

/** What the runs did, by kind of action: how often it went through, and how often it was refused. */
export const tally: Record<string, { ok: number; refused: number; together: number }> = {};

function count(ops: Op[], observed: Observed[]): void {
  ops.forEach((op, i) => {
    const t = (tally[op.kind] ??= { ok: 0, refused: 0, together: 0 });
    if (observed[i]!.ok) t.ok++;
    else t.refused++;
    if (ops.length > 1) t.together++;
  });
}

/** The database and users, plus the run's scheduler, which orders concurrent actions. */
export interface RunContext extends ModelWorld {
  scheduler: fc.Scheduler;
}

/**
 * Runs actions together (one alone is the ordinary case) and checks them:
 *
 * 1. The outcomes must be those of the model in some order of the actions (each
 *    one atomic): a linearisation. Every order that fits is a candidate.
 * 2. The database's loans, BMBs, locks and unlock requests must equal a
 *    candidate's model, and the production audit trail must have grown by
 *    exactly that candidate's events (one per state change; a refusal adds
 *    none, or one `action.denied`).
 * 3. The invariants hold over every row (invariants.ts).
 * 4. One action alone that the model refuses, or a training run, must leave
 *    every production row as it was (the audit trail aside).
 *
 * The model is then that candidate.
 */
export async function runGroup(m: Model, real: RunContext, ops: Op[], delays: number[]): Promise<void> {
  const unchanged = ops.length === 1 && ops[0]!.expect(structuredClone(m)).outcome.ok === false;
  const training = ops.length === 1 && ops[0]!.sandboxOnly === true;
  const before = unchanged || training ? await productionChecksums(real) : null;
  const watermark = await auditWatermark(real);

  const observed = await withWatchdog(runTogether(real.scheduler, ops, delays), ops, real.scheduler);

  count(ops, observed);
  const audit = nonZero(await auditSince(real, watermark));
  const candidates = linearisations(m, ops, observed);
  const describe = () =>
    ops.map((op, i) => `  ${op.label} → ${JSON.stringify(observed[i])}`).join('\n') +
    (ops.length > 1 ? `\n  scheduler: ${real.scheduler.report().map((r) => r.label).join(' | ')}` : '');
  if (candidates.length === 0) {
    const expected = ops.map((op) => op.expect(structuredClone(m)).outcome);
    throw new Error(`No order of these actions explains their outcomes:\n${describe()}\n  alone, the model expects ${JSON.stringify(expected, (_, v: unknown) => (v instanceof RegExp ? String(v) : v))}`);
  }
  const ids = [...new Set(candidates.flatMap((c) => c.model.bmbs.map((b) => b.id)))];
  const actual = { state: await snapshot(real, ids), audit };
  const fit = candidates.find((c) => isEqual({ state: projection(c.model), audit: nonZero(c.audit) }, actual));
  if (!fit) {
    const c = candidates[0]!;
    expect(actual, `the database differs from the model after:\n${describe()}`).toEqual({
      state: projection(c.model),
      audit: nonZero(c.audit),
    });
  }
  m.hour = fit!.model.hour;
  m.loans = fit!.model.loans;
  m.bmbs = fit!.model.bmbs;

  expect(await invariantViolations(real, ids), `invariants after:\n${describe()}`).toEqual([]);
  if (before) expect(await productionChecksums(real), `production changed after:\n${describe()}`).toEqual(before);
}

/**
 * Starts every action behind the scheduler's gates: each waits for 1 + its
 * delay gates, and the scheduler (seeded by fast-check) decides which gate
 * opens next. Then they run truly concurrently on the database. (An action may
 * wait on more gates of its own between its steps: Övningsläge does.)
 */
async function runTogether(scheduler: fc.Scheduler, ops: Op[], delays: number[]): Promise<Observed[]> {
  const runs = ops.map(async (op, i) => {
    for (let gate = 0; gate <= (delays[i] ?? 0); gate++) await scheduler.schedule(Promise.resolve(), `${i}:${op.label}`);
    return op.run();
  });
  const settled = await scheduler.waitFor(Promise.allSettled(runs));
  const errors = settled.flatMap((s, i) => (s.status === 'rejected' ? [`${ops[i]!.label}: ${describeError(s.reason)}`] : []));
  if (errors.length > 0) {
    throw new Error(`An action failed outright while running together with others:\n  ${errors.join('\n  ')}\n  scheduler: ${scheduler.report().map((r) => r.label).join(' | ')}`);
  }
  return settled.map((s) => (s as PromiseFulfilledResult<Observed>).value);
}

/** A step that hangs fails with what it was doing, instead of stalling the suite. */
async function withWatchdog<T>(work: Promise<T>, ops: Op[], scheduler: fc.Scheduler): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const report = scheduler.report().map((r) => `${r.label}=${r.status}`).join(' | ');
      reject(new Error(`Hung for ${STEP_TIMEOUT_MS / 1000} s:\n  ${ops.map((op) => op.label).join('\n  ')}\n  scheduler: ${report}`));
    }, STEP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
const STEP_TIMEOUT_MS = 40_000;

/** The error and its causes (Drizzle wraps the driver's error), first line of each. */
function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let e = error; e; e = (e as { cause?: unknown }).cause) lines.push(String((e as Error).message ?? e).split('\n')[0]!);
  return lines.join(' ← ');
}

function linearisations(m: Model, ops: Op[], observed: Observed[]): { model: Model; audit: AuditDelta }[] {
  const out: { model: Model; audit: AuditDelta }[] = [];
  for (const order of permutations(ops.map((_, i) => i))) {
    const model = structuredClone(m);
    const audit: AuditDelta = {};
    const fits = order.every((i) => {
      const expectation = ops[i]!.expect(model);
      if (!matches(expectation.outcome, observed[i]!)) return false;
      addAudit(audit, expectation.audit);
      expectation.apply?.(model, observed[i]!);
      return true;
    });
    if (fits) out.push({ model, audit });
  }
  return out;
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

function nonZero(delta: AuditDelta): AuditDelta {
  return Object.fromEntries(Object.entries(delta).filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
}

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

let workspaceTables: string[] | null = null;

/** One checksum per table of the production workspace's rows (the logs and training bookkeeping aside). */
async function productionChecksums({ world }: ModelWorld): Promise<Record<string, string>> {
  workspaceTables ??= rowsOf<{ name: string }>(
    await world.db.execute(sql`
      select table_name as name from information_schema.columns
      where table_schema = 'public' and column_name = 'workspace_id'
      order by 1`),
  )
    .map((r) => r.name)
    .filter((name) => name !== 'audit_events' && !(TRAINING_RECORD_TABLES as readonly string[]).includes(name));
  const parts = workspaceTables.map(
    (name) => sql`select ${name} as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum
      from ${sql.identifier(name)} t where t.workspace_id = ${world.workspaceId}`,
  );
  const rows = rowsOf<{ name: string; sum: string }>(await world.db.execute(sql.join(parts, sql` union all `)));
  return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
}
