import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness/processes';
import type { UpsertResult } from './api-upsert';
import type { ExplainedQuery } from './explain';
import type { FirstLoad } from './first-load';
import type { ImportResult } from './import-throughput';
import type { LighthouseScores } from './lighthouse';
import type { LoadResult } from './load';
import type { FloorResult } from './sql-floor';

export interface PathResult {
  key: string;
  label: string;
  kind: 'floor' | 'read' | 'write';
  c1: LoadResult;
  c20: LoadResult;
  sql1?: FloorResult;
  sql20?: FloorResult;
}

export interface BenchRun {
  scale: number;
  database: string;
  at: string;
  loadBefore: string;
  loadAfter: string;
  rows: Record<string, number>;
  paths: PathResult[];
  maxRssMb: number;
  firstLoad: Record<string, FirstLoad>;
  /** Absent when the run had no Chromium. */
  lighthouse?: Record<string, LighthouseScores>;
  explains: ExplainedQuery[];
  /** Issue 17's integration: the API's batch upsert, and the import (absent with --no-import). */
  upsert?: UpsertResult;
  import?: ImportResult;
}

const RESULTS_DIR = join(REPO_ROOT, 'docs/bench-results');
const DOC = join(REPO_ROOT, 'docs/performance.md');
const f0 = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '–' : n >= 100 ? n.toFixed(0) : n.toFixed(1);
const triple = (r: { p50: number; p95: number; p99: number } | undefined) =>
  r ? `${f0(r.p50)} / ${f0(r.p95)} / ${f0(r.p99)}` : '–';

export function saveRun(run: BenchRun): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${run.database}.json`), `${JSON.stringify(run, null, 1)}\n`);
}

export function loadRun(database: string): BenchRun | null {
  const file = join(RESULTS_DIR, `${database}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchRun) : null;
}

/** The table of one run: throughput and latency over HTTP, the ratio to the trivial page, and the bare SQL. */
export function runTable(run: BenchRun): string {
  const trivial = run.paths.find((p) => p.key === 'trivial')!;
  const lines = [
    `Run of ${run.at} on \`${run.database}\` (scale ${run.scale}: ${Object.entries(run.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}).`,
    `Load average (1/5/15 min) before: ${run.loadBefore}; after: ${run.loadAfter}. Server RSS max under load: ${f0(run.maxRssMb)} MB.`,
    '',
    '| path | req/s @20 | vs trivial | p50 / p95 / p99 @1 (ms) | p50 / p95 / p99 @20 (ms) | errors | SQL ops/s @20 | SQL p50 / p95 @1 (ms) | HTTP ÷ SQL @20 |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const p of run.paths) {
    const vsTrivial =
      p.kind === 'floor' ? '1.00' : (p.c20.reqPerSec / trivial.c20.reqPerSec).toFixed(2);
    const sql1 = p.sql1 ? `${f0(p.sql1.p50)} / ${f0(p.sql1.p95)}` : '–';
    const ratio = p.sql20 ? (p.c20.reqPerSec / p.sql20.opsPerSec).toFixed(2) : '–';
    lines.push(
      `| ${p.label} | ${f0(p.c20.reqPerSec)} | ${vsTrivial} | ${triple(p.c1)} | ${triple(p.c20)} | ${p.c1.errors + p.c20.errors} | ${f0(p.sql20?.opsPerSec)} | ${sql1} | ${ratio} |`,
    );
  }
  return lines.join('\n');
}

const n0 = (n: number) => Math.round(n).toLocaleString('en');

