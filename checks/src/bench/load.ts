import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { HttpRequest } from './http-requests';

/** One measurement: throughput, latency percentiles from every response, and what went wrong. */
export interface LoadResult {
  connections: number;
  /** Responses received. */
  requests: number;
  /** From the first request's start to the last response's end. */
  seconds: number;
  /** requests ÷ seconds. */
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Mean body bytes per response (HTML with its inlined RSC payload; the server does not compress). */
  bytesPerResponse: number;
  /** A few of the errors, for the log. */
  samples: string[];
  /** The server's CPU time (utime + stime of its processes) during the run ÷ requests; set by the caller. */
  cpuMsPerRequest?: number;
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
  /** Either a duration: no request starts after it, and those in flight are waited for … */
  seconds?: number;
  /** … or an exact number of requests (the writes: one prepared BMB each). */
  amount?: number;
  /** The next request; called once per request, in order. */
  next: () => HttpRequest;
  ok: (status: number, headers: Record<string, string>) => boolean;
}

const TIMEOUT_MS = 30_000;

const flatHeaders = (headers: IncomingHttpHeaders): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
};

/**
 * Our own load generator (node:http, keep-alive): `connections` workers, each
 * with its own socket, send one request at a time until the time is up or the
 * `amount` is sent. The rate is the responses divided by the exact time from
 * the first request's start to the last response's end; every response's time
 * goes into the percentiles. (autocannon ended a run only on its next whole-
 * second tick: 1,200 sends done in 13.2 s counted as 14 s.)
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.connections,
    maxFreeSockets: options.connections,
  });
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const samples: string[] = [];
  const fail = (why: string) => {
    errors++;
    if (samples.length < 5) samples.push(why);
  };

  let first = Infinity;
  let last = -Infinity;
  const send = (req: HttpRequest): Promise<void> =>
    new Promise((resolve) => {
      const began = performance.now();
      first = Math.min(first, began);
      const body = req.body === undefined ? undefined : Buffer.from(req.body);
      const outgoing = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.path,
          agent,
          headers: body ? { ...req.headers, 'content-length': String(body.length) } : req.headers,
        },
        (response) => {
          const status = response.statusCode ?? 0;
          const headers = flatHeaders(response.headers);
          const good = options.ok(status, headers);
          let text = '';
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (!good && text.length < 160) text += chunk.toString('utf8', 0, 160);
          });
          response.on('end', () => {
            const ended = performance.now();
            last = Math.max(last, ended);
            latencies.push(ended - began);
            if (!good) fail(`HTTP ${status} ${text.slice(0, 160)}`);
            resolve();
          });
          response.on('error', (error) => {
            fail(`response: ${error.message}`);
            resolve();
          });
        },
      );
      outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', (error) => {
        last = Math.max(last, performance.now());
        fail(`request: ${error.message}`);
        resolve();
      });
      outgoing.end(body);
    });

  let issued = 0;
  const until = performance.now() + (options.seconds ?? 10) * 1000;
  const more = () =>
    options.amount !== undefined ? issued < options.amount : performance.now() < until;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (more()) {
        issued++;
        await send(options.next());
      }
    }),
  );
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const seconds = Math.max(last - first, 1) / 1000;
  return {
    connections: options.connections,
    requests: latencies.length,
    seconds,
    reqPerSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
    samples,
  };
}
