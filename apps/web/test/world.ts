import type { Db, DbHandle } from '@bmb/db/client';
import { findDefaultPayerId, findPrescriberByUsername } from '@bmb/db/queries';
import { seedDemoData } from '@bmb/db/seed';
import { createTestDb, type TestDbKind } from '@bmb/db/testing';
import type { CurrentUser } from '@/lib/auth/current-user';

/** A seeded test database and the demo users as the app would see them. */
export interface World {
  handle: DbHandle;
  db: Db;
  workspaceId: string;
  userFor(username: string): Promise<CurrentUser>;
}

export async function createWorld(kind: TestDbKind): Promise<World> {
  const handle = await createTestDb(kind);
  const workspaceId = await seedDemoData(handle.db);
  return {
    handle,
    db: handle.db,
    workspaceId,
    async userFor(username) {
      const p = await findPrescriberByUsername(handle.db, workspaceId, username);
      if (!p) throw new Error(`no demo user ${username}`);
      return {
        kind: 'person',
        workspaceId,
        prescriberId: p.id,
        username: p.username,
        name: p.name,
        role: p.role,
        careUnitId: await findDefaultPayerId(handle.db, workspaceId, p.id),
        authUserId: `test-auth-user-${username}`,
        sessionToken: `test-session-${username}`,
        identity: { workspaceId, prescriberId: p.id, role: p.role, trainingRequired: p.trainingRequired },
        training: null,
      };
    },
  };
}
