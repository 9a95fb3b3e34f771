import { recordPatientAccess } from '@bmb/db/audit';
import {
  bmbOverview,
  findTrainingRun,
  listSentBmbs,
  purgeTrainingSandboxes,
  searchAccessLog,
  setSessionTrainingRun,
  trainingStepStatistics,
  workspaceNow,
} from '@bmb/db/queries';
import {
  auditEvents,
  authSessions,
  authUsers,
  bmbs,
  notifications,
  trainingRuns,
  workspaces,
} from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testAdminScope, testDbKinds } from '@bmb/db/testing';
import {
  TRAINING_COLLEAGUE,
  TRAINING_OTHER_PATIENT,
  TRAINING_PATIENT,
  TRAINING_STARTS_PER_HOUR,
  trainingScenarioKeys,
  type TrainingScenarioKey,
  messageText,
} from '@bmb/domain';
import { trainingRefusal } from '@bmb/commands';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchPatient } from '@/app/(app)/hjalpmedel/actions';
import { saveBmbDraft } from '@/app/(app)/hjalpmedel/[patientId]/bmb/actions';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { sendBmb } from '@/app/(app)/skickade-bmb/actions';
import { resolveSessionUser, type CurrentUser } from '@/lib/auth/session-user';
import { syncTraining } from '@/lib/training/progress';
import { emptyDraftState } from '@/test/bmb-fixtures';
import { formData, settle, type Settled } from '@/test/forms';
import { testSession as session } from '@/test/session';
import { workspaceChecksums } from '@/test/table-checksums';
import { createWorld, type World } from '@/test/world';
import {
  acknowledgeTrainingStep,
  leaveTraining,
  moveTrainingClock,
  startTraining,
  type TrainingCommandState,
} from './actions';

const productionChecksums = (world: World) => workspaceChecksums(world.db, world.workspaceId);

