import { z } from 'zod';
import { isMessageCode, type MessageCode, type Problem } from '../messages/catalogue';
import { personnummerField } from '../schemas/personnummer-field';
import {
  MASTERDATA_ENTITIES,
  MASTERDATA_MAX_ROWS,
  type MasterdataEntity,
} from './masterdata-limits';

export * from './masterdata-limits';

/**
 * POST /api/v1/masterdata: the region's stock system tells BMB what it knows,
 * keyed by its own keys (codes, usernames, personnummer, article and individ
 * numbers, and its own id of each loan). A batch is checked whole before
 * anything is written; a bad row refuses the whole batch, with every bad row
 * named (`MasterdataRowProblem`). The schemas' messages are catalogue codes,
 * like the forms' (bmb-forms.ts).
 *
 * Plain zod objects, arrays, enums and strings, so that the API description
 * (OpenAPI) can be generated from them; only leaves transform (a personnummer
 * is normalised to its 12 digits, a username lower-cased).
 */

const problem = (code: MessageCode) => ({ message: code });

/** No white space and no control character: a key, as the stock system sends it. */
const NO_SPACE = /^[^\s\p{Cc}]+$/u;
const hasNoNul = (value: string) => !value.includes('\u0000');

const code = z
  .string()
  .trim()
  .min(1, problem('masterdata.code-invalid'))
  .max(32, problem('masterdata.code-invalid'))
  .regex(NO_SPACE, problem('masterdata.code-invalid'))
  .meta({
    description: 'The unit’s code in the region, e.g. `2990`; 1–32 characters, no white space.',
  });

const name = z
  .string()
  .trim()
  .min(1, problem('masterdata.name-invalid'))
  .max(200, problem('masterdata.name-invalid'))
  .refine(hasNoNul, problem('text.nul'));

/** Stored lower-case (the prescribers table requires it), as the web's forms do. */
const username = z
  .string()
  .trim()
  .min(1, problem('masterdata.username-invalid'))
  .max(64, problem('masterdata.username-invalid'))
  .regex(/^[A-Za-z0-9._-]+$/, problem('masterdata.username-invalid'))
  .toLowerCase()
  .meta({ description: 'The prescriber’s login name, e.g. `k100ana`; stored lower-case.' });

const phone = z
  .string()
  .trim()
  .max(30, problem('contact.number-too-long'))
  .regex(/^[0-9 +()-]*$/, problem('contact.number-characters'));

const email = z.union([
  z.literal(''),
  z.email(problem('contact.email-invalid')).max(254, problem('contact.email-invalid')),
]);

const personnummer = personnummerField.meta({
  description:
    'Personnummer or samordningsnummer with all 12 digits; `YYYYMMDD-NNNN` is accepted and normalised.',
  examples: ['191212121212'],
});

const articleNo = z
  .string()
  .trim()
  .min(1, problem('masterdata.article-no-invalid'))
  .max(32, problem('masterdata.article-no-invalid'))
  .regex(NO_SPACE, problem('masterdata.article-no-invalid'))
  .meta({ description: 'The article number in the region’s catalogue, e.g. `10156`.' });

const individNo = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{1,20}$/, problem('masterdata.individ-no-invalid'))
  .meta({
    description:
      'The individ (serial) number of one physical device: letters, digits and hyphens, at most 20.',
  });

const sourceId = z
  .string()
  .trim()
  .min(1, problem('masterdata.source-id-invalid'))
  .max(64, problem('masterdata.source-id-invalid'))
  .regex(NO_SPACE, problem('masterdata.source-id-invalid'));

const isRealDate = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, problem('masterdata.date-invalid'))
  .refine(isRealDate, problem('masterdata.date-invalid'))
  .meta({ format: 'date', description: 'A calendar date, `YYYY-MM-DD`.' });

const INT4_MAX = 2_147_483_647;

/** Betalare: the care unit that pays the rent. */
export const masterdataPayerSchema = z
  .strictObject({ code, name })
  .meta({
    id: 'MasterdataPayer',
    description: 'Betalare: a care unit that pays the rent, keyed by `code`.',
  });

/** Kund/leveransadress. */
export const masterdataDeliveryAddressSchema = z
  .strictObject({ code, name })
  .meta({ id: 'MasterdataDeliveryAddress', description: 'Kund/leveransadress, keyed by `code`.' });

/**
 * Förskrivare. A contact field left out keeps what BMB has (the prescriber may
 * have changed it under Dina uppgifter); a unit list left out keeps the list
 * BMB has, a list sent replaces it. The default must be one of the listed
 * codes; without one, the first listed code is the default.
 */
