/**
 * The limits of one POST /api/v1/masterdata batch, in a module of their own so
 * that the message catalogue can say them without importing the schemas.
 */

/** Rows in all lists of one batch together; a larger batch is refused whole (413). */
export const MASTERDATA_MAX_ROWS = 10_000;

/** Bytes of one batch's JSON body; a larger body is refused unread (413). */
export const MASTERDATA_MAX_BYTES = 10 * 1024 * 1024;

/** The lists of a batch, in the order they are written (each may refer to the ones before it). */
export const MASTERDATA_ENTITIES = [
  'payers',
  'deliveryAddresses',
  'prescribers',
  'patients',
  'articles',
  'units',
  'loans',
] as const;
export type MasterdataEntity = (typeof MASTERDATA_ENTITIES)[number];
