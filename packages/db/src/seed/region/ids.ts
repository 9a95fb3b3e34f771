/**
 * Ids of generated rows: computed from the row's number, so that any phase can
 * point at "patient n" or "loan g" by arithmetic instead of looking it up, and
 * the same scale gives the same ids.
 *
 * Shape: `fK000000-0000-8000-8000-NNNNNNNNNNNN`, K the kind, N the number in
 * hex. Version 8 ("custom") marks them as generated: the demo seed's ids are
 * version 5 and the app's version 4, so they can never collide. Ids of one kind
 * sort by number, which also keeps the bulk inserts' index writes sequential.
 */
export const regionKinds = {
  careUnit: 1,
  prescriber: 2,
  article: 3,
  unit: 4,
  patient: 5,
  loan: 6,
  bmb: 7,
  sendKey: 8,
  unlockRequest: 9,
} as const;

export type RegionKind = keyof typeof regionKinds;

const prefix = (kind: RegionKind) => `f${regionKinds[kind]}000000-0000-8000-8000-`;

/** The id of row `n` of a kind, in TypeScript (fixtures, tests). */
export function regionId(kind: RegionKind, n: number): string {
  return `${prefix(kind)}${n.toString(16).padStart(12, '0')}`;
}

/** The same id in SQL, for a bigint expression `n`. */
export function regionIdSql(kind: RegionKind, n: string): string {
  return `('${prefix(kind)}' || lpad(to_hex(${n}), 12, '0'))::uuid`;
}

/** The row number back from an id (for checks). */
export function regionNumberSql(id: string): string {
  return `('x' || right(${id}::text, 12))::bit(48)::bigint`;
}
