// Migrates and seeds the configured database. Run before the server starts, in
// the same command: PGlite has no lock, so never beside a running server.
import { openOwnerDb } from '../client';
import { installJobQueue } from '../job-queue';
import { migrateDb } from '../migrate';
import { describeGrant, grantConfiguredAppRole } from '../privileges';
import { seedDemoData } from '../seed';

const handle = await openOwnerDb();
try {
  await migrateDb(handle);
  // The worker's queue tables, created by the owner too (PGlite: the worker creates them itself).
  if (handle.kind === 'postgres') await installJobQueue(handle);
  await seedDemoData(handle.db);
  const grant = await grantConfiguredAppRole(handle);
  if (grant) console.log(describeGrant(grant));
  console.log(`Database ready (${handle.kind}): migrated and seeded with demo data.`);
} finally {
  await handle.close();
}
