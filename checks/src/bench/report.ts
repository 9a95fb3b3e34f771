import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../harness/processes';
import type { UpsertResult } from './api-upsert';
import type { ExplainedQuery } from './explain';
import type { FirstLoad } from './first-load';
import type { ImportResult } from './import-throughput';
import type { LighthouseScores } from './lighthouse';
import type { LoadResult } from './load';
import type { FloorResult } from './sql-floor';

/** What one response of a page holds (its HTML, measured once when the path is checked). */
export interface PageShape {
  /** Body bytes: HTML with the inlined RSC payload (the server does not compress). */
  bytes: number;
  /** `<a ` and `<form` tags. */
  links: number;
  forms: number;
  /** A list page: the rows it shows (table rows, and Låsta's queue items). */
  rows?: number;
}

export interface PathResult {
  key: string;
  label: string;
  /** `empty`: a list page's variant with no rows, for the cost of a row (`emptyOf` is the full page's key). */
  kind: 'floor' | 'read' | 'write' | 'empty';
  emptyOf?: string;
  c1: LoadResult;
  c20: LoadResult;
  sql1?: FloorResult;
  sql20?: FloorResult;
  page?: PageShape;
}

/** The servers on one Node.js version: every path measured on it. */
export interface NodeRun {
  /** `v24.21.0` */
  node: string;
  paths: PathResult[];
  /** The app server's largest RSS under load. */
  maxRssMb: number;
  /** Why the writes did not run on this version, when they did not. */
  writesSkipped?: string;
}

export interface BenchRun {
  scale: number;
  database: string;
  at: string;
  loadBefore: string;
  loadAfter: string;
  rows: Record<string, number>;
  nodes: NodeRun[];
  /** The Node.js version the API upsert ran on. */
  upsertNode?: string;
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

/** Saves the run's figures: into docs/bench-results, or (a trial run, `--no-docs`) into the given file. Returns the file. */
export function saveRun(run: BenchRun, file = join(RESULTS_DIR, `${run.database}.json`)): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(run, null, 1)}\n`);
  return file;
}

export function loadRun(database: string, file = join(RESULTS_DIR, `${database}.json`)): BenchRun | null {
  if (!existsSync(file)) return null;
  const run = JSON.parse(readFileSync(file, 'utf8')) as BenchRun & { paths?: PathResult[]; maxRssMb?: number };
  // Runs before issue 21 measured on the machine's Node.js (20) only.
  if (!run.nodes && run.paths) run.nodes = [{ node: 'v20', paths: run.paths, maxRssMb: run.maxRssMb ?? NaN }];
  return run;
}

const kB = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 1024).toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || !(b > 0) ? '–' : (a / b).toFixed(2);
const byKey = (node: NodeRun, key: string) => node.paths.find((p) => p.key === key);

/**
 * The tables of one run: per Node.js version, throughput and latency over
 * HTTP, the ratios to the two floors, the server's CPU per request, the
 * response size and the bare SQL; then the versions side by side, and the
 * cost of a list row.
 */
export function runTable(run: BenchRun): string {
  const lines = [
    `Run of ${run.at} on \`${run.database}\` (scale ${run.scale}: ${Object.entries(run.rows)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}).`,
    `Load average (1/5/15 min) before: ${run.loadBefore}; after: ${run.loadAfter}. Server RSS max under load: ${run.nodes
      .map((n) => `${f0(n.maxRssMb)} MB (Node ${n.node})`)
      .join(', ')}.`,
  ];
  for (const node of run.nodes) {
    const trivial = byKey(node, 'trivial');
    const bare = byKey(node, 'bare');
    lines.push(
      '',
      `**Node.js ${node.node}**${node.writesSkipped ? ` (writes not run: ${node.writesSkipped})` : ''}`,
      '',
      '| path | req/s @20 | vs trivial | vs bare Next.js | p50 / p95 / p99 @1 (ms) | p50 / p95 / p99 @20 (ms) | errors | CPU ms/req @20 | KB/response | SQL ops/s @20 | SQL p50 / p95 @1 (ms) | HTTP ÷ SQL @20 |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const p of node.paths) {
      const sql1 = p.sql1 ? `${f0(p.sql1.p50)} / ${f0(p.sql1.p95)}` : '–';
      const reads = p.kind !== 'write';
      lines.push(
        `| ${p.label} | ${f0(p.c20.reqPerSec)} | ${reads ? ratio(p.c20.reqPerSec, trivial?.c20.reqPerSec) : '–'} | ${reads ? ratio(p.c20.reqPerSec, bare?.c20.reqPerSec) : '–'} | ${triple(p.c1)} | ${triple(p.c20)} | ${p.c1.errors + p.c20.errors} | ${p.c20.cpuMsPerRequest?.toFixed(2) ?? '–'} | ${kB(p.page?.bytes ?? p.c20.bytesPerResponse)} | ${f0(p.sql20?.opsPerSec)} | ${sql1} | ${ratio(p.c20.reqPerSec, p.sql20?.opsPerSec)} |`,
      );
    }
  }
  if (run.nodes.length > 1) lines.push('', nodeComparisonTable(run));
  const rows = rowCostTable(run);
  if (rows) lines.push('', rows);
  return lines.join('\n');
}

