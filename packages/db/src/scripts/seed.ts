import { openOwnerDb } from '../client';
import { seedDemoData } from '../seed';

const handle = await openOwnerDb();
try {
  await seedDemoData(handle.db);
  console.log(`Demo data seeded (${handle.kind}).`);
} finally {
  await handle.close();
}
