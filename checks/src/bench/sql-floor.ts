import type { Db } from '@bmb/db/client';
import { percentile } from './load';

export interface FloorResult {
  concurrency: number;
  opsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Runs `work` in a loop on `concurrency` workers for `seconds`: the path's bare SQL without the web server. */
export async function sqlFloor(
  db: Db,
  work: (db: Db) => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<FloorResult> {
  const latencies: number[] = [];
  const began = performance.now();
  const until = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await work(db);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    opsPerSec: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}
