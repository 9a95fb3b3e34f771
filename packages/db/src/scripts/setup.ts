// Migrates and seeds the configured database. Run before the server starts, in
// the same command: PGlite has no lock, so never beside a running server.
import { openConfiguredDb } from '../client';
import { migrateDb } from '../migrate';
import { seedDemoData } from '../seed';

const handle = await openConfiguredDb();
try {
  await migrateDb(handle);
  await seedDemoData(handle.db);
  console.log(`Database ready (${handle.kind}): migrated and seeded with demo data.`);
} finally {
  await handle.close();
}
