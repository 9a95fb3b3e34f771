import {
  masterdataArticleSchema,
  masterdataDeliveryAddressSchema,
  masterdataLoanSchema,
  masterdataPatientSchema,
  masterdataPayerSchema,
  masterdataPrescriberSchema,
  masterdataUnitSchema,
  type MasterdataEntity,
} from '@bmb/domain';
import type { z } from 'zod';

/**
 * The files of an initial load (docs/integration.md): one per list of the
 * API's batch, each column named exactly as the API's field. A cell is text;
 * these say how it becomes the field's JSON value.
 *
 * - `text`: as it is (the schema trims it).
 * - `integer`: digits become a number; anything else goes on as text, so that
 *   the schema says what is wrong with it in its own words.
 * - `boolean`: `true` or `false`.
 * - `list`: items separated by `|`.
 *
 * An empty cell is a field left out.
 */
export type ColumnKind = 'text' | 'integer' | 'boolean' | 'list';

export interface Column {
  name: string;
  kind: ColumnKind;
  /** The field must be given: its schema does not take it left out. */
  required: boolean;
}

export interface CsvFile {
  file: string;
  entity: MasterdataEntity;
  columns: Column[];
}

export const LIST_SEPARATOR = '|';

function columnsOf(schema: z.ZodObject, kinds: Record<string, ColumnKind>): Column[] {
  return Object.entries(kinds).map(([name, kind]) => {
    const field = schema.shape[name];
    if (!field) throw new Error(`The schema has no field ${name}`);
    return { name, kind, required: !field.safeParse(undefined).success };
  });
}

/** In the order they are read and written: each list may refer to the ones before it. */
export const CSV_FILES: readonly CsvFile[] = [
  {
    file: 'payers.csv',
    entity: 'payers',
    columns: columnsOf(masterdataPayerSchema, { code: 'text', name: 'text' }),
  },
  {
    file: 'delivery-addresses.csv',
    entity: 'deliveryAddresses',
    columns: columnsOf(masterdataDeliveryAddressSchema, { code: 'text', name: 'text' }),
  },
  {
    file: 'prescribers.csv',
    entity: 'prescribers',
    columns: columnsOf(masterdataPrescriberSchema, {
      username: 'text',
      name: 'text',
      phone: 'text',
      mobile: 'text',
      fax: 'text',
      email: 'text',
      active: 'boolean',
      payerCodes: 'list',
      deliveryAddressCodes: 'list',
      defaultPayerCode: 'text',
      defaultDeliveryAddressCode: 'text',
    }),
  },
  {
    file: 'patients.csv',
    entity: 'patients',
    columns: columnsOf(masterdataPatientSchema, { personnummer: 'text', name: 'text' }),
  },
  {
    file: 'articles.csv',
    entity: 'articles',
    columns: columnsOf(masterdataArticleSchema, {
      articleNo: 'text',
      name: 'text',
      kind: 'text',
      priceOre: 'integer',
    }),
  },
  {
    file: 'units.csv',
    entity: 'units',
    columns: columnsOf(masterdataUnitSchema, { individNo: 'text', articleNo: 'text' }),
  },
  {
    file: 'loans.csv',
    entity: 'loans',
    columns: columnsOf(masterdataLoanSchema, {
      sourceId: 'text',
      personnummer: 'text',
      articleNo: 'text',
      individNo: 'text',
      quantity: 'integer',
      orderedOn: 'text',
      deliveredOn: 'text',
      prescriber: 'text',
      payer: 'text',
      deliveryAddress: 'text',
      status: 'text',
      version: 'integer',
    }),
  },
];

export const csvFileOf = (entity: MasterdataEntity): CsvFile =>
  CSV_FILES.find((f) => f.entity === entity)!;

/** A CSV cell as the API's JSON value, or undefined for an empty cell (the field left out). */
export function cellValue(kind: ColumnKind, cell: string): unknown {
  if (cell === '') return undefined;
  switch (kind) {
    case 'integer':
      return /^-?\d+$/.test(cell) ? Number(cell) : cell;
    case 'boolean':
      return cell === 'true' ? true : cell === 'false' ? false : cell;
    case 'list':
      return cell.split(LIST_SEPARATOR);
    case 'text':
      return cell;
  }
}

/** A field's value as a CSV cell: the inverse of `cellValue`. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return String(value);
}
