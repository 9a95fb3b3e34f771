import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { id, workspaceId } from './columns';
import { articleKind } from './enums';
import { deliveryAddresses, payers, prescribers } from './prescribers';

/** Patient / Mottagare / brukare, keyed by the 12-digit personnummer. */
export const patients = pgTable(
  'patients',
  {
    workspaceId: workspaceId(),
    id: id(),
    personnummer: text().notNull(),
    /** As the register writes it: "Svensson, Testare". */
    name: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('patients_personnummer_key').on(t.workspaceId, t.personnummer),
    check('patients_personnummer_12_digits', sql`${t.personnummer} ~ '^[0-9]{12}$'`),
  ],
);

/** Artikel in the catalogue. Prices are whole öre. */
export const articles = pgTable(
  'articles',
  {
    workspaceId: workspaceId(),
    id: id(),
    articleNo: text().notNull(),
    name: text().notNull(),
    kind: articleKind().notNull().default('H'),
    priceOre: integer().notNull(),
    /** Egenavgift: the patient pays a fee, so a patient-to-patient BMB shows a notice. */
    patientFee: boolean().notNull().default(false),
    /** Whether each device is tracked as an individ (a serial-numbered unit). */
    individual: boolean().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('articles_article_no_key').on(t.workspaceId, t.articleNo),
    check('articles_price_not_negative', sql`${t.priceOre} >= 0`),
  ],
);

/** Individ: one physical, serial-numbered device of an article. */
export const units = pgTable(
  'units',
  {
    workspaceId: workspaceId(),
    id: id(),
    articleId: uuid().notNull(),
    individNo: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('units_individ_no_key').on(t.workspaceId, t.individNo),
    // Target of loans' (workspace, unit, article) key: a loan's unit is of the loan's article.
    unique('units_article_key').on(t.workspaceId, t.id, t.articleId),
    foreignKey({
      columns: [t.workspaceId, t.articleId],
      foreignColumns: [articles.workspaceId, articles.id],
    }),
  ],
);

/**
 * A row in the patient's Hjälpmedel list: an individ, or a quantity of an article
 * without individ, with the prescriber and payer responsible for it.
 */
export const loans = pgTable(
  'loans',
  {
    workspaceId: workspaceId(),
    id: id(),
    patientId: uuid().notNull(),
    articleId: uuid().notNull(),
    unitId: uuid(),
    quantity: integer().notNull().default(1),
    prescriberId: uuid().notNull(),
    payerId: uuid().notNull(),
    deliveryAddressId: uuid().notNull(),
    /** Pos in the patient's list. */
    position: integer().notNull(),
    orderedOn: date().notNull(),
    orderedQuantity: integer().notNull(),
    deliveredOn: date(),
    deliveredQuantity: integer(),
    /** Set when the device goes back to Länsservice; the row itself is kept for traceability. */
    returnedOn: date(),
    /** The stock system's own key of this loan (POST /api/v1/masterdata); null for loans it did not send. */
    sourceId: text(),
    /** The stock system's version of the loan last applied here: an older one is not applied (it is stale). */
    sourceVersion: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.patientId],
      foreignColumns: [patients.workspaceId, patients.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.articleId],
      foreignColumns: [articles.workspaceId, articles.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.unitId, t.articleId],
      foreignColumns: [units.workspaceId, units.id, units.articleId],
    }),
    foreignKey({
      columns: [t.workspaceId, t.prescriberId],
      foreignColumns: [prescribers.workspaceId, prescribers.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.payerId],
      foreignColumns: [payers.workspaceId, payers.id],
    }),
    foreignKey({
      columns: [t.workspaceId, t.deliveryAddressId],
      foreignColumns: [deliveryAddresses.workspaceId, deliveryAddresses.id],
    }),
    check('loans_quantity_positive', sql`${t.quantity} > 0`),
    check('loans_individ_is_one', sql`${t.unitId} is null or ${t.quantity} = 1`),
    // A physical device is with one patient at a time.
    uniqueIndex('loans_one_active_per_unit')
      .on(t.workspaceId, t.unitId)
      .where(sql`unit_id is not null and returned_on is null`),
    uniqueIndex('loans_source_id_key')
      .on(t.workspaceId, t.sourceId)
      .where(sql`source_id is not null`),
    check('loans_source_versioned', sql`(${t.sourceId} is null) = (${t.sourceVersion} is null)`),
    index('loans_patient_idx').on(t.workspaceId, t.patientId),
    index('loans_prescriber_idx').on(t.workspaceId, t.prescriberId),
    // Individkort: every loan of an individ, returned ones included.
    index('loans_unit_idx').on(t.workspaceId, t.unitId),
  ],
);
