import { checkAdmin, type AdminScope } from '@bmb/domain';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createPgliteDb, createPostgresDb, type DbHandle } from '../client';
import { migrateDb } from '../migrate';

export type TestDbKind = 'pglite' | 'postgres';

/**
 * The databases integration tests run on: always PGlite, and PostgreSQL when
 * TEST_DATABASE_URL names a server (CI always does; it must not skip silently).
 */
export function testDbKinds(): TestDbKind[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error('CI must set TEST_DATABASE_URL: PostgreSQL tests may not be skipped.');
  return ['pglite'];
}

/**
 * A fresh, migrated database for one test file: PGlite in memory, or a new
 * database on the PostgreSQL server, dropped again by `close()`.
 */
export async function createTestDb(kind: TestDbKind): Promise<DbHandle & { url?: string }> {
  if (kind === 'pglite') {
    const handle = await createPgliteDb();
    await migrateDb(handle);
    return handle;
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `bmb_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = createPostgresDb(url.toString(), { max: 30 });
  await migrateDb(handle);
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** An admin scope for tests and benchmarks that read Länsservice's lists directly (no session to check). */
export function testAdminScope(workspaceId: string): AdminScope {
  return checkAdmin({ workspaceId, prescriberId: '00000000-0000-0000-0000-000000000000', role: 'admin' })!;
}
