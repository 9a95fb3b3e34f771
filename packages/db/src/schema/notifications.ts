import { notificationKinds, notificationStatuses } from '@bmb/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { bmbs } from './bmbs';
import { id, workspaceId } from './columns';
import { loans } from './devices';
import { prescribers } from './prescribers';
import { unlockRequests } from './unlock-requests';

export const notificationKind = pgEnum('notification_kind', notificationKinds);
export const notificationStatus = pgEnum('notification_status', notificationStatuses);

/**
 * The outbox: one row per e-mail BMB owes someone, written in the same
 * transaction as the change that causes it, so a notice is never promised for
 * a change that rolled back, nor lost for one that committed. The worker
 * (packages/notifications) moves due rows into its job queue and sends them.
 */
export const notifications = pgTable(
  'notifications',
  {
    workspaceId: workspaceId(),
    id: id(),
    kind: notificationKind().notNull(),
    recipientId: uuid().notNull(),
    /** The BMB the notice is about; null only for a `training_reminder` (the check below). */
    bmbId: uuid(),
    /** For `unlock_answered`: the request Länsservice answered. */
    unlockRequestId: uuid(),
    /** For `bmb_line_closed`: the loan whose device went back to Länsservice. */
    loanId: uuid(),
    /** What makes the notice unique: the same BMB event never yields two rows. */
    dedupeKey: text().notNull(),
    /** In the workspace's clock: arrival and answers are due at once, reminders later. */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    status: notificationStatus().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /** The last delivery failure, for Länsservice; never contains patient data. */
    lastError: text(),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    queuedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.recipientId],
      foreignColumns: [prescribers.workspaceId, prescribers.id],
    }),
    foreignKey({ columns: [t.workspaceId, t.bmbId], foreignColumns: [bmbs.workspaceId, bmbs.id] }),
    foreignKey({
      columns: [t.workspaceId, t.unlockRequestId],
      foreignColumns: [unlockRequests.workspaceId, unlockRequests.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.loanId],
      foreignColumns: [loans.workspaceId, loans.id],
    }),
    unique('notifications_dedupe_key').on(t.workspaceId, t.dedupeKey),
    // As text: a migration may not compare with an enum value it adds in the same transaction.
    check('notifications_bmb_unless_training', sql`(${t.kind}::text = 'training_reminder') = (${t.bmbId} is null)`),
    // The worker's sweep: pending rows by due time.
    index('notifications_due_idx')
      .on(t.dueAt)
      .where(sql`status = 'pending'`),
    index('notifications_bmb_idx').on(t.workspaceId, t.bmbId),
  ],
);