export const masterdataPrescriberSchema = z
  .strictObject({
    username,
    name,
    phone: phone.optional(),
    mobile: phone.optional(),
    fax: phone.optional(),
    email: email.optional(),
    active: z
      .boolean()
      .optional()
      .meta({
        description:
          'Whether the prescriber can receive BMBs. New prescribers are active unless told otherwise.',
      }),
    payerCodes: z
      .array(code)
      .max(200)
      .optional()
      .meta({
        description:
          'The payers the prescriber may choose when taking over a BMB. Sent: replaces the list; left out: unchanged.',
      }),
    defaultPayerCode: code
      .optional()
      .meta({ description: 'One of `payerCodes`; the first of them when left out.' }),
    deliveryAddressCodes: z
      .array(code)
      .max(200)
      .optional()
      .meta({
        description:
          'The delivery addresses the prescriber may choose. Sent: replaces the list; left out: unchanged.',
      }),
    defaultDeliveryAddressCode: code
      .optional()
      .meta({ description: 'One of `deliveryAddressCodes`; the first of them when left out.' }),
  })
  .meta({
    id: 'MasterdataPrescriber',
    description: 'Förskrivare/beställare, keyed by `username`.',
  });

/** Patient, keyed by personnummer. */
export const masterdataPatientSchema = z
  .strictObject({
    personnummer,
    name: name.meta({ description: 'As the population register writes it: "Svensson, Testare".' }),
  })
  .meta({ id: 'MasterdataPatient', description: 'A patient (brukare), keyed by `personnummer`.' });

export const ARTICLE_KINDS = ['H', 'T', 'R'] as const;

/** Artikel in the catalogue. */
export const masterdataArticleSchema = z
  .strictObject({
    articleNo,
    name,
    kind: z.enum(ARTICLE_KINDS, problem('masterdata.kind-invalid')).meta({
      description: 'Typ: H hjälpmedel, T tillbehör, R reservdel.',
    }),
    priceOre: z
      .number(problem('masterdata.price-invalid'))
      .int(problem('masterdata.price-invalid'))
      .min(0, problem('masterdata.price-invalid'))
      .max(INT4_MAX, problem('masterdata.price-invalid'))
      .meta({ description: 'The monthly rent in whole öre: 17484 is 174,84 SEK.' }),
  })
  .meta({
    id: 'MasterdataArticle',
    description: 'An article of the catalogue, keyed by `articleNo`.',
  });

/** Individ: one serial-numbered device of an article. It never changes article. */
export const masterdataUnitSchema = z
  .strictObject({ individNo, articleNo })
  .meta({
    id: 'MasterdataUnit',
    description:
      'Individ: one physical device of an article, keyed by `individNo`. A unit never changes article.',
  });

export const LOAN_SOURCE_STATUSES = ['active', 'returned'] as const;
export type LoanSourceStatus = (typeof LOAN_SOURCE_STATUSES)[number];

/**
 * A loan as the stock system sees it, keyed by its own `sourceId`. `version`
 * grows with every change there: an older version than BMB last applied is
 * stale and not applied, the same version changes nothing (so a BMB that moved
 * the loan since is never undone by a re-post), a newer one replaces the loan.
 */
export const masterdataLoanSchema = z
  .strictObject({
    sourceId: sourceId.meta({ description: 'The stock system’s own id of the loan.' }),
    personnummer,
    articleNo,
    individNo: individNo
      .nullish()
      .meta({
        description: 'The individ lent, for an article tracked by individ (then `quantity` is 1).',
      }),
    quantity: z
      .number(problem('masterdata.quantity-invalid'))
      .int(problem('masterdata.quantity-invalid'))
      .min(1, problem('masterdata.quantity-invalid'))
      .max(INT4_MAX, problem('masterdata.quantity-invalid')),
    orderedOn: date,
    deliveredOn: date.nullish(),
    prescriber: username.meta({
      description: 'Username of the prescriber responsible for the loan.',
    }),
    payer: code.meta({ description: 'Code of the paying care unit.' }),
    deliveryAddress: code.meta({ description: 'Code of the delivery address.' }),
    status: z.enum(LOAN_SOURCE_STATUSES, problem('masterdata.status-invalid')).meta({
      description:
        '`returned`: the device is back at Länsservice. A returned loan in a waiting BMB closes that line.',
    }),
    version: z
      .number(problem('masterdata.version-invalid'))
      .int(problem('masterdata.version-invalid'))
      .min(1, problem('masterdata.version-invalid'))
      .max(Number.MAX_SAFE_INTEGER, problem('masterdata.version-invalid'))
      .meta({ description: 'The stock system’s monotonically increasing version of this loan.' }),
  })
  .refine((loan) => !loan.deliveredOn || loan.deliveredOn >= loan.orderedOn, {
    path: ['deliveredOn'],
    message: 'masterdata.delivered-before-ordered' satisfies MessageCode,
  })
  .meta({
    id: 'MasterdataLoan',
    description: 'A loan (a row of the patient’s Hjälpmedel list), keyed by `sourceId`.',
  });

