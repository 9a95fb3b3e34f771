import { openConfiguredDb } from '../client';
import { seedDemoData } from '../seed';

const handle = await openConfiguredDb();
try {
  await seedDemoData(handle.db);
  console.log(`Demo data seeded (${handle.kind}).`);
} finally {
  await handle.close();
}
