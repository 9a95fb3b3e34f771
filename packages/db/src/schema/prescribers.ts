import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, workspaceId } from './columns';
import { prescriberRole } from './enums';

/** Förskrivare/beställare, and Länsservice admins. Dina uppgifter are the contact columns. */
export const prescribers = pgTable(
  'prescribers',
  {
    workspaceId: workspaceId(),
    id: id(),
    username: text().notNull(),
    name: text().notNull(),
    phone: text().notNull().default(''),
    mobile: text().notNull().default(''),
    fax: text().notNull().default(''),
    email: text().notNull().default(''),
    role: prescriberRole().notNull().default('prescriber'),
    active: boolean().notNull().default(true),
    /** New staff: must complete the region's required training before a real BMB. */
    trainingRequired: boolean().notNull().default(false),
    /** Dina uppgifter: e-mail a reminder when 2 days remain (arrival notices always go). */
    remindersEnabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The last SSO login: what "unused for N months" is judged by (never logged in: since created). */
    lastLoginAt: timestamp({ withTimezone: true }),
    /** When the account was deactivated for being unused; null while active or deactivated otherwise. */
    deactivatedUnusedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('prescribers_username_key').on(t.workspaceId, t.username),
    check('prescribers_username_lower', sql`${t.username} = lower(${t.username})`),
  ],
);

/** Betalare: the care unit that pays the rent. */
export const payers = pgTable(
  'payers',
  {
    workspaceId: workspaceId(),
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), unique('payers_code_key').on(t.workspaceId, t.code)],
);

/** Kund/leveransadress. */
export const deliveryAddresses = pgTable(
  'delivery_addresses',
  {
    workspaceId: workspaceId(),
    id: id(),
    code: text().notNull(),
    name: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('delivery_addresses_code_key').on(t.workspaceId, t.code),
  ],
);

/** The payers a prescriber may choose when answering a BMB, one of them the default. */
export const prescriberPayers = pgTable(
  'prescriber_payers',
  {
    workspaceId: workspaceId(),
    prescriberId: uuid().notNull(),
    payerId: uuid().notNull(),
    isDefault: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.prescriberId, t.payerId] }),
    foreignKey({ columns: [t.workspaceId, t.prescriberId], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    foreignKey({ columns: [t.workspaceId, t.payerId], foreignColumns: [payers.workspaceId, payers.id] }),
    uniqueIndex('prescriber_payers_one_default').on(t.workspaceId, t.prescriberId).where(sql`is_default`),
  ],
);

/** The delivery addresses a prescriber may choose, one of them the default. */
export const prescriberDeliveryAddresses = pgTable(
  'prescriber_delivery_addresses',
  {
    workspaceId: workspaceId(),
    prescriberId: uuid().notNull(),
    deliveryAddressId: uuid().notNull(),
    isDefault: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.prescriberId, t.deliveryAddressId] }),
    foreignKey({ columns: [t.workspaceId, t.prescriberId], foreignColumns: [prescribers.workspaceId, prescribers.id] }),
    foreignKey({
      columns: [t.workspaceId, t.deliveryAddressId],
      foreignColumns: [deliveryAddresses.workspaceId, deliveryAddresses.id],
    }),
    uniqueIndex('prescriber_delivery_addresses_one_default').on(t.workspaceId, t.prescriberId).where(sql`is_default`),
  ],
);
