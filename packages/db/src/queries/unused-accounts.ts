import type { AdminScope } from '@bmb/domain';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { auditEvents, prescribers, workspaces } from '../schema';
import { workspaceClockSql } from './clock';
import { rowsOf } from './rows';

/**
 * Region rule (issue 20, item 7): a prescriber account nobody has logged in
 * to for the region's number of months is deactivated, by the housekeeping
 * job, and listed for Länsservice, who can reactivate it. Länsservice's own
 * accounts are never deactivated this way.
 */

/** A successful SSO login: what "unused" is judged by. */
export async function recordLogin(db: DbOrTx, workspaceId: string, prescriberId: string): Promise<void> {
  await db
    .update(prescribers)
    .set({ lastLoginAt: workspaceClockSql(workspaceId) })
    .where(and(eq(prescribers.workspaceId, workspaceId), eq(prescribers.id, prescriberId)));
}

export interface DeactivatedAccount {
  id: string;
  username: string;
  name: string;
  lastLoginAt: Date | null;
  deactivatedAt: Date;
}

/**
 * Deactivates every production prescriber account unused for the region's
 * months (by the workspace clock), each audited as the housekeeping's act
 * (no actor), in one transaction; returns them.
 */
export async function deactivateUnusedAccounts(tx: DbOrTx): Promise<DeactivatedAccount[]> {
  const list = rowsOf<{
    id: string;
    username: string;
    name: string;
    lastLoginAt: string | Date | null;
    deactivatedAt: string | Date;
  }>(await tx.execute(sql`
    with due as (
      select p.workspace_id, p.id, w.deactivate_unused_after_months as months,
             now() + make_interval(secs => w.clock_offset_seconds) as at
      from ${prescribers} p join ${workspaces} w on w.id = p.workspace_id and w.kind = 'production'
      where p.role = 'prescriber' and p.active
        and coalesce(p.last_login_at, p.created_at)
            < now() + make_interval(secs => w.clock_offset_seconds) - make_interval(months => w.deactivate_unused_after_months)
      for update of p
    ),
    done as (
      update ${prescribers} p set active = false, deactivated_unused_at = due.at
      from due where p.workspace_id = due.workspace_id and p.id = due.id
      returning p.workspace_id, p.id, p.username, p.name, p.last_login_at, p.deactivated_unused_at, due.months
    ),
    audited as (
      insert into ${auditEvents} (workspace_id, actor_id, action, entity_type, entity_id, before, after)
      select workspace_id, null, 'account.deactivated', 'prescriber', id, jsonb_build_object('active', true),
             jsonb_build_object('active', false, 'username', username, 'reason', 'unused', 'months', months,
                                'lastLoginAt', last_login_at)
      from done
      returning 1
    )
    select d.id::text as id, d.username, d.name, d.last_login_at as "lastLoginAt", d.deactivated_unused_at as "deactivatedAt"
    from done d, (select count(*) from audited) a`));
  return list.map((r) => ({
    ...r,
    lastLoginAt: r.lastLoginAt === null ? null : new Date(r.lastLoginAt),
    deactivatedAt: new Date(r.deactivatedAt),
  }));
}

/** Admin: the accounts the rule deactivated, newest first. */
export async function listDeactivatedAccounts(db: DbOrTx, admin: AdminScope): Promise<DeactivatedAccount[]> {
  const rows = await db
    .select({
      id: prescribers.id,
      username: prescribers.username,
      name: prescribers.name,
      lastLoginAt: prescribers.lastLoginAt,
      deactivatedAt: prescribers.deactivatedUnusedAt,
    })
    .from(prescribers)
    .where(
      and(
        eq(prescribers.workspaceId, admin.workspaceId),
        eq(prescribers.active, false),
        isNotNull(prescribers.deactivatedUnusedAt),
      ),
    )
    .orderBy(sql`${prescribers.deactivatedUnusedAt} desc`, prescribers.username)
    .limit(1000);
  return rows.map((r) => ({ ...r, deactivatedAt: r.deactivatedAt! }));
}

/**
 * Länsservice reactivates an account the rule deactivated; its clock starts
 * again now (else the next run would deactivate it at once). Null when there
 * is no such deactivated account.
 */
export async function reactivateAccount(
  db: DbOrTx,
  admin: AdminScope,
  username: string,
): Promise<{ id: string; username: string; name: string } | null> {
  const [row] = await db
    .update(prescribers)
    .set({ active: true, deactivatedUnusedAt: null, lastLoginAt: workspaceClockSql(admin.workspaceId) })
    .where(
      and(
        eq(prescribers.workspaceId, admin.workspaceId),
        eq(prescribers.username, username),
        eq(prescribers.active, false),
        isNotNull(prescribers.deactivatedUnusedAt),
      ),
    )
    .returning({ id: prescribers.id, username: prescribers.username, name: prescribers.name });
  return row ?? null;
}

export interface RegionRules {
  /** A prescriber account unused this many months is deactivated. */
  deactivateUnusedAfterMonths: number;
  /** Untrained new staff get a reminder this many days after their account was made. */
  trainingReminderDays: number;
}

/** The rules Länsservice sets for the region (Admin → Konton, Admin → Övningar). */
export async function findRegionRules(db: DbOrTx, admin: AdminScope): Promise<RegionRules> {
  const [row] = await db
    .select({
      deactivateUnusedAfterMonths: workspaces.deactivateUnusedAfterMonths,
      trainingReminderDays: workspaces.trainingReminderDays,
    })
    .from(workspaces)
    .where(eq(workspaces.id, admin.workspaceId));
  return row ?? { deactivateUnusedAfterMonths: 12, trainingReminderDays: 7 };
}

/** Sets some of the rules (the database checks their ranges too); returns them as they were. */
export async function updateRegionRules(db: DbOrTx, admin: AdminScope, rules: Partial<RegionRules>): Promise<RegionRules> {
  const before = await findRegionRules(db, admin);
  await db.update(workspaces).set(rules).where(eq(workspaces.id, admin.workspaceId));
  return before;
}
