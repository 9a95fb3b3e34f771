import { parseArgs } from 'node:util';
import { PG_SERVER } from '../harness/stack';

export interface BenchOptions {
  scale: number;
  database: string;
  databaseUrl: string;
  port: number;
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
      seconds: { type: 'string', default: '10' },
      writes1: { type: 'string', default: '150' },
      writes20: { type: 'string', default: '1200' },
      rebuild: { type: 'boolean', default: false },
      'reuse-build': { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      'upsert-batches': { type: 'string', default: '10' },
      'no-import': { type: 'boolean', default: false },
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
  if (port < 3280 || port > 3299) throw new Error('The benchmark uses ports 3280–3299');
  return {
    scale,
    database,
    databaseUrl: `${PG_SERVER}/${database}`,
    port,
    seconds: Number(values.seconds),
    writes1: Number(values.writes1),
    writes20: Number(values.writes20),
    rebuild: values.rebuild,
    reuseBuild: values['reuse-build'],
    docs: !values['no-docs'],
    upsertBatches: Number(values['upsert-batches']),
    import: !values['no-import'],
  };
}
