import { loadRun, writeDocSection, type BenchRun, type PathResult } from './report';

/**
 * Issue 9's and issue 17's targets against the last runs at scale 1 and 0.1
 * (`docs/bench-results/*.json`): `pnpm --filter @bmb/checks bench:targets`.
 * Writes the `targets` section of docs/performance.md.
 */
const big = loadRun('bmb_region');
const small = loadRun('bmb_region_01');
if (!big) throw new Error('No scale-1 run in docs/bench-results: run `pnpm bench` first');

const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const path = (run: BenchRun, key: string) => run.paths.find((p) => p.key === key);
const reads = big.paths.filter((p) => p.kind === 'read');
const trivial = path(big, 'trivial')!;
const rows: string[] = ['| target | figure (scale 1) | met |', '|---|---|---|'];
const row = (target: string, figure: string, met: boolean) =>
  rows.push(`| ${target} | ${figure} | ${met ? 'yes' : '**no**'} |`);

for (const p of reads) {
  const ratio = p.c20.reqPerSec / trivial.c20.reqPerSec;
  row(
    `${p.label}: req/s @20 ≥ 70 % of the trivial page`,
    `${(ratio * 100).toFixed(0)} % (${f(p.c20.reqPerSec)} of ${f(trivial.c20.reqPerSec)})`,
    ratio >= 0.7,
  );
}
for (const p of reads)
  row(
    `${p.label}: p95 @1 ≤ 25 ms`,
    `${f(p.c1.p95)} ms (trivial page: ${f(trivial.c1.p95)} ms)`,
    p.c1.p95 <= 25,
  );
for (const p of big.paths.filter((x) => x.kind === 'write'))
  row(`${p.label}: p95 @1 ≤ 50 ms`, `${f(p.c1.p95)} ms`, p.c1.p95 <= 50);
const send = path(big, 'send') as PathResult | undefined;
if (send)
  row(
    'Verkställ ≥ 100 sends/s @20 with 0 errors',
    `${f(send.c20.reqPerSec)}/s, ${send.c1.errors + send.c20.errors} errors`,
    send.c20.reqPerSec >= 100 && send.c1.errors + send.c20.errors === 0,
  );
if (small) {
  for (const p of reads) {
    const q = path(small, p.key);
    if (!q) continue;
    const growth = p.c1.p95 / q.c1.p95;
    row(
      `${p.label}: p95 @1 grows ≤ 1.5× from scale 0.1 to 1`,
      `${f(q.c1.p95)} → ${f(p.c1.p95)} ms (${growth.toFixed(2)}×)`,
      growth <= 1.5,
    );
  }
}
const seq = big.explains.filter((e) => e.bigSeqScans.length);
row(
  'No sequential scan on a table > 10,000 rows in a hot query',
  seq.length
    ? seq.map((e) => `${e.path}: ${e.bigSeqScans.join(', ')}`).join('; ')
    : `none in ${big.explains.length} statements`,
  seq.length === 0,
);
for (const [page, fl] of Object.entries(big.firstLoad))
  row(`${page}: first-load JS ≤ 150 kB gzip`, `${fl.kB.toFixed(1)} kB`, fl.kB <= 150);
for (const [page, score] of Object.entries(big.lighthouse ?? {})) {
  row(`${page}: Lighthouse performance ≥ 0.95 (desktop, logged in)`, score.performance.toFixed(2), score.performance >= 0.95);
  row(`${page}: Lighthouse accessibility 1.0`, score.accessibility.toFixed(2), score.accessibility >= 1);
}
if (!big.lighthouse) row('Lighthouse on Hjälpmedel and Kvittera BMB', 'not run (no Chromium)', false);
row('Server memory under load ≤ 600 MB', `${f(big.maxRssMb)} MB`, big.maxRssMb <= 600);

// Issue 17: the integration.
const feed = path(big, 'feed');
if (feed) row('Event feed: p95 @1 ≤ 25 ms (issue 17)', `${f(feed.c1.p95)} ms`, feed.c1.p95 <= 25);
if (big.upsert)
  row(
    'API batch upsert ≥ 5,000 loan rows/s (issue 17)',
    `${f(big.upsert.created.rowsPerSec)} rows/s new, ${f(big.upsert.unchanged.rowsPerSec)} unchanged; ${big.upsert.created.errors + big.upsert.unchanged.errors} errors`,
    big.upsert.created.rowsPerSec >= 5000 && big.upsert.created.errors + big.upsert.unchanged.errors === 0,
  );
if (big.import)
  row(
    'Initial load at scale 1 in ≤ 10 minutes (issue 17)',
    `${(big.import.importSeconds / 60).toFixed(1)} min (bare COPY of the same files: ${big.import.copySeconds.toFixed(0)} s)`,
    big.import.importSeconds <= 600,
  );
else row('Initial load at scale 1 in ≤ 10 minutes (issue 17)', 'not run (--no-import)', false);

const text = rows.join('\n');
console.log(text);
writeDocSection('targets', text);
