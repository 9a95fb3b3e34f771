import { isAuditAction, isPatientAccessAction } from '@bmb/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { auditEvents, patientAccessLog } from '../schema';
import { createTestDb, testDbKinds } from '../test/test-database';
import { seedDemoData } from './index';
import { MIN_SCALE, regionSqlFromDb, seedRegion } from './region';

// The region seed writes its logs in SQL, where the compiler cannot see the action codes.
describe.each(testDbKinds())('the seeds’ log actions on %s', (kind) => {
  let handle: DbHandle;

  beforeAll(async () => {
    handle = await createTestDb(kind);
    await seedDemoData(handle.db);
    await seedRegion(regionSqlFromDb(handle.db), {
      scale: MIN_SCALE,
      anchor: new Date('2026-11-25T12:00:00Z'),
      skipVacuum: true,
    });
  });
  afterAll(() => handle?.close());

  it('are all in the vocabulary, so that Admin → Logg has a label for each', async () => {
    const audit = (
      await handle.db.selectDistinct({ action: auditEvents.action }).from(auditEvents)
    ).map((r) => r.action);
    const access = (
      await handle.db.selectDistinct({ action: patientAccessLog.action }).from(patientAccessLog)
    ).map((r) => r.action);
    expect(audit.length).toBeGreaterThan(0);
    expect(access.length).toBeGreaterThan(0);
    expect(audit.filter((a) => !isAuditAction(a))).toEqual([]);
    expect(access.filter((a) => !isPatientAccessAction(a))).toEqual([]);
  });
});
