/** The PostgreSQL error behind a driver's or Drizzle's wrapper, if any. */
function pgErrorOf(error: unknown): { code?: string; constraint?: string; message?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; constraint_name?: string; constraint?: string; message?: string; cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, constraint: e.constraint_name ?? e.constraint, message: e.message };
    }
    current = e.cause;
  }
  return null;
}

/** A unique violation (23505), optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(error);
  if (pg?.code !== '23505') return false;
  return !constraint || pg.constraint === constraint || (pg.message ?? '').includes(constraint);
}
