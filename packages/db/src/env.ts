import { z } from 'zod';

/**
 * The database configuration, validated once. Without DATABASE_URL the app runs
 * on an embedded PostgreSQL (PGlite) in PGLITE_DATA_DIR, by default `.data/pglite`
 * at the workspace root.
 */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
});

export type DbEnv = z.infer<typeof schema>;

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = schema.safeParse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    PGLITE_DATA_DIR: source.PGLITE_DATA_DIR || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid database configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  return parsed.data;
}