const rowSchemas = {
  payers: masterdataPayerSchema,
  deliveryAddresses: masterdataDeliveryAddressSchema,
  prescribers: masterdataPrescriberSchema,
  patients: masterdataPatientSchema,
  articles: masterdataArticleSchema,
  units: masterdataUnitSchema,
  loans: masterdataLoanSchema,
} as const satisfies Record<MasterdataEntity, z.ZodType>;

const list = <T extends z.ZodType>(row: T) => z.array(row).max(MASTERDATA_MAX_ROWS).default([]);

/** The whole batch; every list may be left out. */
export const masterdataBatchSchema = z
  .strictObject({
    payers: list(masterdataPayerSchema),
    deliveryAddresses: list(masterdataDeliveryAddressSchema),
    prescribers: list(masterdataPrescriberSchema),
    patients: list(masterdataPatientSchema),
    articles: list(masterdataArticleSchema),
    units: list(masterdataUnitSchema),
    loans: list(masterdataLoanSchema),
  })
  .meta({
    id: 'MasterdataBatch',
    description:
      `An idempotent batch upsert from the region’s stock system. At most ${MASTERDATA_MAX_ROWS} rows in all lists together ` +
      'and 10 MB of JSON. The batch is checked whole: one bad row refuses it (400, every bad row listed) and nothing is written.',
  });

export type MasterdataBatch = z.output<typeof masterdataBatchSchema>;
export type MasterdataBatchInput = z.input<typeof masterdataBatchSchema>;
export type MasterdataRow<E extends MasterdataEntity> = MasterdataBatch[E][number];

/**
 * One problem of a batch: which list, which row (its index in that list; -1
 * when the list itself is wrong), which field, and what (a catalogue code).
 */
export interface MasterdataRowProblem {
  entity: MasterdataEntity | 'batch';
  index: number;
  field: string;
  problem: Problem;
}

/** How many rows a body holds, counted before anything is parsed (the limit is judged on this). */
export function masterdataRowCount(body: unknown): number {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 0;
  const lists = body as Record<string, unknown>;
  return MASTERDATA_ENTITIES.reduce((n, entity) => {
    const rows = lists[entity];
    return n + (Array.isArray(rows) ? rows.length : 0);
  }, 0);
}

/** The key of a row, as it compares (normalised), when the key field itself is valid. */
const keyOf: Record<MasterdataEntity, (row: Record<string, unknown>) => string | null> = {
  payers: (row) => parsedOrNull(code, row.code),
  deliveryAddresses: (row) => parsedOrNull(code, row.code),
  prescribers: (row) => parsedOrNull(username, row.username),
  patients: (row) => parsedOrNull(personnummer, row.personnummer),
  articles: (row) => parsedOrNull(articleNo, row.articleNo),
  units: (row) => parsedOrNull(individNo, row.individNo),
  loans: (row) => parsedOrNull(sourceId, row.sourceId),
};

const keyField: Record<MasterdataEntity, string> = {
  payers: 'code',
  deliveryAddresses: 'code',
  prescribers: 'username',
  patients: 'personnummer',
  articles: 'articleNo',
  units: 'individNo',
  loans: 'sourceId',
};

function parsedOrNull(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? String(parsed.data) : null;
}

/** A row that passed its schema, with its place in the batch. */
export interface Placed<T> {
  index: number;
  row: T;
}

export interface ParsedMasterdata {
  /** The rows that passed their schemas, in batch order. */
  rows: { [E in MasterdataEntity]: Placed<MasterdataRow<E>>[] };
  /** The key of every row whose key is valid, even when another field is not: a reference to it is no "unknown". */
  keys: { [E in MasterdataEntity]: Map<string, number[]> };
  problems: MasterdataRowProblem[];
}

