import { findPrescriberByUsername, findTrainingRun } from '@bmb/db/queries';
import {
  auditEvents,
  patientAccessLog,
  prescribers,
  rateLimitCounters,
  trainingRuns,
  workspaces,
} from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { messageText, TRAINING_STARTS_PER_HOUR, type PersonActor } from '@bmb/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateContactDetails } from './contact-details/update-contact-details';
import { searchPatient } from './patients/search-patient';
import type { CommandResult } from './result';
import { createWorld, svensson, type World } from './test/world';
import { continueTraining } from './training/continue-training';
import { leaveTraining } from './training/leave-training';
import { moveTrainingClock, TRAINING_CLOCK_STEP_SECONDS } from './training/move-training-clock';
import type { SessionActor } from './training/session-actor';
import { startTraining } from './training/start-training';

/** The commands a person runs on their own behalf: looking a patient up, their contact card, Övningsläge. */
describe.each(testDbKinds())('person commands on %s', (kind) => {
  let world: World;
  let ana: PersonActor;
  let nora: SessionActor;

  const lastAuditId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
        .from(auditEvents)
    )[0]!.id;
  const auditSince = (id: number) =>
    world.db.select().from(auditEvents).where(gt(auditEvents.id, id));
  const valueOf = <T>(result: CommandResult<T>): T => {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return result.value;
  };

  /** The learner as the session resolves them inside their run's sandbox. */
  async function inSandbox(runId: string): Promise<SessionActor> {
    const run = (await findTrainingRun(world.db, world.workspaceId, runId))!;
    const self = (await findPrescriberByUsername(
      world.db,
      run.sandboxWorkspaceId!,
      nora.username,
    ))!;
    return {
      ...nora,
      workspaceId: run.sandboxWorkspaceId!,
      prescriberId: self.id,
      training: { runId, scenario: 'skicka-bmb', sandboxWorkspaceId: run.sandboxWorkspaceId! },
    };
  }

  beforeAll(async () => {
    world = await createWorld(kind);
    ana = await world.actor('k100ana');
    nora = { ...(await world.actor('k300ny')), sessionToken: 'no-such-session' };
  });
  beforeEach(() => world.db.delete(rateLimitCounters));
  afterAll(() => world?.close());

  describe('searchPatient', () => {
    it('finds the patient by personnummer, answers an opaque id and logs the lookup', async () => {
      const found = valueOf(
        await searchPatient(world.deps, ana, { personnummer: '19121212-1212' }),
      );
      expect(found).toEqual({ patientId: svensson.id });
      const [access] = await world.db
        .select()
        .from(patientAccessLog)
        .where(eq(patientAccessLog.userId, ana.prescriberId));
      expect(access).toMatchObject({ patientId: svensson.id, action: 'patient.search' });
    });

    it('a malformed number is invalid input; nobody found is a miss, counted, not a denial in the trail', async () => {
      expect(await searchPatient(world.deps, ana, { personnummer: '1212121212' })).toEqual({
        ok: false,
        code: 'invalid-input',
        problem: 'personnummer.only-ten-digits',
        fieldErrors: { personnummer: ['personnummer.only-ten-digits'] },
      });
      const before = await lastAuditId();
      expect(await searchPatient(world.deps, ana, { personnummer: '199001019802' })).toMatchObject({
        code: 'no-match',
        problem: 'patient.no-such-personnummer',
      });
      expect(await auditSince(before)).toEqual([]);
      const misses = await world.db
        .select()
        .from(rateLimitCounters)
        .where(eq(rateLimitCounters.bucket, 'patient-lookup.miss'));
      expect(misses.map((m) => m.hits)).toEqual([1]);
    });

    it('past the limit it refuses, and says so in the trail once', async () => {
      const results = [];
      for (let i = 0; i < 32; i++)
        results.push(await searchPatient(world.deps, ana, { personnummer: '191212121212' }));
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual([
        'rate-limited',
        'rate-limited',
      ]);
      const reached = await world.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'rate-limit.reached'));
      expect(reached).toHaveLength(1);
    });
  });

  describe('updateContactDetails', () => {
    it('refuses a bad phone number by code and changes nothing; saves and audits good details', async () => {
      expect(
        await updateContactDetails(world.deps, ana, {
          phone: 'ring mig',
          mobile: '',
          fax: '',
          email: 'x',
          remindersEnabled: true,
        }),
      ).toEqual({
        ok: false,
        code: 'invalid-input',
        problem: 'form.check-marked-fields',
        fieldErrors: { phone: ['contact.number-characters'], email: ['contact.email-invalid'] },
      });
      const before = await lastAuditId();
      const saved = valueOf(
        await updateContactDetails(world.deps, ana, {
          phone: '0920-123 45',
          mobile: '',
          fax: '',
          email: 'ana@region.example',
          remindersEnabled: false,
        }),
      );
      expect(saved).toEqual({
        phone: '0920-123 45',
        mobile: '',
        fax: '',
        email: 'ana@region.example',
        remindersEnabled: false,
      });
      expect((await auditSince(before)).map((e) => e.action)).toEqual(['contact-details.updated']);
      const [row] = await world.db
        .select()
        .from(prescribers)
        .where(eq(prescribers.id, ana.prescriberId));
      expect(row).toMatchObject({ phone: '0920-123 45', remindersEnabled: false });
    });
  });

  describe('Övningsläge', () => {
    it('starts a run in a sandbox of its own, resumes it, moves only its clock, and leaves it', async () => {
      expect(await startTraining(world.deps, nora, { scenario: 'ingen-sådan' })).toMatchObject({
        code: 'invalid-input',
        problem: 'training.unknown-scenario',
      });
      const started = valueOf(await startTraining(world.deps, nora, { scenario: 'skicka-bmb' }));
      expect(started.startPath).toBe('/ovningslage');
      const learner = await inSandbox(started.runId);
      expect(learner.workspaceId).not.toBe(world.workspaceId);

      expect(await moveTrainingClock(world.deps, nora, {})).toMatchObject({
        code: 'forbidden',
        problem: 'training.clock-only-in-training',
      });
      expect(valueOf(await moveTrainingClock(world.deps, learner, {}))).toEqual({
        seconds: TRAINING_CLOCK_STEP_SECONDS,
      });
      const [sandbox] = await world.db
        .select()
        .from(workspaces)
        .where(eq(workspaces.id, learner.workspaceId));
      const [production] = await world.db
        .select()
        .from(workspaces)
        .where(eq(workspaces.id, world.workspaceId));
      expect([sandbox!.clockOffsetSeconds, production!.clockOffsetSeconds]).toEqual([
        TRAINING_CLOCK_STEP_SECONDS,
        0,
      ]);

      expect(valueOf(await leaveTraining(world.deps, learner, {}))).toEqual({
        left: started.runId,
      });
      expect(valueOf(await continueTraining(world.deps, nora, { runId: started.runId }))).toEqual({
        runId: started.runId,
      });
      // Somebody else's run does not exist for Ana.
      expect(
        await continueTraining(world.deps, { ...ana, sessionToken: 'x' }, { runId: started.runId }),
      ).toMatchObject({
        code: 'not-found',
        problem: 'training.run-gone',
      });
    });

    it('a learner’s refused work becomes the guide’s hint, in Swedish', async () => {
      const started = valueOf(await startTraining(world.deps, nora, { scenario: 'kvittera-bmb' }));
      const learner = await inSandbox(started.runId);
      await searchPatient(world.deps, learner, { personnummer: '1212121212' });
      const [run] = await world.db
        .select()
        .from(trainingRuns)
        .where(eq(trainingRuns.id, started.runId));
      expect(run!.lastMistake).toBe(messageText('personnummer.only-ten-digits'));
      // Nobody else's refusals are hints.
      await searchPatient(world.deps, ana, { personnummer: '1212121212' });
      const [same] = await world.db
        .select()
        .from(trainingRuns)
        .where(eq(trainingRuns.id, started.runId));
      expect(same!.lastMistakeAt).toEqual(run!.lastMistakeAt);
    });

    it(`starts at most ${TRAINING_STARTS_PER_HOUR} runs an hour, and says so once in production’s trail`, async () => {
      const bo = { ...(await world.actor('k200bo')), sessionToken: 'x' };
      const results = [];
      for (let i = 0; i < TRAINING_STARTS_PER_HOUR + 3; i++)
        results.push(await startTraining(world.deps, bo, { scenario: 'skicka-bmb' }));
      expect(results.filter((r) => r.ok)).toHaveLength(TRAINING_STARTS_PER_HOUR);
      for (const r of results.slice(TRAINING_STARTS_PER_HOUR))
        expect(r).toMatchObject({ code: 'rate-limited', problem: 'training.limit' });
      const reported = await world.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, 'training.limit-reached'),
            eq(auditEvents.actorId, bo.prescriberId),
          ),
        );
      expect(reported).toHaveLength(1);
    });
  });
});
