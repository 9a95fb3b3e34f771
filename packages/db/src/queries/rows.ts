/** The rows of a raw `db.execute`: postgres.js answers with the rows, PGlite with `{ rows }`. */
export const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