/** A schema issue as a catalogue code: the schemas' own messages are codes; zod's own are said generically. */
function problemOf(issue: z.core.$ZodIssue, row: Record<string, unknown>): Problem {
  const field = issue.path[0];
  if (
    issue.code === 'invalid_type' &&
    issue.path.length === 1 &&
    typeof field === 'string' &&
    row[field] === undefined
  )
    return 'masterdata.field-required';
  if (isMessageCode(issue.message)) return issue.message;
  if (issue.code === 'unrecognized_keys') return 'masterdata.unknown-field';
  if (issue.code === 'invalid_type') return 'masterdata.invalid-type';
  return 'masterdata.invalid-value';
}

/** Nothing parsed yet: the start of `addMasterdataRow`. */
export function emptyParsedMasterdata(): ParsedMasterdata {
  return {
    rows: {
      payers: [],
      deliveryAddresses: [],
      prescribers: [],
      patients: [],
      articles: [],
      units: [],
      loans: [],
    },
    keys: {
      payers: new Map(),
      deliveryAddresses: new Map(),
      prescribers: new Map(),
      patients: new Map(),
      articles: new Map(),
      units: new Map(),
      loans: new Map(),
    },
    problems: [],
  };
}

/**
 * Checks one row of a list against its schema and adds it to `parsed`: its
 * key, and the row or its problems. `index` is the row's place in its list.
 * The import CLI feeds rows one by one as it streams its files, so that the
 * raw rows of a whole region never need to be held at once.
 */
export function addMasterdataRow(
  parsed: ParsedMasterdata,
  entity: MasterdataEntity,
  index: number,
  raw: unknown,
): void {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    parsed.problems.push({ entity, index, field: '', problem: 'masterdata.not-an-object' });
    return;
  }
  const row = raw as Record<string, unknown>;
  const key = keyOf[entity](row);
  if (key !== null) {
    const seen = parsed.keys[entity].get(key);
    if (seen) seen.push(index);
    else parsed.keys[entity].set(key, [index]);
  }
  const result = rowSchemas[entity].safeParse(row);
  if (result.success) {
    (parsed.rows[entity] as Placed<unknown>[]).push({ index, row: result.data });
    return;
  }
  // A value can break several rules that say the same (too short, and no characters allowed): say it once.
  const said = new Set<string>();
  for (const issue of result.error.issues) {
    const field =
      issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.map(String).join('.');
    const problem = problemOf(issue, row);
    const key = `${field}\u0000${typeof problem === 'string' ? problem : problem.code}`;
    if (said.has(key)) continue;
    said.add(key);
    parsed.problems.push({ entity, index, field, problem });
  }
}

/**
 * Checks every row against its schema. Rows are checked one by one, so that
 * one bad row hides nothing about the others, and the checks across rows
 * (`checkMasterdataBatch`) can still run on the rest.
 */
export function parseMasterdataBatch(body: unknown): ParsedMasterdata {
  const parsed = emptyParsedMasterdata();
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    parsed.problems.push({
      entity: 'batch',
      index: -1,
      field: '',
      problem: 'masterdata.batch-not-an-object',
    });
    return parsed;
  }
  const lists = body as Record<string, unknown>;
  for (const field of Object.keys(lists)) {
    if (!(MASTERDATA_ENTITIES as readonly string[]).includes(field))
      parsed.problems.push({
        entity: 'batch',
        index: -1,
        field,
        problem: 'masterdata.unknown-field',
      });
  }
  for (const entity of MASTERDATA_ENTITIES) {
    const rows = lists[entity];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) {
      parsed.problems.push({ entity, index: -1, field: '', problem: 'masterdata.not-a-list' });
      continue;
    }
    rows.forEach((raw: unknown, index) => addMasterdataRow(parsed, entity, index, raw));
  }
  return parsed;
}

/** What BMB already has of the keys a batch refers to (read by packages/db, `findKnownMasterdata`). */
export interface KnownMasterdata {
  payerCodes: ReadonlySet<string>;
  deliveryAddressCodes: ReadonlySet<string>;
  usernames: ReadonlySet<string>;
  personnummer: ReadonlySet<string>;
  articleNos: ReadonlySet<string>;
  /** Individ number → its article number. */
  units: ReadonlyMap<string, string>;
  /** Individ number → the stock system's id of the loan that holds it now (null: a loan BMB made itself). */
  activeLoanOfUnit: ReadonlyMap<string, string | null>;
}