/** The Node.js versions side by side: req/s @20, p95 @1 and CPU per request of every path. */
export function nodeComparisonTable(run: BenchRun): string {
  const versions = run.nodes.map((n) => n.node);
  const lines = [
    '**Node.js versions side by side**',
    '',
    `| path | ${versions.map((v) => `req/s @20 (${v})`).join(' | ')} | ${versions.map((v) => `p95 @1 ms (${v})`).join(' | ')} | ${versions.map((v) => `CPU ms/req (${v})`).join(' | ')} |`,
    `|---|${versions.map(() => '---|---|---|').join('')}`,
  ];
  for (const p of run.nodes[0]!.paths) {
    const each = run.nodes.map((n) => byKey(n, p.key));
    lines.push(
      `| ${p.label} | ${each.map((q) => f0(q?.c20.reqPerSec)).join(' | ')} | ${each.map((q) => f0(q?.c1.p95)).join(' | ')} | ${each.map((q) => q?.c20.cpuMsPerRequest?.toFixed(2) ?? '–').join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export interface RowCost {
  key: string;
  label: string;
  node: string;
  rows: number;
  cpuMsPerRow: number;
  bytesPerRow: number;
  linksPerRow: number;
  formsPerRow: number;
  full: PathResult;
  empty: PathResult;
}

/** A list row's cost: (full page − the same page with no rows) ÷ the rows the full page showed. */
export function rowCosts(run: BenchRun): RowCost[] {
  const out: RowCost[] = [];
  for (const node of run.nodes)
    for (const empty of node.paths.filter((p) => p.kind === 'empty' && p.emptyOf)) {
      const full = byKey(node, empty.emptyOf!);
      const rows = full?.page?.rows;
      if (!full || !rows || !empty.page) continue;
      out.push({
        key: full.key,
        label: full.label,
        node: node.node,
        rows,
        cpuMsPerRow: ((full.c20.cpuMsPerRequest ?? NaN) - (empty.c20.cpuMsPerRequest ?? NaN)) / rows,
        bytesPerRow: (full.page!.bytes - empty.page.bytes) / rows,
        linksPerRow: (full.page!.links - empty.page.links) / rows,
        formsPerRow: (full.page!.forms - empty.page.forms) / rows,
        full,
        empty,
      });
    }
  return out;
}

export function rowCostTable(run: BenchRun): string | null {
  const costs = rowCosts(run);
  if (!costs.length) return null;
  const lines = [
    '**The cost of a list row** (full page − the same page with no rows, ÷ rows shown; CPU at 20 connections)',
    '',
    '| list | Node.js | rows shown | CPU ms/req full / empty | CPU ms per row | KB full / empty | bytes per row | `<a>` per row | `<form>` per row |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of costs)
    lines.push(
      `| ${c.label} | ${c.node} | ${c.rows} | ${c.full.c20.cpuMsPerRequest?.toFixed(2) ?? '–'} / ${c.empty.c20.cpuMsPerRequest?.toFixed(2) ?? '–'} | ${c.cpuMsPerRow.toFixed(3)} | ${kB(c.full.page?.bytes)} / ${kB(c.empty.page?.bytes)} | ${c.bytesPerRow.toFixed(0)} | ${c.linksPerRow.toFixed(2)} | ${c.formsPerRow.toFixed(2)} |`,
    );
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
