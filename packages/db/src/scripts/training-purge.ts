// pnpm training:purge [--older-than-days N]: throws away training sandboxes whose
// runs were abandoned (Börja om: at once, whatever their age), or finished or
// were left untouched for N days (default 30, or TRAINING_SANDBOX_MAX_AGE_DAYS).
// Completion records are kept. Production is never touched: only workspaces of
// kind 'training' are deleted. Run it daily: with the cap on starts per hour it
// bounds the sandboxes a learner can leave behind.
//
// Runs as the owner of the tables (MIGRATION_DATABASE_URL, else DATABASE_URL):
// deleting a sandbox deletes its log rows, which the app role may never do.
import { openOwnerDb } from '../client';
import { purgeTrainingSandboxes } from '../queries/training';

const flag = process.argv.indexOf('--older-than-days');
const days = Number(flag >= 0 ? process.argv[flag + 1] : (process.env.TRAINING_SANDBOX_MAX_AGE_DAYS ?? 30));
if (!Number.isFinite(days) || days < 0) {
  console.error('--older-than-days takes a number of days (0 or more).');
  process.exit(2);
}
const handle = await openOwnerDb();
try {
  const cutoff = new Date(Date.now() - days * 86_400_000);
  const purged = await handle.db.transaction((tx) => purgeTrainingSandboxes(tx, cutoff));
  console.log(`Purged ${purged} training sandbox(es), abandoned or untouched since ${cutoff.toISOString()}.`);
} finally {
  await handle.close();
}
