// The job-queue workers (mail and webhooks) as their own process (production): `pnpm worker`.
import { openConfiguredDb } from '@bmb/db/client';
import { startConfiguredWorker } from '../configured-worker';

const log = (event: string, fields: Record<string, unknown> = {}) =>
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', event, ...fields })}\n`,
  );

const handle = await openConfiguredDb();
const worker = await startConfiguredWorker(handle, log);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('notifications.stopping', { signal });
  // Jobs in flight finish (or are retried by another worker after they expire).
  await worker.stop();
  await handle.close();
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(signal));
