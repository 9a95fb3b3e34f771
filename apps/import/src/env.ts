import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Where the person ran pnpm, so that a relative folder means what it says.
 * pnpm says so in INIT_CWD, but a nested `pnpm --filter` (the root's
 * `import` and `export` scripts) sets it again to the workspace root: those
 * scripts pass the caller's on as BMB_CALLER_CWD. The database is configured
 * as for every package (`@bmb/db`: DATABASE_URL, else the embedded PGlite).
 */
const schema = z.object({
  BMB_CALLER_CWD: z.string().min(1).optional(),
  INIT_CWD: z.string().min(1).optional(),
});

export function readImportEnv(source: Record<string, string | undefined> = process.env) {
  const parsed = schema.safeParse({
    BMB_CALLER_CWD: source.BMB_CALLER_CWD || undefined,
    INIT_CWD: source.INIT_CWD || undefined,
  });
  if (!parsed.success)
    throw new Error(
      `Invalid configuration: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  const base = parsed.data.BMB_CALLER_CWD ?? parsed.data.INIT_CWD ?? process.cwd();
  return {
    /** A path given on the command line, against the directory pnpm was run in. */
    resolvePath: (path: string) => resolve(base, path),
  };
}
