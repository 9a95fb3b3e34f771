import type { Db, DbHandle } from '@bmb/db/client';
import {
  findDefaultPayerId,
  findPrescriberByUsername,
  listDeliveryAddressesOf,
  listPayersOf,
} from '@bmb/db/queries';
import { demoId, demoPatients, seedDemoData } from '@bmb/db/seed';
import { createTestDb, type TestDbKind } from '@bmb/db/testing';
import type { PersonActor } from '@bmb/domain';
import type { CommandDeps } from '../deps';

/** A seeded test database, and the demo users as the actors the commands take. */
export interface World {
  handle: DbHandle;
  db: Db;
  deps: CommandDeps;
  workspaceId: string;
  actor(username: string): Promise<PersonActor>;
  /** The receiver's own first delivery address and payer, as the answer form offers them. */
  ownChoice(actor: PersonActor): Promise<{ deliveryAddressId: string; payerId: string }>;
  close(): Promise<void>;
}

export async function createWorld(kind: TestDbKind): Promise<World> {
  const handle = await createTestDb(kind);
  const workspaceId = await seedDemoData(handle.db);
  return {
    handle,
    db: handle.db,
    deps: { db: handle.db },
    workspaceId,
    async actor(username) {
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
        identity: {
          workspaceId,
          prescriberId: p.id,
          role: p.role,
          trainingRequired: p.trainingRequired,
        },
        training: null,
      };
    },
    async ownChoice(actor) {
      const [addresses, payers] = await Promise.all([
        listDeliveryAddressesOf(handle.db, workspaceId, actor.prescriberId),
        listPayersOf(handle.db, workspaceId, actor.prescriberId),
      ]);
      return { deliveryAddressId: addresses[0]!.id, payerId: payers[0]!.id };
    },
    close: () => handle.close(),
  };
}

/** The manual's patient and devices, as the demo seed has them. */
export const svensson = { id: demoId('patient', '191212121212'), personnummer: '191212121212' };
export const manualLoan = (n: 1 | 2 | 3 | 4) => demoId('loan', `manual-${n}`);
/** A patient with no devices of Ana's: a patient-to-patient receiver. */
export const otherPatient = {
  id: demoId('patient', demoPatients[2]!.personnummer),
  personnummer: demoPatients[2]!.personnummer,
};
export const seededBmb = (key: 'locked-1' | 'locked-2' | 'waiting-1') => demoId('bmb', key);
