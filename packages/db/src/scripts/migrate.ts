import { openConfiguredDb } from '../client';
import { migrateDb } from '../migrate';

const handle = await openConfiguredDb();
try {
  await migrateDb(handle);
  console.log(`Migrations applied (${handle.kind}).`);
} finally {
  await handle.close();
}
