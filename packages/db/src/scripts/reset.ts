// Throws the database away and builds it again: migrations, then demo data.
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createPgliteDb, createPostgresDb, defaultPgliteDataDir } from '../client';
import { readDbEnv } from '../env';
import { migrateDb } from '../migrate';
import { seedDemoData } from '../seed';

const env = readDbEnv();
let handle;
if (env.DATABASE_URL) {
  handle = createPostgresDb(env.DATABASE_URL, { max: 1 });
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
  console.log(`Database reset (${handle.kind}): migrated and seeded with demo data.`);
} finally {
  await handle.close();
}
