import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { readDbEnv } from './env';
import * as schema from './schema';

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Queries take either, so that several compose into one transaction. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export function createPostgresDb(url: string, options: { max?: number } = {}): DbHandle {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    idle_timeout: 30,
    // postgres.js can keep running transaction code after its connection dies;
    // server-side timeouts make sure nothing hangs holding locks.
    connection: {
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 15_000,
    },
  });
  const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/** Embedded PostgreSQL: in memory without a folder (tests), on disk with one. */
export async function createPgliteDb(dataDir?: string): Promise<DbHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

/** The workspace root (where pnpm-workspace.yaml is), so `.data/` is found from any package. */
export function workspaceRoot(from = process.cwd()): string {
  // Found at run time; the ignore comments keep the bundler from tracing the whole tree.
  let dir = resolve(/*turbopackIgnore: true*/ from);
  while (!existsSync(join(/*turbopackIgnore: true*/ dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(/*turbopackIgnore: true*/ from);
    dir = parent;
  }
  return dir;
}

export function defaultPgliteDataDir(): string {
  return join(/*turbopackIgnore: true*/ workspaceRoot(), '.data', 'pglite');
}

/** Opens the database the environment names: PostgreSQL with DATABASE_URL, else PGlite. */
export async function openConfiguredDb(): Promise<DbHandle> {
  const env = readDbEnv();
  if (env.DATABASE_URL) return createPostgresDb(env.DATABASE_URL);
  return createPgliteDb(env.PGLITE_DATA_DIR ?? defaultPgliteDataDir());
}

// One handle per server process. Kept on globalThis because Next.js dev reloads
// modules, and a second PGlite on the same folder would corrupt it.
const globalForDb = globalThis as unknown as { bmbDb?: Promise<DbHandle> };

export function getDb(): Promise<Db> {
  globalForDb.bmbDb ??= openConfiguredDb();
  return globalForDb.bmbDb.then((handle) => handle.db);
}
