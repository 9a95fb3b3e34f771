import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createPostgresDb } from '@bmb/db/client';
import { ensureProductionWorkspace } from '@bmb/db/seed';
import postgres from 'postgres';
import { inherited } from '../harness/env';
import { runToEnd } from '../harness/processes';
import { PG_SERVER } from '../harness/stack';

export interface ImportResult {
  /** Data rows per CSV file. */
  files: Record<string, number>;
  rows: number;
  megabytes: number;
  exportSeconds: number;
  importSeconds: number;
  importRowsPerSec: number;
  copySeconds: number;
  copyRowsPerSec: number;
}

/** Where the import goes: a database of its own, made and dropped by the run. */
const IMPORT_DATABASE = 'bmb_bench_import';

const timed = async (work: () => unknown): Promise<number> => {
  const began = performance.now();
  await work();
  return (performance.now() - began) / 1000;
};

/**
 * Issue 17, item 8: the initial load as a region would run it. The region is
 * exported to the import's CSV files (`pnpm run export`), and imported by the
 * real command (`pnpm run import`, its own process and heap) into a new,
 * migrated, empty BMB. Beside it, in the same run and database, the floor: a
 * bare `COPY … FROM STDIN` of the same files into plain tables of text columns,
 * i.e. the cost of getting those bytes into PostgreSQL with no parsing, no
 * checks, no keys and no indexes.
 */
export async function importThroughput(regionUrl: string): Promise<ImportResult> {
  const folder = await mkdtemp(join(tmpdir(), 'bmb-bench-import-'));
  const admin = postgres(`${PG_SERVER}/postgres`, { max: 1, onnotice: () => {} });
  const databaseUrl = `${PG_SERVER}/${IMPORT_DATABASE}`;
  try {
    console.log(`  exporting the region to ${folder} …`);
    const exportSeconds = await timed(() =>
      runToEnd('pnpm', ['run', 'export', folder], { env: { ...inherited, DATABASE_URL: regionUrl } }),
    );
    const names = (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort();
    const files: Record<string, number> = {};
    let bytes = 0;
    for (const name of names) {
      const text = await readFile(join(folder, name));
      bytes += text.length;
      files[name] = countLines(text) - 1;
    }
    const rows = Object.values(files).reduce((a, b) => a + b, 0);

    await admin.unsafe(`drop database if exists ${IMPORT_DATABASE} with (force)`);
    await admin.unsafe(`create database ${IMPORT_DATABASE}`);
    runToEnd('pnpm', ['db:migrate'], { env: { ...inherited, DATABASE_URL: databaseUrl }, quiet: true });
    const handle = createPostgresDb(databaseUrl, { max: 1 });
    try {
      await ensureProductionWorkspace(handle.db);
    } finally {
      await handle.close();
    }

    console.log(`  pnpm run import: ${rows.toLocaleString('en')} rows …`);
    const importSeconds = await timed(() =>
      runToEnd('pnpm', ['run', 'import', folder], { env: { ...inherited, DATABASE_URL: databaseUrl } }),
    );

    console.log('  bare COPY of the same files …');
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    let copySeconds = 0;
    try {
      for (const name of names) {
        const table = `bench_copy_${name.replace(/\W/g, '_')}`;
        const header = (await readFile(join(folder, name), 'utf8')).slice(0, 4096).split(/\r?\n/)[0]!;
        const columns = header.split(',').map((c) => `"${c.replace(/"/g, '')}" text`);
        await sql.unsafe(`create table ${table} (${columns.join(', ')})`);
        copySeconds += await timed(async () =>
          pipeline(
            createReadStream(join(folder, name)),
            await sql.unsafe(`copy ${table} from stdin with (format csv, header true)`).writable(),
          ),
        );
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
    return {
      files,
      rows,
      megabytes: bytes / 1024 / 1024,
      exportSeconds,
      importSeconds,
      importRowsPerSec: rows / importSeconds,
      copySeconds,
      copyRowsPerSec: rows / copySeconds,
    };
  } finally {
    await admin.unsafe(`drop database if exists ${IMPORT_DATABASE} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
    await rm(folder, { recursive: true, force: true });
  }
}

/** Line breaks in a file (names and messages hold none: the export quotes no newline). */
function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