describe.each(testDbKinds())('Övningsläge on %s', (kind) => {
  let world: World;
  let learner: CurrentUser;
  const token = 'training-test-session';

  beforeAll(async () => {
    world = await createWorld(kind);
    await world.db
      .insert(authUsers)
      .values({ id: 'auth-k300ny', username: 'k300ny', name: 'Nora Nyström' });
    await world.db.insert(authSessions).values({
      sessionToken: token,
      userId: 'auth-k300ny',
      expires: new Date(Date.now() + 3600_000),
    });
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
    const overviewBefore = await bmbOverview(
      world.db,
      testAdminScope(world.workspaceId),
      await workspaceNow(world.db, world.workspaceId),
    );

    // New staff are refused a real BMB and told where to go.
    const refusal = await trainingRefusal(world.db, learner, 'skicka');
    expect(refusal && messageText(refusal.problem)).toMatch(
      /övningarna Skicka BMB och Kvittera BMB i Övningsläge/,
    );

    // Skicka BMB, step by step.
    expect(await settle(() => startTraining({}, formData({ scenario: 'skicka-bmb' })))).toEqual({
      redirectedTo: '/ovningslage',
    });
    await reloadLearner();
    expect(learner.training?.scenario).toBe('skicka-bmb');
    expect(learner.workspaceId).not.toBe(world.workspaceId);
    expect(learner.role).toBe('prescriber');
    expect(await trainingRefusal(world.db, learner, 'skicka')).toBeNull(); // training itself is always allowed

    expect((await sync('/ovningslage'))?.step).toBe(0); // visiting the wrong page does nothing
    expect((await sync('/hjalpmedel'))?.step).toBe(1); // Utgångsbild
    await settle(() =>
      searchPatient({ personnummer: '' }, formData({ personnummer: '1212121212' })),
    );
    const hinted = await sync(null);
    expect(hinted?.step).toBe(1);
    expect(hinted?.mistake?.message).toContain('alla 12 siffror');
    expect(hinted?.mistake?.hint).toContain('alla 12 siffror');
    const found = await settle(() =>
      searchPatient(
        { personnummer: '' },
        formData({ personnummer: TRAINING_PATIENT.personnummer }),
      ),
    );
    expect(found).toEqual({
      redirectedTo: `/hjalpmedel/${demoId('patient', TRAINING_PATIENT.personnummer)}`,
    });
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
    expect((await sync(null))?.step).toBe(4); // 3: the right draft is saved
    // Spara ändringarna only explains: it waits for Nästa, however often the summary is shown.
    expect((await sync(draftPath))?.current).toMatchObject({
      label: 'Spara ändringarna',
      explains: true,
    });
    expect((await sync(draftPath))?.step).toBe(4);
    expect(await acknowledgeTrainingStep({}, formData({ step: '3' }))).toMatchObject({
      status: { step: 4 },
    }); // a stale panel's Nästa changes nothing
    expect(await acknowledgeTrainingStep({}, formData({ step: '4' }))).toMatchObject({
      status: { step: 5, current: { label: 'Verkställ' } },
    });
    const draftId = draftPath.split('/').pop()!;
    await settle(() =>
      sendBmb({}, formData({ bmbId: draftId, idempotencyKey: crypto.randomUUID() })),
    );
    const done = await sync(draftPath);
    expect(done).toMatchObject({ done: true, step: 6, total: 6 });
    // Sent in a sandbox: nobody gets mail about it.
    expect(
      await world.db
        .select()
        .from(notifications)
        .where(eq(notifications.workspaceId, learner.workspaceId)),
    ).toEqual([]);
    expect(await world.db.select().from(notifications)).toEqual([]);
    await sync(draftPath); // a second guide call changes nothing
    const completions = await world.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'training.completed'),
          eq(auditEvents.workspaceId, learner.workspaceId),
        ),
      );
    expect(completions).toHaveLength(1);

    // Kvittera BMB: Lisa has sent the learner a BMB in the new sandbox.
    await settle(() => startTraining({}, formData({ scenario: 'kvittera-bmb' })));
    await reloadLearner();
    expect((await sync('/kvittera-bmb'))?.step).toBe(1);
    expect(
      (await sync(`/kvittera-bmb/kontaktkort/${demoId('prescriber', TRAINING_COLLEAGUE.username)}`))
        ?.step,
    ).toBe(2);
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
        formData({
          bmbId: incoming,
          approved: 'ja',
          deliveryAddressId: demoId('care-unit', '4120'),
          payerId: demoId('care-unit', '4120'),
        }),
      ),
    );
    expect(answered).toEqual({ redirectedTo: '/kvittera-bmb?besvarad=ja' });
    expect((await sync(null))?.step).toBe(4);
    // 4 only explains: back on Kvittera BMB the learner reads it, then Nästa.
    expect(await sync('/kvittera-bmb')).toMatchObject({
      done: false,
      step: 4,
      current: { label: '4', explains: true },
    });
    expect(await acknowledgeTrainingStep({}, formData({ step: '4' }))).toMatchObject({
      status: { done: true },
    });

    await settle(() => leaveTraining());
    await reloadLearner();
    expect(learner.training).toBeNull();
    expect(learner.workspaceId).toBe(world.workspaceId);

    // Production: not a row changed, and its queries see nothing of the sandboxes.
    expect(await productionChecksums(world)).toEqual(before);
    const now = await workspaceNow(world.db, world.workspaceId);
    expect(await bmbOverview(world.db, testAdminScope(world.workspaceId), now)).toEqual(
      overviewBefore,
    );
    expect(
      (
        await listSentBmbs(world.db, world.workspaceId, learner.prescriberId, now, {
          sort: 'newest',
          state: 'all',
          page: 1,
          size: 50,
        })
      ).rows,
    ).toEqual([]);
    expect(
      await searchAccessLog(
        world.db,
        testAdminScope(world.workspaceId),
        { userId: learner.prescriberId },
        { limit: 10 },
      ),
    ).toEqual([]);

    // The gate is open now.
    expect(await trainingRefusal(world.db, learner, 'skicka')).toBeNull();
    expect(await trainingRefusal(world.db, learner, 'kvittera')).toBeNull();

    // Housekeeping: the sandboxes go, the completion records and production stay.
    const purged = await world.db.transaction((tx) =>
      purgeTrainingSandboxes(tx, new Date(Date.now() + 60_000)),
    );
    expect(purged).toBe(2);
    expect(await world.db.select().from(workspaces).where(eq(workspaces.kind, 'training'))).toEqual(
      [],
    );
    const runs = await world.db
      .select()
      .from(trainingRuns)
      .where(eq(trainingRuns.learnerId, learner.prescriberId));
    expect(runs.map((r) => [r.scenario, r.status, r.sandboxWorkspaceId])).toEqual(
      expect.arrayContaining([
        ['skicka-bmb', 'completed', null],
        ['kvittera-bmb', 'completed', null],
      ]),
    );
    expect(await productionChecksums(world)).toEqual(before);
    expect(await trainingRefusal(world.db, learner, 'skicka')).toBeNull();
  });

  it('judges Skicka BMB on the sandbox: wrong work is named and never completes, then the right work does', async () => {
    await letAnHourPass();
    await settle(() => startTraining({}, formData({ scenario: 'skicka-bmb' })));
    await reloadLearner();
    const patient = demoId('patient', TRAINING_PATIENT.personnummer);
    const formOpened = (patientId: string) =>
      recordPatientAccess(world.db, {
        workspaceId: learner.workspaceId,
        userId: learner.prescriberId,
        careUnitId: learner.careUnitId,
        patientId,
        action: 'bmb.form.view',
      });
    const draft = (loanKey: string, message: string) =>
      settle(() =>
        saveBmbDraft(
          emptyDraftState,
          formData({
            fromPatientId: patient,
            newPrescriberUsername: TRAINING_COLLEAGUE.username,
            newPatientPersonnummer: TRAINING_PATIENT.personnummer,
            loanIds: [demoId('loan', loanKey)],
            message,
          }),
        ),
      );
    expect((await sync('/hjalpmedel'))?.step).toBe(1);

    // Another patient: found, but the guide does not move on, and says which to search.
    await settle(() =>
      searchPatient(
        { personnummer: '' },
        formData({ personnummer: TRAINING_OTHER_PATIENT.personnummer }),
      ),
    );
    await formOpened(demoId('patient', TRAINING_OTHER_PATIENT.personnummer));
    expect(await sync(null)).toMatchObject({
      step: 1,
      wrong: `Du sökte på en annan patient (${TRAINING_OTHER_PATIENT.personnummer}) – sök ${TRAINING_PATIENT.personnummer}.`,
    });
    await settle(() =>
      searchPatient(
        { personnummer: '' },
        formData({ personnummer: TRAINING_PATIENT.personnummer }),
      ),
    );
    await formOpened(patient);
    expect((await sync(null))?.step).toBe(3);

    // 15014 instead of 10156, and no message: step 3 stays, naming both.
    await draft('l4', '');
    const wrong = await sync(null);
    expect(wrong?.step).toBe(3);
    expect(wrong?.wrong).toContain('Markera 10156, inte 15014.');
    expect(wrong?.wrong).toContain('Skriv ett meddelande');
    expect(await acknowledgeTrainingStep({}, formData({ step: '4' }))).toMatchObject({
      status: { step: 3 },
    }); // Nästa cannot skip it

    // Then the right draft: the guide moves on, and Länsservice sees where the hint was given.
    await draft('l3', 'Skickar BMB enl. överenskommelse.');
    expect((await sync(null))?.step).toBe(4);
    expect(await acknowledgeTrainingStep({}, formData({ step: '4' }))).toMatchObject({
      status: { step: 5 },
    });
    const [right] = await world.db
      .select({ id: bmbs.id })
      .from(bmbs)
      .where(
        and(
          eq(bmbs.workspaceId, learner.workspaceId),
          eq(bmbs.message, 'Skickar BMB enl. överenskommelse.'),
        ),
      );
    await settle(() =>
      sendBmb({}, formData({ bmbId: right!.id, idempotencyKey: crypto.randomUUID() })),
    );
    expect(await sync(null)).toMatchObject({ done: true });
    const stats = await trainingStepStatistics(world.db, testAdminScope(world.workspaceId));
    const skicka = stats.filter((r) => r.scenario === 'skicka-bmb');
    expect(skicka.find((r) => r.label === '1')).toMatchObject({
      learnersHinted: 1,
      hints: 2,
      medianSeconds: expect.any(Number),
    }); // the first test's refusal, and this search
    expect(skicka.find((r) => r.label === '3')).toMatchObject({ learnersHinted: 1 });
    expect(skicka.find((r) => r.label === '2')).toMatchObject({ learnersHinted: 0 });
    await settle(() => leaveTraining());
  });

  it('says when a sent BMB makes Skicka BMB impossible to finish, and never completes it', async () => {
    await letAnHourPass();
    await settle(() => startTraining({}, formData({ scenario: 'skicka-bmb' })));
    await reloadLearner();
    const saved = await settle(() =>
      saveBmbDraft(
        emptyDraftState,
        formData({
          fromPatientId: demoId('patient', TRAINING_PATIENT.personnummer),
          newPrescriberUsername: TRAINING_COLLEAGUE.username,
          newPatientPersonnummer: TRAINING_PATIENT.personnummer,
          loanIds: [demoId('loan', 'l3'), demoId('loan', 'l4')],
          message: 'Båda',
        }),
      ),
    );
    const draftId = ('redirectedTo' in saved ? saved.redirectedTo : '').split('/').pop()!;
    await settle(() =>
      sendBmb({}, formData({ bmbId: draftId, idempotencyKey: crypto.randomUUID() })),
    );
    const stuck = await sync(null);
    expect(stuck?.done).toBe(false);
    expect(stuck?.stuck).toContain('Markera bara 10156, inte 15014.');
    expect(stuck?.stuck).toContain('Börja om');
    const run = await findTrainingRun(world.db, world.workspaceId, learner.training!.runId);
    expect(run?.status).toBe('active');
    await settle(() => leaveTraining());
  });

  it('moves only the sandbox clock, and only in training', async () => {
    expect((await moveTrainingClock()).failure?.code).toBe('forbidden');
    await settle(() => startTraining({}, formData({ scenario: 'nar-bmb-blir-last' })));
    await reloadLearner();
    const prodNow = await workspaceNow(world.db, world.workspaceId);
    expect(await moveTrainingClock()).toEqual({ values: {}, done: true });
    const sandboxNow = await workspaceNow(world.db, learner.workspaceId);
    expect(sandboxNow.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(
      Math.abs((await workspaceNow(world.db, world.workspaceId)).getTime() - prodNow.getTime()),
    ).toBeLessThan(60_000);
    const [sent] = await world.db
      .select()
      .from(bmbs)
      .where(
        and(eq(bmbs.workspaceId, learner.workspaceId), eq(bmbs.id, demoId('bmb', 'from-learner'))),
      );
    expect(sent?.status).toBe('sent');
    const run = await findTrainingRun(world.db, world.workspaceId, learner.training!.runId);
    expect(run?.status).toBe('active');
    await settle(() => leaveTraining());
  });

  /** The cap counts starts in a rolling hour: tests move the learner's earlier starts out of it. */
  async function letAnHourPass() {
    await world.db
      .update(trainingRuns)
      .set({ startedAt: sql`${trainingRuns.startedAt} - interval '61 minutes'` })
      .where(eq(trainingRuns.learnerId, learner.identity.prescriberId));
  }
  const start = (scenario: TrainingScenarioKey) =>
    settle(() => startTraining({}, formData({ scenario })));
  const refusedWith = (outcomes: Settled<TrainingCommandState>[]) =>
    outcomes.flatMap((o) => ('returned' in o && o.returned.failure ? [o.returned.failure] : []));
  const trainingWorkspaceIds = async () =>
    (
      await world.db
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(eq(workspaces.kind, 'training'))
    ).map((w) => w.id);
  const limitEvents = () =>
    world.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.workspaceId, world.workspaceId),
          eq(auditEvents.action, 'training.limit-reached'),
        ),
      );
  const activeRunsByScenario = async () => {
    const runs = await world.db
      .select({ scenario: trainingRuns.scenario })
      .from(trainingRuns)
      .where(
        and(
          eq(trainingRuns.learnerId, learner.identity.prescriberId),
          eq(trainingRuns.status, 'active'),
        ),
      );
    const counts: Record<string, number> = {};
    for (const r of runs) counts[r.scenario] = (counts[r.scenario] ?? 0) + 1;
    return counts;
  };

  it('starts at most TRAINING_STARTS_PER_HOUR runs per learner in an hour, refuses the rest and logs it in production', async () => {
    await letAnHourPass();
    const workspacesBefore = await trainingWorkspaceIds();
    const limitBefore = (await limitEvents()).length;
    const tried = 30;
    const outcomes: Settled<TrainingCommandState>[] = [];
    for (let i = 0; i < tried; i++)
      outcomes.push(await start(trainingScenarioKeys[i % trainingScenarioKeys.length]!));

    const started = outcomes.filter((o) => 'redirectedTo' in o);
    const refused = refusedWith(outcomes);
    expect(started).toHaveLength(TRAINING_STARTS_PER_HOUR);
    expect(outcomes.slice(0, TRAINING_STARTS_PER_HOUR).every((o) => 'redirectedTo' in o)).toBe(
      true,
    );
    expect(refused).toHaveLength(tried - TRAINING_STARTS_PER_HOUR);
    for (const failure of refused)
      expect(failure).toEqual({
        ok: false,
        code: 'rate-limited',
        message: messageText('training.limit'),
      });

    // A refusal creates nothing: one sandbox per start that went through.
    const created = (await trainingWorkspaceIds()).filter((id) => !workspacesBefore.includes(id));
    expect(created).toHaveLength(TRAINING_STARTS_PER_HOUR);
    expect(Object.values(await activeRunsByScenario()).every((n) => n === 1)).toBe(true);

    // Reaching the cap is in production's trail, with the person (not their sandbox copy) as actor:
    // once for these ten starts, not once per refused click.
    const events = (await limitEvents()).slice(limitBefore);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: learner.identity.prescriberId,
      entityType: 'prescriber',
      entityId: learner.identity.prescriberId,
      after: {
        scenario: expect.any(String),
        startsInLastHour: TRAINING_STARTS_PER_HOUR,
        limit: TRAINING_STARTS_PER_HOUR,
      },
    });
    console.info(
      `[training cap ${kind}] tried ${tried}, started ${started.length}, refused ${refused.length}, ` +
        `sandbox workspaces created ${created.length}, training.limit-reached audit rows ${events.length}`,
    );

    // The hour is rolling: once the starts are older than an hour, the learner may start again.
    await letAnHourPass();
    expect(await start('skicka-bmb')).toEqual({ redirectedTo: '/ovningslage' });
    await settle(() => leaveTraining());
  });

  it('leaves one live sandbox per learner and scenario after Börja om, and the purge throws the abandoned ones away', async () => {
    await letAnHourPass();
    const before = await productionChecksums(world);
    const scenario: TrainingScenarioKey = 'kvittera-bmb';
    // A second browser of the same learner.
    const otherToken = 'training-test-second-browser';
    await world.db.insert(authSessions).values({
      sessionToken: otherToken,
      userId: 'auth-k300ny',
      expires: new Date(Date.now() + 3600_000),
    });
    const other = async () =>
      (await resolveSessionUser(world.db, otherToken, { now: new Date(), idleMinutes: 30 }))!;
    const currentRunId = async () => {
      await reloadLearner();
      return learner.training!.runId;
    };

    // A completed run, open in the second browser too; then Börja om.
    await start(scenario);
    const completed = await currentRunId();
    await world.db
      .update(trainingRuns)
      .set({ status: 'completed', completedAt: new Date() })
      .where(eq(trainingRuns.id, completed));
    await setSessionTrainingRun(world.db, otherToken, completed);
    expect((await other()).training?.runId).toBe(completed);
    await start(scenario);
    const second = await currentRunId();
    expect((await other()).training).toBeNull();

    // An active run, continued in the second browser; then Börja om again.
    await setSessionTrainingRun(world.db, otherToken, second);
    expect((await other()).training?.runId).toBe(second);
    await start(scenario);
    const third = await currentRunId();
    expect((await other()).training).toBeNull();

    const runs = await world.db
      .select()
      .from(trainingRuns)
      .where(
        and(
          eq(trainingRuns.learnerId, learner.identity.prescriberId),
          eq(trainingRuns.scenario, scenario),
        ),
      );
    const statusOf = (id: string) => runs.find((r) => r.id === id)?.status;
    expect([statusOf(completed), statusOf(second), statusOf(third)]).toEqual([
      'completed',
      'abandoned',
      'active',
    ]);
    expect(runs.filter((r) => r.status === 'active')).toHaveLength(1);
    // Only the newest run's sandbox can be entered: no session points into another.
    const sessionsInScenario = await world.db
      .select({ token: authSessions.sessionToken, run: authSessions.trainingRunId })
      .from(authSessions)
      .where(
        inArray(
          authSessions.trainingRunId,
          runs.map((r) => r.id),
        ),
      );
    expect(sessionsInScenario).toEqual([{ token, run: third }]);

    // pnpm training:purge with its default age throws every abandoned sandbox away at once;
    // the live one, the completion record and production stay.
    const secondSandbox = runs.find((r) => r.id === second)!.sandboxWorkspaceId!;
    const purged = await world.db.transaction((tx) =>
      purgeTrainingSandboxes(tx, new Date(Date.now() - 30 * 86_400_000)),
    );
    expect(purged).toBeGreaterThanOrEqual(1);
    console.info(
      `[training restart ${kind}] 3 starts of ${scenario}: 1 live sandbox; training:purge threw away ${purged} abandoned`,
    );
    expect(
      await world.db.select().from(workspaces).where(eq(workspaces.id, secondSandbox)),
    ).toEqual([]);
    expect(
      await world.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, secondSandbox)),
    ).toEqual([]);
    expect(
      await world.db
        .select({ id: trainingRuns.id })
        .from(trainingRuns)
        .where(
          and(eq(trainingRuns.status, 'abandoned'), isNotNull(trainingRuns.sandboxWorkspaceId)),
        ),
    ).toEqual([]);
    const [kept] = await world.db.select().from(trainingRuns).where(eq(trainingRuns.id, completed));
    expect(kept).toMatchObject({ status: 'completed', completedAt: expect.any(Date) });
    await reloadLearner();
    expect(learner.training?.runId).toBe(third);
    expect(await trainingWorkspaceIds()).toContain(learner.training!.sandboxWorkspaceId);
    expect(await productionChecksums(world)).toEqual(before);
    await settle(() => leaveTraining());
  });

  it('keeps the cap and one live sandbox per scenario when starts arrive at once', async () => {
    await letAnHourPass();
    // The same scenario twice at once: both go through, one after the other; one run stays active.
    const pair = await Promise.all([start('skicka-bmb'), start('skicka-bmb')]);
    expect(pair).toEqual([{ redirectedTo: '/ovningslage' }, { redirectedTo: '/ovningslage' }]);
    expect((await activeRunsByScenario())['skicka-bmb']).toBe(1);

    // A burst of 30 at once, across the scenarios, on top of those two.
    const workspacesBefore = await trainingWorkspaceIds();
    const limitBefore = (await limitEvents()).length;
    const tried = 30;
    const burst = await Promise.all(
      Array.from({ length: tried }, (_, i) =>
        start(trainingScenarioKeys[i % trainingScenarioKeys.length]!),
      ),
    );
    const started = burst.filter((o) => 'redirectedTo' in o).length;
    const refused = refusedWith(burst);
    expect(started).toBe(TRAINING_STARTS_PER_HOUR - 2);
    expect(refused).toHaveLength(tried - started);
    expect(refused.every((f) => f.code === 'rate-limited')).toBe(true);
    const created = (await trainingWorkspaceIds()).filter((id) => !workspacesBefore.includes(id));
    expect(created).toHaveLength(started);
    expect(Object.values(await activeRunsByScenario()).every((n) => n === 1)).toBe(true);
    const events = (await limitEvents()).length - limitBefore;
    expect(events).toBe(1);
    console.info(
      `[training cap ${kind}, concurrent] tried ${tried} at once (2 already started), started ${started}, refused ${refused.length}, ` +
        `sandbox workspaces created ${created.length}, training.limit-reached audit rows ${events}`,
    );
    await reloadLearner();
    await settle(() => leaveTraining());
  });
});
