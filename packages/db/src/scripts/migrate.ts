// Runs as the owner of the tables (MIGRATION_DATABASE_URL, else DATABASE_URL),
// then re-applies the app role's privileges when DATABASE_APP_ROLE is set.
import { openOwnerDb } from '../client';
import { installJobQueue } from '../job-queue';
import { migrateDb } from '../migrate';
import { describeGrant, grantConfiguredAppRole } from '../privileges';

const handle = await openOwnerDb();
try {
  await migrateDb(handle);
  // The worker's queue tables, created by the owner too (PGlite: the worker creates them itself).
  if (handle.kind === 'postgres') await installJobQueue(handle);
  console.log(`Migrations applied (${handle.kind}).`);
  const grant = await grantConfiguredAppRole(handle);
  if (grant) console.log(describeGrant(grant));
} finally {
  await handle.close();
}