/** The keys of a batch to look up in BMB: everything it refers to. */
export interface MasterdataLookup {
  payerCodes: string[];
  deliveryAddressCodes: string[];
  usernames: string[];
  personnummer: string[];
  articleNos: string[];
  individNos: string[];
}

export function masterdataLookup(parsed: ParsedMasterdata): MasterdataLookup {
  const { rows } = parsed;
  const payerCodes = new Set<string>();
  const addressCodes = new Set<string>();
  for (const { row } of rows.prescribers) {
    row.payerCodes?.forEach((c) => payerCodes.add(c));
    row.deliveryAddressCodes?.forEach((c) => addressCodes.add(c));
  }
  for (const { row } of rows.loans) {
    payerCodes.add(row.payer);
    addressCodes.add(row.deliveryAddress);
  }
  const individNos = new Set<string>([...rows.units.map((u) => u.row.individNo)]);
  for (const { row } of rows.loans) if (row.individNo) individNos.add(row.individNo);
  return {
    payerCodes: [...payerCodes],
    deliveryAddressCodes: [...addressCodes],
    usernames: [...new Set(rows.loans.map((l) => l.row.prescriber))],
    personnummer: [...new Set(rows.loans.map((l) => String(l.row.personnummer)))],
    articleNos: [
      ...new Set([
        ...rows.units.map((u) => u.row.articleNo),
        ...rows.loans.map((l) => l.row.articleNo),
      ]),
    ],
    individNos: [...individNos],
  };
}

/**
 * The checks across rows, on the rows that passed their schemas: every key
 * once per list, every reference to something in the batch or in BMB, an
 * individ on one article and in one active loan, a default among the listed
 * codes. Pure: what BMB has comes in as `known`.
 */
export function checkMasterdataBatch(
  parsed: ParsedMasterdata,
  known: KnownMasterdata,
): MasterdataRowProblem[] {
  const problems: MasterdataRowProblem[] = [];
  const { rows, keys } = parsed;
  const report = (entity: MasterdataEntity, index: number, field: string, code: MessageCode) =>
    problems.push({ entity, index, field, problem: code });

  for (const entity of MASTERDATA_ENTITIES) {
    for (const indices of keys[entity].values()) {
      if (indices.length > 1)
        for (const index of indices)
          report(entity, index, keyField[entity], 'masterdata.duplicate-key');
    }
  }

  const exists = {
    payer: (c: string) => keys.payers.has(c) || known.payerCodes.has(c),
    address: (c: string) => keys.deliveryAddresses.has(c) || known.deliveryAddressCodes.has(c),
    prescriber: (u: string) => keys.prescribers.has(u) || known.usernames.has(u),
    patient: (p: string) => keys.patients.has(p) || known.personnummer.has(p),
    article: (a: string) => keys.articles.has(a) || known.articleNos.has(a),
  };
  /** The article of each individ, the batch's word first (a changed article is refused below). */
  const articleOfUnit = new Map(known.units);
  for (const { row } of rows.units)
    if (!known.units.has(row.individNo)) articleOfUnit.set(row.individNo, row.articleNo);

  for (const { index, row } of rows.prescribers) {
    const lists = [
      [
        'payerCodes',
        'defaultPayerCode',
        row.payerCodes,
        row.defaultPayerCode,
        exists.payer,
        'masterdata.unknown-payer',
      ],
      [
        'deliveryAddressCodes',
        'defaultDeliveryAddressCode',
        row.deliveryAddressCodes,
        row.defaultDeliveryAddressCode,
        exists.address,
        'masterdata.unknown-delivery-address',
      ],
    ] as const;
    for (const [listField, defaultField, codes, chosen, exists_, unknown] of lists) {
      codes?.forEach((c, i) => {
        if (!exists_(c)) report('prescribers', index, `${listField}.${i}`, unknown);
      });
      if (new Set(codes).size !== (codes?.length ?? 0))
        report('prescribers', index, listField, 'masterdata.duplicate-key');
      if (chosen !== undefined && !codes?.includes(chosen))
        report('prescribers', index, defaultField, 'masterdata.default-not-listed');
    }
  }

  for (const { index, row } of rows.units) {
    if (!exists.article(row.articleNo))
      report('units', index, 'articleNo', 'masterdata.unknown-article');
    const before = known.units.get(row.individNo);
    if (before !== undefined && before !== row.articleNo)
      report('units', index, 'articleNo', 'masterdata.unit-article-changed');
  }

  // Which loans of the batch hold an individ when the batch is applied, and which sourceIds let theirs go.
  const activeHolders = new Map<string, Placed<MasterdataRow<'loans'>>[]>();
  const releasing = new Set<string>();
  for (const placed of rows.loans) {
    const { row } = placed;
    if (row.status === 'active' && row.individNo) {
      const holders = activeHolders.get(row.individNo) ?? [];
      holders.push(placed);
      activeHolders.set(row.individNo, holders);
    }
    releasing.add(row.sourceId);
  }

  for (const { index, row } of rows.loans) {
    if (!exists.patient(String(row.personnummer)))
      report('loans', index, 'personnummer', 'masterdata.unknown-patient');
    if (!exists.prescriber(row.prescriber))
      report('loans', index, 'prescriber', 'masterdata.unknown-prescriber');
    if (!exists.payer(row.payer)) report('loans', index, 'payer', 'masterdata.unknown-payer');
    if (!exists.address(row.deliveryAddress))
      report('loans', index, 'deliveryAddress', 'masterdata.unknown-delivery-address');
    if (!exists.article(row.articleNo))
      report('loans', index, 'articleNo', 'masterdata.unknown-article');
    if (!row.individNo) continue;
    if (row.quantity !== 1)
      report('loans', index, 'quantity', 'masterdata.individ-needs-quantity-1');
    const unitArticle = articleOfUnit.get(row.individNo);
    if (unitArticle === undefined)
      report('loans', index, 'individNo', 'masterdata.unknown-individ');
    else if (unitArticle !== row.articleNo)
      report('loans', index, 'individNo', 'masterdata.unit-of-other-article');
    if (row.status !== 'active') continue;
    const inBatch = activeHolders.get(row.individNo) ?? [];
    // The loan that holds it in BMB now, unless this batch says where that loan is now (returned, or another individ).
    const holder = known.activeLoanOfUnit.get(row.individNo);
    const heldElsewhere =
      holder !== undefined &&
      holder !== row.sourceId &&
      (holder === null || !releasing.has(holder));
    if (inBatch.length > 1 || heldElsewhere)
      report('loans', index, 'individNo', 'masterdata.individ-already-active');
  }

  return problems;
}

