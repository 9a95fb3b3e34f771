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

/** One SQL statement with `$1`-style parameters; without parameters, several statements may be sent at once. */
export type RawQuery = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * The connection below Drizzle, for libraries that bring their own SQL (the job
 * queue of packages/notifications) and must share a transaction with ours.
 */
export interface RawSql {
  query: RawQuery;
  transaction<T>(work: (query: RawQuery) => Promise<T>): Promise<T>;
}

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  raw: RawSql;
  /** PostgreSQL only: for libraries that open their own pool. */
  url?: string;
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
  const db = drizzlePostgres(preparingStatements(client), { schema, casing: 'snake_case' }) as unknown as Db;
  const on =
    (sql: postgres.Sql | postgres.TransactionSql): RawQuery =>
    async (text, values) => {
      // Such libraries are written for node-postgres, which sends undefined as NULL
      // and objects as JSON text; postgres.js refuses both as they are.
      const params = values?.map((v) =>
        v === undefined ? null : v !== null && typeof v === 'object' && v.constructor === Object ? JSON.stringify(v) : v,
      );
      const rows = params?.length ? await sql.unsafe(text, params as never[]) : await sql.unsafe(text).simple();
      return { rows: [...rows] as Record<string, unknown>[] };
    };
  const raw: RawSql = {
    query: on(client),
    transaction: (work) => client.begin((tx) => work(on(tx))) as never,
  };
  return { db, kind: 'postgres', raw, url, close: () => client.end({ timeout: 5 }) };
}

/**
 * Drizzle runs every query through `unsafe(text, params, { prepare: false })`
 * (drizzle-orm#6096), so PostgreSQL parses and plans each one again on every
 * request: 3.8 of the 4.6 ms of a patient's loan list (a nine-table join) were
 * planning. This hands Drizzle a client whose `unsafe` prepares, in
 * transactions and savepoints too: postgres.js then keeps one named statement
 * per query text and connection, and PostgreSQL plans it once (custom plans for
 * the first five runs, then a generic one when that is no worse). A pooler in
 * front must keep prepared statements (PgBouncer ≥ 1.21: max_prepared_statements).
 */
function preparingStatements<T extends postgres.Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'unsafe') {
        return (text: string, params?: never[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(text, params, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (tx: postgres.TransactionSql) =>
            work(preparingStatements(tx)),
          );
        };
      }
      return value;
    },
  });
}

/** Embedded PostgreSQL: in memory without a folder (tests), on disk with one. */
export async function createPgliteDb(dataDir?: string): Promise<DbHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  const on =
    (pg: Pick<PGlite, 'query' | 'exec'>): RawQuery =>
    async (text, values) => {
      if (values?.length) return { rows: (await pg.query<Record<string, unknown>>(text, values)).rows };
      const results = await pg.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) };
    };
  const raw: RawSql = {
    query: on(client),
    transaction: (work) => client.transaction((tx) => work(on(tx))),
  };
  return { db, kind: 'pglite', raw, close: () => client.close() };
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

/**
 * Opens the database as the role that owns the tables, for the database scripts
 * (migrate, grant, seed, reset, training:purge): MIGRATION_DATABASE_URL, else
 * DATABASE_URL, else PGlite (which has a single role).
 */
export async function openOwnerDb(): Promise<DbHandle> {
  const env = readDbEnv();
  const url = env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL;
  if (url) return createPostgresDb(url, { max: 1 });
  return createPgliteDb(env.PGLITE_DATA_DIR ?? defaultPgliteDataDir());
}

// One handle per server process. Kept on globalThis because Next.js dev reloads
// modules, and a second PGlite on the same folder would corrupt it.
const globalForDb = globalThis as unknown as { bmbDb?: Promise<DbHandle>; bmbDbClosed?: boolean };

/** This process's database handle, opened on first use. */
export function getDbHandle(): Promise<DbHandle> {
  // Reopening during shutdown would open PGlite's folder a second time.
  if (globalForDb.bmbDbClosed) return Promise.reject(new Error('The database is closed: the server is shutting down.'));
  globalForDb.bmbDb ??= openConfiguredDb();
  return globalForDb.bmbDb;
}

export function getDb(): Promise<Db> {
  return getDbHandle().then((handle) => handle.db);
}

/**
 * Closes this process's handle, if getDb() opened one: at shutdown, once no
 * request needs it. Idempotent; getDb() refuses afterwards.
 */
export async function closeDb(): Promise<void> {
  globalForDb.bmbDbClosed = true;
  const pending = globalForDb.bmbDb;
  globalForDb.bmbDb = undefined;
  // A handle that never opened has nothing to close.
  const handle = await pending?.catch(() => null);
  await handle?.close();
}
