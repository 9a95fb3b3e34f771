import { recordPatientAccess } from '@bmb/db/audit';
import {
  bmbOverview,
  findTrainingRun,
  listBmbsSentBy,
  purgeTrainingSandboxes,
  searchAccessLog,
  workspaceNow,
} from '@bmb/db/queries';
import { auditEvents, authSessions, authUsers, bmbs, notifications, trainingRuns, workspaces } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { TRAINING_COLLEAGUE, TRAINING_PATIENT } from '@bmb/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchPatient } from '@/app/(app)/hjalpmedel/actions';
import { saveBmbDraft } from '@/app/(app)/hjalpmedel/[patientId]/bmb/actions';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { sendBmb } from '@/app/(app)/skickade-bmb/actions';
import { resolveSessionUser, type CurrentUser } from '@/lib/auth/session-user';
import { syncTraining } from '@/lib/training/progress';
import { trainingRefusal } from '@/lib/training/requirement';
import { emptyDraftState } from '@/test/bmb-fixtures';
import { formData, settle } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { workspaceChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import { leaveTraining, moveTrainingClock, startTraining } from './actions';

const productionChecksums = (world: World) => workspaceChecksums(world.db, world.workspaceId);

describe.each(testDbKinds())('Övningsläge on %s', (kind) => {
  let world: World;
  let learner: CurrentUser;
  const token = 'training-test-session';

  beforeAll(async () => {
    world = await createWorld(kind);
    await world.db.insert(authUsers).values({ id: 'auth-k300ny', username: 'k300ny', name: 'Nora Nyström' });
    await world.db.insert(authSessions).values({ sessionToken: token, userId: 'auth-k300ny', expires: new Date(Date.now() + 3600_000) });
  });
  beforeEach(async () => {
    session.world = world;
    await reloadLearner();
  });
  afterAll(() => world?.handle.close());

  /** The learner as the app sees them now: in production, or in a run's sandbox. */
  async function reloadLearner() {
    learner = (await resolveSessionUser(world.db, token, { now: new Date(), idleMinutes: 30 }))!;
    session.user = learner;
  }
  const sync = async (path: string | null) => syncTraining(world.db, learner, path);

  it('runs Skicka BMB and Kvittera BMB in sandboxes: production is untouched, and the gate opens', async () => {
    const before = await productionChecksums(world);
    const overviewBefore = await bmbOverview(world.db, world.workspaceId, await workspaceNow(world.db, world.workspaceId));

    // New staff are refused a real BMB and told where to go.
    const refusal = await trainingRefusal(world.db, learner, 'skicka');
    expect(refusal?.message).toMatch(/Skicka BMB och Kvittera BMB i Övningsläge/);

    // Skicka BMB, step by step.
    expect(await settle(() => startTraining({}, formData({ scenario: 'skicka-bmb' })))).toEqual({ redirectedTo: '/ovningslage' });
    await reloadLearner();
    expect(learner.training?.scenario).toBe('skicka-bmb');
    expect(learner.workspaceId).not.toBe(world.workspaceId);
    expect(learner.role).toBe('prescriber');
    expect(await trainingRefusal(world.db, learner, 'skicka')).toBeNull(); // training itself is always allowed

    expect((await sync('/ovningslage'))?.step).toBe(0); // visiting the wrong page does nothing
    expect((await sync('/hjalpmedel'))?.step).toBe(1); // Utgångsbild
    await settle(() => searchPatient({ personnummer: '' }, formData({ personnummer: '1212121212' })));
    const hinted = await sync(null);
    expect(hinted?.step).toBe(1);
    expect(hinted?.mistake?.message).toContain('alla 12 siffror');
    expect(hinted?.mistake?.hint).toContain('alla 12 siffror');
    const found = await settle(() => searchPatient({ personnummer: '' }, formData({ personnummer: TRAINING_PATIENT.personnummer })));
    expect(found).toEqual({ redirectedTo: `/hjalpmedel/${demoId('patient', TRAINING_PATIENT.personnummer)}` });
    expect((await sync(null))?.step).toBe(2); // 1: searched with all 12 digits
    // 2: the BMB link (the page writes this access row when it opens).
    await recordPatientAccess(world.db, {
      workspaceId: learner.workspaceId,
      userId: learner.prescriberId,
      careUnitId: learner.careUnitId,
      patientId: demoId('patient', TRAINING_PATIENT.personnummer),
      action: 'bmb.form.view',
    });
    expect((await sync(null))?.step).toBe(3);
    const saved = await settle(() =>
      saveBmbDraft(
        emptyDraftState,
        formData({
          fromPatientId: demoId('patient', TRAINING_PATIENT.personnummer),
          newPrescriberUsername: TRAINING_COLLEAGUE.username,
          newPatientPersonnummer: TRAINING_PATIENT.personnummer,
          loanIds: [demoId('loan', 'l3')],
          message: 'Skickar BMB enl. överenskommelse.',
        }),
      ),
    );
    const draftPath = 'redirectedTo' in saved ? saved.redirectedTo : '';
    expect((await sync(null))?.step).toBe(4); // 3: saved
    expect((await sync(draftPath))?.step).toBe(5); // Spara ändringarna: the summary with Verkställ
    const draftId = draftPath.split('/').pop()!;
    await settle(() => sendBmb({}, formData({ bmbId: draftId, idempotencyKey: crypto.randomUUID() })));
    const done = await sync(draftPath);
    expect(done).toMatchObject({ done: true, step: 6, total: 6 });
    // Sent in a sandbox: nobody gets mail about it.
    expect(await world.db.select().from(notifications).where(eq(notifications.workspaceId, learner.workspaceId))).toEqual([]);
    expect(await world.db.select().from(notifications)).toEqual([]);
    await sync(draftPath); // a second guide call changes nothing
    const completions = await world.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'training.completed'), eq(auditEvents.workspaceId, learner.workspaceId)));
    expect(completions).toHaveLength(1);

    // Kvittera BMB: Lisa has sent the learner a BMB in the new sandbox.
    await settle(() => startTraining({}, formData({ scenario: 'kvittera-bmb' })));
    await reloadLearner();
    expect((await sync('/kvittera-bmb'))?.step).toBe(1);
    expect((await sync(`/kvittera-bmb/kontaktkort/${demoId('prescriber', TRAINING_COLLEAGUE.username)}`))?.step).toBe(2);
    const incoming = demoId('bmb', 'to-learner');
    await recordPatientAccess(world.db, {
      workspaceId: learner.workspaceId,
      userId: learner.prescriberId,
      careUnitId: learner.careUnitId,
      patientId: demoId('patient', TRAINING_PATIENT.personnummer),
      action: 'bmb.answer.view',
    });
    expect((await sync(`/kvittera-bmb/${incoming}`))?.step).toBe(3);
    const answered = await settle(() =>
      answerBmb(
        { values: { bmbId: '', approved: '', deliveryAddressId: '', payerId: '', message: '' } },
        formData({ bmbId: incoming, approved: 'ja', deliveryAddressId: demoId('care-unit', '4120'), payerId: demoId('care-unit', '4120') }),
      ),
    );
    expect(answered).toEqual({ redirectedTo: '/kvittera-bmb?besvarad=ja' });
    expect((await sync(null))?.step).toBe(4);
    expect(await sync('/kvittera-bmb')).toMatchObject({ done: true });

    await settle(() => leaveTraining());
    await reloadLearner();
    expect(learner.training).toBeNull();
    expect(learner.workspaceId).toBe(world.workspaceId);

    // Production: not a row changed, and its queries see nothing of the sandboxes.
    expect(await productionChecksums(world)).toEqual(before);
    const now = await workspaceNow(world.db, world.workspaceId);
    expect(await bmbOverview(world.db, world.workspaceId, now)).toEqual(overviewBefore);
    expect(await listBmbsSentBy(world.db, world.workspaceId, learner.prescriberId)).toEqual([]);
    expect(await searchAccessLog(world.db, world.workspaceId, { userId: learner.prescriberId }, { limit: 10 })).toEqual([]);

    // The gate is open now.
    expect(await trainingRefusal(world.db, learner, 'skicka')).toBeNull();
    expect(await trainingRefusal(world.db, learner, 'kvittera')).toBeNull();

    // Housekeeping: the sandboxes go, the completion records and production stay.
    const purged = await world.db.transaction((tx) => purgeTrainingSandboxes(tx, new Date(Date.now() + 60_000)));
    expect(purged).toBe(2);
    expect(await world.db.select().from(workspaces).where(eq(workspaces.kind, 'training'))).toEqual([]);
    const runs = await world.db.select().from(trainingRuns).where(eq(trainingRuns.learnerId, learner.prescriberId));
    expect(runs.map((r) => [r.scenario, r.status, r.sandboxWorkspaceId])).toEqual(
      expect.arrayContaining([
        ['skicka-bmb', 'completed', null],
        ['kvittera-bmb', 'completed', null],
      ]),
    );
    expect(await productionChecksums(world)).toEqual(before);
    expect(await trainingRefusal(world.db, learner, 'skicka')).toBeNull();
  });

  it('moves only the sandbox clock, and only in training', async () => {
    expect((await moveTrainingClock()).failure?.code).toBe('forbidden');
    await settle(() => startTraining({}, formData({ scenario: 'nar-bmb-blir-last' })));
    await reloadLearner();
    const prodNow = await workspaceNow(world.db, world.workspaceId);
    expect(await moveTrainingClock()).toEqual({});
    const sandboxNow = await workspaceNow(world.db, learner.workspaceId);
    expect(sandboxNow.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(Math.abs((await workspaceNow(world.db, world.workspaceId)).getTime() - prodNow.getTime())).toBeLessThan(60_000);
    const [sent] = await world.db
      .select()
      .from(bmbs)
      .where(and(eq(bmbs.workspaceId, learner.workspaceId), eq(bmbs.id, demoId('bmb', 'from-learner'))));
    expect(sent?.status).toBe('sent');
    const run = await findTrainingRun(world.db, world.workspaceId, learner.training!.runId);
    expect(run?.status).toBe('active');
    await settle(() => leaveTraining());
  });
});