/** Problems in batch order: by list, then row, so a reader can walk them with the batch beside. */
export function sortMasterdataProblems(problems: MasterdataRowProblem[]): MasterdataRowProblem[] {
  const order = (entity: MasterdataRowProblem['entity']) =>
    entity === 'batch' ? -1 : MASTERDATA_ENTITIES.indexOf(entity);
  return [...problems].sort((a, b) => order(a.entity) - order(b.entity) || a.index - b.index);
}

const count = z.number().int().min(0);
const entityCounts = z
  .object({ created: count, updated: count, unchanged: count })
  .meta({
    id: 'MasterdataCounts',
    description: 'Rows created, changed, and already as sent (unchanged).',
  });
const loanCounts = entityCounts
  .extend({
    stale: count.meta({ description: 'Older than the version BMB last applied: not applied.' }),
  })
  .meta({ id: 'MasterdataLoanCounts' });

/** What an applied batch answers (200). */
export const masterdataImportedSchema = z
  .object({
    counts: z.object({
      payers: entityCounts,
      deliveryAddresses: entityCounts,
      prescribers: entityCounts,
      patients: entityCounts,
      articles: entityCounts,
      units: entityCounts,
      loans: loanCounts,
    }),
    stale: z
      .array(z.string())
      .meta({
        description:
          'The `sourceId` of every loan whose version was older than BMB’s: not applied.',
      }),
    closedLines: count.meta({
      description:
        'Lines of waiting BMBs closed because their loan came back `returned` (each also a `bmb.line-closed` event).',
    }),
  })
  .meta({ id: 'MasterdataImported' });

export type MasterdataImported = z.output<typeof masterdataImportedSchema>;
export type MasterdataCounts = z.output<typeof entityCounts>;
export type MasterdataLoanCounts = z.output<typeof loanCounts>;

/** One bad row as the API's problem document lists it (`errors`). */
export const masterdataRowErrorSchema = z
  .object({
    entity: z.enum([...MASTERDATA_ENTITIES, 'batch']),
    index: z
      .number()
      .int()
      .min(-1)
      .meta({
        description:
          'The row’s index in its list; -1 when the list itself (or the batch) is wrong.',
      }),
    field: z.string(),
    code: z.string().meta({ description: 'A stable code, e.g. `masterdata.unknown-prescriber`.' }),
    message: z.string().meta({ description: 'The problem in Swedish.' }),
  })
  .meta({ id: 'MasterdataRowError' });