/** The integration's figures: the batch upsert through the API, and the initial load beside a bare COPY. */
export function integrationTable(run: BenchRun): string {
  const lines = [`Run of ${run.at} on \`${run.database}\` (scale ${run.scale}).`, ''];
  const u = run.upsert;
  if (u) {
    lines.push(
      `**API batch upsert** (\`POST /api/v1/masterdata\`, batches of ${n0(u.rowsPerBatch)} loans posted one after another, each timed from request to answer):`,
      '',
      '| pass | batches | loan rows | seconds | loan rows/s | per batch p50 / p95 (ms) | errors |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [name, p] of [
      ['new loans (every row created)', u.created],
      ['the same batches again (every row unchanged)', u.unchanged],
    ] as const)
      lines.push(
        `| ${name} | ${p.batches} | ${n0(p.rows)} | ${p.seconds.toFixed(1)} | ${n0(p.rowsPerSec)} | ${n0(p.p50)} / ${n0(p.p95)} | ${p.errors} |`,
      );
    lines.push('');
  }
  const i = run.import;
  if (i) {
    lines.push(
      `**Initial load** (\`pnpm run import\` of the region's export: ${Object.entries(i.files)
        .map(([f, r]) => `${f} ${n0(r)}`)
        .join(', ')}; ${i.megabytes.toFixed(0)} MB of CSV, exported in ${i.exportSeconds.toFixed(0)} s):`,
      '',
      '| load | rows | seconds | rows/s | vs COPY |',
      '|---|---|---|---|---|',
      `| \`pnpm run import\` (checks, keys, upserts, audit; one transaction) | ${n0(i.rows)} | ${i.importSeconds.toFixed(0)} | ${n0(i.importRowsPerSec)} | ${(i.importRowsPerSec / i.copyRowsPerSec).toFixed(2)} |`,
      `| bare \`COPY … FROM STDIN\` of the same files into text columns | ${n0(i.rows)} | ${i.copySeconds.toFixed(0)} | ${n0(i.copyRowsPerSec)} | 1.00 |`,
    );
  }
  return lines.join('\n');
}

export function firstLoadTable(run: BenchRun): string {
  const lines = ['| page | scripts | first-load JS (kB, gzip) |', '|---|---|---|'];
  for (const [page, fl] of Object.entries(run.firstLoad))
    lines.push(`| ${page} | ${fl.scripts} | ${fl.kB.toFixed(1)} |`);
  return lines.join('\n');
}

export function lighthouseTable(run: BenchRun): string {
  const lines = [
    `Run of ${run.at} on \`${run.database}\`, desktop preset, logged in.`,
    '',
    '| page | performance | accessibility | FCP / LCP (ms) | TBT (ms) | CLS | failed accessibility audits |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [page, s] of Object.entries(run.lighthouse ?? {})) {
    const m = s.metrics;
    lines.push(
      `| ${page} | ${s.performance.toFixed(2)} | ${s.accessibility.toFixed(2)} | ${f0(m['first-contentful-paint'])} / ${f0(m['largest-contentful-paint'])} | ${f0(m['total-blocking-time'])} | ${(m['cumulative-layout-shift'] ?? 0).toFixed(3)} | ${s.failedAccessibility.join(', ') || 'none'} |`,
    );
  }
  return lines.join('\n');
}

export function explainSection(run: BenchRun): string {
  const out: string[] = [];
  const bad = run.explains.filter((e) => e.bigSeqScans.length);
  out.push(
    bad.length
      ? `Sequential scans on tables above 10,000 rows: ${bad.map((e) => `${e.path} (${e.bigSeqScans.join(', ')})`).join('; ')}.`
      : `No sequential scan on a table above 10,000 rows in any of the ${run.explains.length} statements.`,
  );
  for (const e of run.explains) {
    out.push(
      '',
      `<details><summary>${e.path}: ${e.sql.replace(/\s+/g, ' ').slice(0, 110).replace(/[<>]/g, '')}…</summary>`,
      '',
      '```sql',
      e.sql,
      '```',
      '',
      '```',
      e.plan,
      '```',
      '',
      '</details>',
    );
  }
  return out.join('\n');
}

/** Replaces the text between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` in docs/performance.md. */
export function writeDocSection(name: string, body: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const doc = readFileSync(DOC, 'utf8');
  const block = `${start}\n${body}\n${end}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  writeFileSync(
    DOC,
    from >= 0 && to > from
      ? doc.slice(0, from) + block + doc.slice(to + end.length)
      : `${doc.trimEnd()}\n\n${block}\n`,
  );
}
