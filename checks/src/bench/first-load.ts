import { gzipSync } from 'node:zlib';
import type { HttpRequest } from './http-requests';

export interface FirstLoad {
  kB: number;
  scripts: number;
}

/**
 * First-load JS of a page as a browser gets it: every `<script src>` in the
 * server-rendered HTML except `noModule` ones, fetched from the server and gzipped (level 9, about
 * what a CDN or reverse proxy sends). Inline flight data is HTML, not counted.
 */
export async function firstLoadJs(
  base: string,
  request: HttpRequest,
  cache: Map<string, number>,
): Promise<FirstLoad> {
  const html = await (
    await fetch(`${base}${request.path}`, { headers: request.headers, redirect: 'manual' })
  ).text();
  // `noModule` scripts (Next's polyfills) are skipped by every browser that runs modules.
  const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)].filter(
    (m) => !/\snomodule/i.test(m[0]),
  );
  const srcs = [...new Set(tags.map((m) => m[1]!.replace(/&amp;/g, '&')))];
  let bytes = 0;
  for (const src of srcs) {
    if (!cache.has(src)) {
      const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
      cache.set(src, gzipSync(body, { level: 9 }).length);
    }
    bytes += cache.get(src)!;
  }
  return { kB: bytes / 1024, scripts: srcs.length };
}
