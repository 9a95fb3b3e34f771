// pnpm db:grant: creates the role the app connects as (DATABASE_APP_ROLE, with
// DATABASE_APP_PASSWORD when given) and sets its privileges: read and write on
// the ordinary tables, only read and append on the audit and access logs, no
// ownership. Run as the owner of the tables: MIGRATION_DATABASE_URL, else
// DATABASE_URL. Idempotent; db:migrate re-runs it when DATABASE_APP_ROLE is set.
import { openOwnerDb } from '../client';
import { readDbEnv } from '../env';
import { describeGrant, grantConfiguredAppRole } from '../privileges';

const env = readDbEnv();
if (!env.DATABASE_APP_ROLE) {
  console.error(
    'Set DATABASE_APP_ROLE to the role the app connects as (e.g. bmb_app), and DATABASE_APP_PASSWORD to set its password.',
  );
  process.exit(2);
}
if (!env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
  console.log('The embedded database (PGlite) has a single role: nothing to grant.');
  process.exit(0);
}
const handle = await openOwnerDb();
try {
  const report = await grantConfiguredAppRole(handle, env);
  if (report) console.log(describeGrant(report));
} finally {
  await handle.close();
}
