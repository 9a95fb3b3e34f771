// pnpm db:seed:region [--scale <factor>] [--anchor <ISO time>]: fills the PostgreSQL
// database in DATABASE_URL with a generated region (issue 9): at scale 1 a million
// patients, two million loans, half a million BMBs, eight million log rows.
// The database must be migrated; the demo data is seeded first (idempotent, as
// pnpm db:seed), then the region goes in beside it, in one transaction. A database
// that already holds a region is refused. Same scale, same rows (times relative
// to the anchor, by default now).
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../schema';
import { seedDemoData } from '../seed';
import {
  MAX_SCALE,
  MIN_SCALE,
  RegionRefused,
  regionFixtures,
  regionSqlFromPostgres,
  seedRegion,
  type RegionProgress,
} from '../seed/region';
import { REGION_TABLES } from '../seed/region/preflight';

const usage = `Usage: pnpm db:seed:region [--scale <factor>] [--anchor <ISO time>]
  --scale   size relative to the region of issue 9 (1 = 1,000,000 patients), ${MIN_SCALE}–${MAX_SCALE}; default 1
  --anchor  the moment the region is generated at (pending BMBs are hours old then); default now
Needs DATABASE_URL=postgres://… naming a migrated PostgreSQL database.`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

let args;
try {
  // `pnpm db:seed:region -- --scale 0.1` hands the script a leading `--`: drop it, and refuse
  // anything else unknown or misplaced, so a mistyped option never builds scale 1 without a word.
  const argv = process.argv.slice(2);
  args = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    strict: true,
    options: {
      scale: { type: 'string', default: '1' },
      anchor: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const scale = Number(args.scale);
if (!Number.isFinite(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
  fail(`--scale must be a number from ${MIN_SCALE} to ${MAX_SCALE}, not "${args.scale}".`);
}
const anchor = args.anchor === undefined ? undefined : new Date(args.anchor);
if (anchor && Number.isNaN(anchor.getTime()))
  fail(`--anchor must be an ISO time, not "${args.anchor}".`);

// The owner connection where the app and the migrations use different roles.
const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  fail(
    'db:seed:region runs on PostgreSQL only: set DATABASE_URL=postgres://… (the embedded PGlite database is not ' +
      'meant for a million-row region).',
  );
}

// A plain client of its own: one connection, no statement timeout (the app client's is 15 s).
const client = postgres(url, { max: 1, onnotice: () => {} });
const progress = progressBar();
let exitCode = 0;
try {
  const region = regionSqlFromPostgres(client);
  const missing = await region.run(
    `select t from unnest(array['${REGION_TABLES.join("','")}']) t where to_regclass('public.' || t) is null`,
  );
  if (missing.length > 0)
    throw new RegionRefused('The database is not migrated: run pnpm db:migrate first.');
  await seedDemoData(drizzle(client, { schema, casing: 'snake_case' }));

  const started = performance.now();
  const result = await seedRegion(region, { scale, anchor, onProgress: (p) => progress.update(p) });
  progress.end();
  const total = performance.now() - started;

  const fixtures = regionFixtures(scale);
  console.log(`\nRegion generated at scale ${scale} (anchor ${result.anchor.toISOString()}):\n`);
  console.log('| phase | rows | seconds |\n|---|---:|---:|');
  for (const t of result.timings) {
    console.log(
      `| ${t.phase} | ${t.rows ? t.rows.toLocaleString('en-US') : ''} | ${(t.ms / 1000).toFixed(1)} |`,
    );
  }
  console.log(`| total | | ${(total / 1000).toFixed(1)} |\n`);
  console.log(
    `Busy receiver: ${fixtures.busyReceiverUsername}, waiting BMBs: ${fixtures.busyReceiverWaiting}`,
  );
  console.log(
    `Patient with ten loans: ${fixtures.tenLoanPatientId} (held by ${fixtures.tenLoanPatientHolderUsername})`,
  );
  console.log(`Individ with history: ${fixtures.individWithHistory}`);
} catch (error) {
  progress.end();
  if (error instanceof RegionRefused) {
    console.error(error.message);
    exitCode = 2;
  } else {
    console.error(error);
    exitCode = 1;
  }
} finally {
  await client.end({ timeout: 5 });
}
process.exit(exitCode);

/** One line per phase on stderr: redrawn in place on a terminal, printed when done otherwise. */
function progressBar() {
  const tty = process.stderr.isTTY;
  let current: RegionProgress | null = null;
  const line = (p: RegionProgress) => {
    const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const count = `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}`;
    return `${p.phase.padEnd(16)} ${bar} ${String(Math.round(share * 100)).padStart(3)}% ${count} ${(p.elapsedMs / 1000).toFixed(1)} s`;
  };
  const finish = () => {
    if (current) process.stderr.write(tty ? '\n' : `${line(current)}\n`);
    current = null;
  };
  return {
    update(p: RegionProgress) {
      if (current && current.phase !== p.phase) finish();
      current = p;
      if (tty) process.stderr.write(`\r${line(p)}\x1b[K`);
    },
    end: finish,
  };
}
