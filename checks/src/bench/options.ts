import { parseArgs } from 'node:util';
import { PG_SERVER } from '../harness/stack';

export interface BenchOptions {
  scale: number;
  database: string;
  databaseUrl: string;
  port: number;
  /** The bare Next.js floor's port (checks/bare-next). */
  barePort: number;
  /** The Node.js versions the servers run on: `current` and/or major versions (`--node 20,24`). */
  node: string;
  /** The app's build folder under apps/web: `.next-bench` (built when stale), or another build kept for comparison (never built). */
  distDir: string;
  /** Seconds of each read measurement (at 1 and at 20 connections). */
  seconds: number;
  /** Verkställ / answer requests at 1 and at 20 connections (each needs its own prepared BMB). */
  writes1: number;
  writes20: number;
  rebuild: boolean;
  /** Use the existing build even when sources are newer (others edit the tree while a bench runs). */
  reuseBuild: boolean;
  /** Write the figures into docs/performance.md (default) or only print them. */
  docs: boolean;
  /**
   * `--only kvittera,lasta`: only these read paths (with their empty variants
   * and the two floors); no writes, upsert, first-load JS or Lighthouse, and
   * never into the docs. For quick work on one page.
   */
  only: string[] | null;
  /** Batches of 10,000 new loans through POST /api/v1/masterdata. */
  upsertBatches: number;
  /** Export the region and import it into a new database, beside a bare COPY (minutes at scale 1). */
  import: boolean;
}

/** `pnpm bench -- --scale 0.1` picks the region generated at that scale (`bmb_region_01`); `--database` another. */
export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      scale: { type: 'string', default: '1' },
      database: { type: 'string' },
      port: { type: 'string', default: '3280' },
      'bare-port': { type: 'string' },
      node: { type: 'string', default: 'current,24' },
      'dist-dir': { type: 'string', default: '.next-bench' },
      seconds: { type: 'string', default: '10' },
      writes1: { type: 'string', default: '150' },
      writes20: { type: 'string', default: '1200' },
      rebuild: { type: 'boolean', default: false },
      'reuse-build': { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      'upsert-batches': { type: 'string', default: '10' },
      'no-import': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be in (0, 1], not ${values.scale}`);
  const database =
    values.database ??
    (scale === 1 ? 'bmb_region' : `bmb_region_${String(scale).replace('.', '')}`);
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`Not a database name: ${database}`);
  const port = Number(values.port);
  const barePort = Number(values['bare-port'] ?? port + 1);
  for (const p of [port, barePort])
    if (!(p >= 3280 && p <= 3298)) throw new Error('The benchmark uses ports 3280–3298 (3299 is the dev IdP)');
  if (barePort === port) throw new Error('--bare-port must differ from --port');
  if (!/^\.next[\w.-]*$/.test(values['dist-dir'])) throw new Error('--dist-dir names a .next* folder under apps/web');
  return {
    scale,
    database,
    databaseUrl: `${PG_SERVER}/${database}`,
    port,
    barePort,
    node: values.node,
    distDir: values['dist-dir'],
    seconds: Number(values.seconds),
    writes1: Number(values.writes1),
    writes20: Number(values.writes20),
    rebuild: values.rebuild,
    reuseBuild: values['reuse-build'],
    docs: !values['no-docs'] && !values.only,
    only: values.only ? values.only.split(',').map((k) => k.trim()).filter(Boolean) : null,
    upsertBatches: Number(values['upsert-batches']),
    import: !values['no-import'],
  };
}
