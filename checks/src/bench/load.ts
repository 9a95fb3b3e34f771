import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { headerMap, type HttpRequest } from './http-requests';

/** One measurement: throughput, latency percentiles from every response, and what went wrong. */
export interface LoadResult {
  connections: number;
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** A few of the errors, for the log. */
  samples: string[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Either a duration … */
  seconds?: number;
  /** … or an exact number of requests (the writes: one prepared BMB each). */
  amount?: number;
  /** The next request; called once per request. */
  next: () => HttpRequest;
  ok: (status: number, headers: Record<string, string>) => boolean;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const samples: string[] = [];
  const fail = (why: string) => {
    errors++;
    if (samples.length < 5) samples.push(why);
  };
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    requests: [
      {
        setupRequest: (request: object) => ({ ...request, ...options.next() }),
        onResponse: (status: number, body: string, _context: unknown, headers: unknown) => {
          if (!options.ok(status, headerMap(headers)))
            fail(`HTTP ${status} ${String(body ?? '').slice(0, 160)}`);
        },
      },
    ],
  } as autocannon.Options) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on(
    'response',
    (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      latencies.push(responseTime),
  );
  const result = await instance;
  errors += result.errors + result.timeouts;
  if (result.errors + result.timeouts > 0 && samples.length < 5)
    samples.push(`${result.errors} socket errors, ${result.timeouts} timeouts`);
  latencies.sort((a, b) => a - b);
  return {
    connections: options.connections,
    requests: latencies.length,
    reqPerSec: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    samples,
  };
}
