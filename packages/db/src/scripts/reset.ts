// Throws the database away and builds it again: migrations, then demo data.
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createPgliteDb, createPostgresDb, defaultPgliteDataDir } from '../client';
import { readDbEnv } from '../env';
import { migrateDb } from '../migrate';
import { describeGrant, grantConfiguredAppRole } from '../privileges';
import { seedDemoData } from '../seed';

const env = readDbEnv();
const ownerUrl = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
let handle;
if (ownerUrl) {
  handle = createPostgresDb(ownerUrl, { max: 1 });
  await handle.db.execute(sql`drop schema if exists drizzle cascade`);
  await handle.db.execute(sql`drop schema public cascade`);
  await handle.db.execute(sql`create schema public`);
} else {
  const dir = env.PGLITE_DATA_DIR ?? defaultPgliteDataDir();
  rmSync(dir, { recursive: true, force: true });
  handle = await createPgliteDb(dir);
}
try {
  await migrateDb(handle);
  await seedDemoData(handle.db);
  // A new schema public grants nothing to anyone: the app role needs its grants again.
  const grant = await grantConfiguredAppRole(handle);
  if (grant) console.log(describeGrant(grant));
  console.log(`Database reset (${handle.kind}): migrated and seeded with demo data.`);
} finally {
  await handle.close();
}
