import { z } from 'zod';

const postgresUrl = (name: string) =>
  z.string().regex(/^postgres(ql)?:\/\//, `${name} must be a postgres:// or postgresql:// URL`);

/**
 * The database configuration, validated once. Without DATABASE_URL the app runs
 * on an embedded PostgreSQL (PGlite) in PGLITE_DATA_DIR, by default `.data/pglite`
 * at the workspace root.
 *
 * In production the app and the migrations connect as different roles:
 * DATABASE_URL names the app role (owns nothing, may not change the logs),
 * MIGRATION_DATABASE_URL the role that owns the tables. The database scripts
 * (migrate, grant, seed, reset, training:purge) use the owner connection, which
 * falls back to DATABASE_URL where one role does everything (development).
 */
const schema = z.object({
  DATABASE_URL: postgresUrl('DATABASE_URL').optional(),
  MIGRATION_DATABASE_URL: postgresUrl('MIGRATION_DATABASE_URL').optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  /** The role the app connects as; `pnpm db:grant` creates it and sets its privileges. */
  DATABASE_APP_ROLE: z
    .string()
    .regex(
      /^[a-z_][a-z0-9_]{0,62}$/,
      'DATABASE_APP_ROLE must be a lower-case PostgreSQL role name (a-z, 0-9, _)',
    )
    .optional(),
  /** Set as the app role's password when given; left alone otherwise. */
  DATABASE_APP_PASSWORD: z.string().min(1).optional(),
});

export type DbEnv = z.infer<typeof schema>;

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = schema.safeParse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    MIGRATION_DATABASE_URL: source.MIGRATION_DATABASE_URL || undefined,
    PGLITE_DATA_DIR: source.PGLITE_DATA_DIR || undefined,
    DATABASE_APP_ROLE: source.DATABASE_APP_ROLE || undefined,
    DATABASE_APP_PASSWORD: source.DATABASE_APP_PASSWORD || undefined,
  });
  if (!parsed.success) {
    throw new Error(
      `Invalid database configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return parsed.data;
}
