import { foreignKey, index, pgEnum, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bmbs } from './bmbs';
import { workspaceId } from './columns';
import { prescribers } from './prescribers';

/**
 * The Meddelanden on Kvittera BMB that a sender can mark as read: a BMB the
 * receiver declined ("Ej godkänt övertag"), and Länsservice's answers ("Svar
 * från Länsservice": a BMB unlocked, or a request for it declined).
 */
export const bmbMessageKind = pgEnum('bmb_message_kind', ['rejected', 'unlocked', 'unlock_declined']);

/**
 * "Markera som läst": who read which message, and when. A read message leaves
 * the list; the row stays (the history), and the audit trail has the act. The
 * key makes marking twice a no-op: `subjectId` is the BMB (rejected, unlocked)
 * or the unlock request (unlock_declined: a BMB can be declined more than once).
 */
export const bmbMessageReads = pgTable(
  'bmb_message_reads',
  {
    workspaceId: workspaceId(),
    prescriberId: uuid().notNull(),
    kind: bmbMessageKind().notNull(),
    subjectId: uuid().notNull(),
    bmbId: uuid().notNull(),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.prescriberId, t.kind, t.subjectId] }),
    foreignKey({ columns: [t.workspaceId, t.prescriberId], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    foreignKey({ columns: [t.workspaceId, t.bmbId], foreignColumns: [bmbs.workspaceId, bmbs.id] }),
    index('bmb_message_reads_bmb_idx').on(t.workspaceId, t.bmbId),
  ],
);
