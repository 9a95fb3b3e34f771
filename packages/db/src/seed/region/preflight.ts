import { BUSY_RECEIVER_USERNAME } from './layout';
import type { RunSql } from './region-sql';

/** The tables the generator writes: all must exist, i.e. the database is migrated. */
export const REGION_TABLES = [
  'workspaces',
  'payers',
  'delivery_addresses',
  'prescribers',
  'prescriber_payers',
  'prescriber_delivery_addresses',
  'articles',
  'patients',
  'units',
  'loans',
  'bmbs',
  'bmb_lines',
  'unlock_requests',
  'bmb_events',
  'audit_events',
  'patient_access_log',
] as const;

export class RegionRefused extends Error {}

/**
 * Checks that the region can go in, and returns the production workspace.
 * Refuses (RegionRefused) an unmigrated database, one without the production
 * workspace, and one that already holds a region: the generator is not
 * idempotent; it adds everything in one transaction or nothing.
 */
export async function preflight(run: RunSql): Promise<string> {
  const missing = await run(`
    select t from unnest(array['${REGION_TABLES.join("','")}']) t where to_regclass('public.' || t) is null`);
  if (missing.length > 0) {
    throw new RegionRefused(
      `The database is not migrated (no table ${missing.map((r) => r.t).join(', ')}): run pnpm db:migrate first.`,
    );
  }
  const [workspace] = await run(`select id::text as id from workspaces where kind = 'production'`);
  if (!workspace || typeof workspace.id !== 'string') {
    throw new RegionRefused('The database has no production workspace: run pnpm db:seed first.');
  }
  const [existing] = await run(
    `select 1 from prescribers where workspace_id = '${workspace.id}' and username = '${BUSY_RECEIVER_USERNAME}'`,
  );
  if (existing) {
    throw new RegionRefused(
      `The database already holds a generated region (prescriber ${BUSY_RECEIVER_USERNAME} exists). ` +
        'Generate into a fresh database (pnpm db:reset, or create a new one and pnpm db:migrate).',
    );
  }
  return String(workspace.id);
}
