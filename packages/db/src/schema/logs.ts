import { bigint, foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaceId } from './columns';
import { patients } from './devices';
import { payers, prescribers } from './prescribers';

/**
 * Audit trail: who did what to which entity, with before and after. Append-only:
 * a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null for the system itself (seed, migrations). */
    actorId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [
    foreignKey({ columns: [t.workspaceId, t.actorId], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    index('audit_events_entity_idx').on(t.workspaceId, t.entityType, t.entityId, t.occurredAt),
    index('audit_events_actor_idx').on(t.workspaceId, t.actorId, t.occurredAt),
    index('audit_events_time_idx').on(t.workspaceId, t.occurredAt),
    index('audit_events_action_idx').on(t.workspaceId, t.action, t.occurredAt),
  ],
);

/**
 * Every read of a patient's data (patientdatalagen): which user, acting for which
 * care unit, saw which patient, how and when. Append-only like the audit trail.
 */
export const patientAccessLog = pgTable(
  'patient_access_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceId(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    userId: uuid().notNull(),
    /** The care unit (payer) the user acted for: their default at the time. */
    careUnitId: uuid(),
    patientId: uuid().notNull(),
    action: text().notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.workspaceId, t.userId], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    foreignKey({ columns: [t.workspaceId, t.careUnitId], foreignColumns: [payers.workspaceId, payers.id] }),
    foreignKey({ columns: [t.workspaceId, t.patientId], foreignColumns: [patients.workspaceId, patients.id] }),
    index('patient_access_log_patient_idx').on(t.workspaceId, t.patientId, t.occurredAt),
    index('patient_access_log_user_idx').on(t.workspaceId, t.userId, t.occurredAt),
    // Logg without a patient or user filter pages by time, or by action and time.
    index('patient_access_log_time_idx').on(t.workspaceId, t.occurredAt),
    index('patient_access_log_action_idx').on(t.workspaceId, t.action, t.occurredAt),
  ],
);
