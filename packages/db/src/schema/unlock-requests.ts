import { sql } from 'drizzle-orm';
import { foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bmbs } from './bmbs';
import { id, workspaceId } from './columns';
import { prescribers } from './prescribers';

export const unlockRequestStatus = pgEnum('unlock_request_status', ['open', 'unlocked', 'declined']);

/**
 * "Begär upplåsning": the sender of a locked BMB asks Länsservice to unlock it,
 * instead of phoning as the manual says. Länsservice unlocks or declines.
 */
export const unlockRequests = pgTable(
  'unlock_requests',
  {
    workspaceId: workspaceId(),
    id: id(),
    bmbId: uuid().notNull(),
    requestedById: uuid().notNull(),
    message: text().notNull().default(''),
    status: unlockRequestStatus().notNull().default('open'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    answeredById: uuid(),
    answeredAt: timestamp({ withTimezone: true }),
    answerMessage: text(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ columns: [t.workspaceId, t.bmbId], foreignColumns: [bmbs.workspaceId, bmbs.id] }),
    foreignKey({ columns: [t.workspaceId, t.requestedById], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    foreignKey({ columns: [t.workspaceId, t.answeredById], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    // One open request per BMB: asking twice changes nothing.
    uniqueIndex('unlock_requests_one_open_per_bmb').on(t.workspaceId, t.bmbId).where(sql`status = 'open'`),
    index('unlock_requests_queue_idx').on(t.workspaceId, t.status, t.createdAt),
  ],
);
