import { randomUUID } from 'node:crypto';
import * as commands from '@bmb/commands';
import { setClockOffset } from '@bmb/db/queries';
import { auditEvents, bmbs } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { TRAINING_COLLEAGUE, TRAINING_PATIENT } from '@bmb/domain';
import { and, eq } from 'drizzle-orm';
import { answerUnlockRequest, unlockBmbs } from '@/app/(app)/admin/lasta-bmb/actions';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { leaveTraining, startTraining } from '@/app/(app)/ovningslage/actions';
import { requestUnlock, sendBmb } from '@/app/(app)/skickade-bmb/actions';
import type { ActionFailure } from '@/lib/action-result';
import { resolveSessionUser, type CurrentUser } from '@/lib/auth/session-user';
import { failureOf } from '@/lib/command-action';
import { formData, settle, type Settled } from '../forms';
import { testSession } from '../session';
import { manualLoanId, PATIENTS, type ModelWorld } from './fixtures';
import type { Expectation, Model, Observed, PatientKey, Username } from './model';
import * as rules from './rules';

/**
 * One call of a real server action, paired with the rule that says what it
 * should do. `run` calls the action as the app would (a mocked session, a form),
 * and reports what came back.
 */
export interface Op {
  /** For the tally of what a run did, e.g. `answer`. */
  kind: string;
  label: string;
  expect(m: Model): Expectation;
  run(): Promise<Observed>;
  /** Övningsläge: acts in a sandbox only, so production must not change at all. */
  sandboxOnly?: true;
}

const unit = (code: string) => demoId('care-unit', code);

/**
 * Calls an action as `user`. The mocked session is read synchronously when the
 * action starts, so concurrent calls each act as their own user.
 */
function as<T>(user: CurrentUser, call: () => Promise<T>): Promise<T> {
  testSession.user = user;
  return call();
}

function observe(outcome: Settled<{ failure?: ActionFailure }>): Observed {
  if ('redirectedTo' in outcome) return { ok: true, id: outcome.redirectedTo.split('?')[0]!.split('/').pop() };
  const { failure } = outcome.returned;
  return failure ? { ok: false, code: failure.code, message: failure.message } : { ok: true };
}

/**
 * Saves a draft through the command itself, as the HTTP API and the import
 * do: the new draft's id is the command's result. (Every other step goes
 * through the web's server actions, so a run mixes both entry points.)
 */
export function saveDraftOp(mw: ModelWorld, d: rules.DraftInput, from: PatientKey): Op {
  return {
    kind: 'save',
    label: `${d.sender} saves a draft of loans ${d.loans.join('+')} to ${d.receiver}/${d.toPatient}${d.confirmed ? ' (confirmed)' : ''}`,
    expect: (m) => rules.saveDraft(m, d),
    run: async () => {
      const saved = await commands.saveBmbDraft({ db: mw.world.db }, mw.users[d.sender], {
        fromPatientId: PATIENTS[from].id,
        newPrescriberUsername: d.receiver,
        newPatientPersonnummer: PATIENTS[d.toPatient].personnummer,
        loanIds: d.loans.map(manualLoanId),
        message: 'Modelltest.',
        needsAssessmentConfirmed: d.confirmed,
        deviceSafeConfirmed: d.confirmed,
      });
      if (saved.ok) return { ok: true, id: saved.value.bmbId };
      const { code, message } = failureOf(saved);
      return { ok: false, code, message };
    },
  };
}

export function sendOp(mw: ModelWorld, bmbId: string, actor: Username): Op {
  return {
    kind: 'send',
    label: `${actor} sends ${short(bmbId)}`,
    expect: (m) => rules.send(m, bmbId, actor),
    run: async () =>
      observe(
        await settle(() =>
          as(mw.users[actor], () => sendBmb({}, formData({ bmbId, idempotencyKey: randomUUID() }))),
        ),
      ),
  };
}

export function answerOp(mw: ModelWorld, bmbId: string, actor: Username, a: rules.AnswerInput): Op {
  return {
    kind: 'answer',
    label: `${actor} answers ${short(bmbId)} ${a.approve ? `Ja ${a.payer}/${a.delivery}` : 'Nej'}${a.message ? '' : ' without a message'}`,
    expect: (m) => rules.answer(m, bmbId, actor, a),
    run: async () => {
      const form = formData({
        bmbId,
        approved: a.approve ? 'ja' : 'nej',
        deliveryAddressId: unit(a.delivery),
        payerId: unit(a.payer),
        message: a.message,
      });
      const empty = { values: { bmbId: '', approved: '', deliveryAddressId: '', payerId: '', message: '' } } as const;
      return observe(await settle(() => as(mw.users[actor], () => answerBmb(empty, form))));
    },
  };
}

/** The clock moves to `fromHour + hours`: one clock jump per group, so the target is known. */
export function passTimeOp(mw: ModelWorld, fromHour: number, hours: number): Op {
  return {
    kind: 'time',
    label: `${hours} h pass`,
    expect: () => rules.passTime(hours),
    run: async () => {
      await setClockOffset(mw.world.db, mw.world.workspaceId, (fromHour + hours) * 3600);
      return { ok: true };
    },
  };
}

export function requestUnlockOp(mw: ModelWorld, bmbId: string, actor: Username): Op {
  return {
    kind: 'request-unlock',
    label: `${actor} asks Länsservice to unlock ${short(bmbId)}`,
    expect: (m) => rules.requestUnlock(m, bmbId, actor),
    run: async () =>
      observe(
        await settle(() =>
          as(mw.users[actor], () =>
            requestUnlock({ message: '' }, formData({ bmbId, message: 'Mottagaren har varit borta.' })),
          ),
        ),
      ),
  };
}

export function unlockOp(mw: ModelWorld, bmbId: string, actor: Username): Op {
  return {
    kind: 'unlock',
    label: `${actor} unlocks ${short(bmbId)}`,
    expect: (m) => rules.unlock(m, bmbId, actor),
    run: async () => {
      const state = await as(mw.users[actor], () =>
        unlockBmbs({ reason: '' }, formData({ bmbIds: [bmbId], reason: 'Enligt överenskommelse.' })),
      );
      if (state.failure) return { ok: false, code: state.failure.code, message: state.failure.message };
      if (state.done?.unlocked === 1) return { ok: true };
      return { ok: false, code: 'refused', message: state.done?.refused.join(' ') ?? '' };
    },
  };
}

export function answerRequestOp(
  mw: ModelWorld,
  bmbId: string,
  request: { index: number; id: string },
  actor: Username,
  decision: 'unlock' | 'decline',
): Op {
  return {
    kind: 'answer-request',
    label: `${actor} answers unlock request #${request.index} of ${short(bmbId)}: ${decision}`,
    expect: (m) => rules.answerRequest(m, bmbId, request.index, actor, decision),
    run: async () =>
      observe(
        await settle(() =>
          as(mw.users[actor], () =>
            answerUnlockRequest(
              { message: '' },
              formData({ requestId: request.id, decision, message: 'Länsservice har talat med mottagaren.' }),
            ),
          ),
        ),
      ),
  };
}

/**
 * Övningsläge, as k300ny: start "Skicka BMB", send the manual's cushion in the
 * sandbox, try to reach a production BMB from there (refused), and leave.
 * Whatever the sandbox sees is checked here; that production is untouched is
 * the model's part (no state change, no audit event in production).
 */
export function trainingOp(mw: ModelWorld, productionBmbId: string, gate: () => Promise<void>): Op {
  const { world } = mw;
  const learner = async () => (await resolveSessionUser(world.db, mw.learnerToken, { now: new Date(), idleMinutes: 30 }))!;
  const step = async (what: string, user: CurrentUser, call: () => Promise<{ failure?: ActionFailure }>) => {
    await gate();
    const outcome = await settle(() => as(user, call));
    if ('redirectedTo' in outcome) return outcome.redirectedTo;
    // Verkställ answers with its own page again instead of redirecting.
    if (!outcome.returned.failure) return '';
    throw new Error(`training: ${what} did not go through: ${JSON.stringify(outcome)}`);
  };
  return {
    kind: 'training',
    label: `k300ny trains "Skicka BMB" in a sandbox (and reaches for ${short(productionBmbId)})`,
    expect: () => rules.training(),
    sandboxOnly: true,
    run: async () => {
      await step('Starta', await learner(), () => startTraining({}, formData({ scenario: 'skicka-bmb' })));
      const inSandbox = await learner();
      const sandbox = inSandbox.training?.sandboxWorkspaceId;
      if (!sandbox || inSandbox.workspaceId !== sandbox || sandbox === world.workspaceId) {
        throw new Error('training: the learner is not in a sandbox of their own');
      }
      await gate();
      const saved = await commands.saveBmbDraft({ db: world.db }, inSandbox, {
        fromPatientId: demoId('patient', TRAINING_PATIENT.personnummer),
        newPrescriberUsername: TRAINING_COLLEAGUE.username,
        newPatientPersonnummer: TRAINING_PATIENT.personnummer,
        loanIds: [demoId('loan', 'l3')],
        message: 'Skickar BMB enl. överenskommelse.',
      });
      if (!saved.ok) throw new Error(`training: Spara ändringarna did not go through: ${JSON.stringify(saved)}`);
      const draftId = saved.value.bmbId;
      await step('Verkställ', inSandbox, () => sendBmb({}, formData({ bmbId: draftId, idempotencyKey: randomUUID() })));

      // From the sandbox, production's BMBs do not exist.
      await gate();
      const reach = await settle(() =>
        as(inSandbox, () => sendBmb({}, formData({ bmbId: productionBmbId, idempotencyKey: randomUUID() }))),
      );
      if (!('returned' in reach) || reach.returned.failure?.code !== 'not-found') {
        throw new Error(`training: a production BMB was reachable from the sandbox: ${JSON.stringify(reach)}`);
      }

      const [sent] = await world.db
        .select({ status: bmbs.status })
        .from(bmbs)
        .where(and(eq(bmbs.workspaceId, sandbox), eq(bmbs.id, draftId)));
      const events = await world.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.workspaceId, sandbox), eq(auditEvents.action, 'bmb.sent'), eq(auditEvents.entityId, draftId)));
      if (sent?.status !== 'sent' || events.length !== 1) {
        throw new Error(`training: the sandbox BMB is ${sent?.status} with ${events.length} bmb.sent events`);
      }

      await step('Avsluta', inSandbox, () => leaveTraining());
      const back = await learner();
      if (back.training || back.workspaceId !== world.workspaceId) throw new Error('training: the learner did not leave the sandbox');
      return { ok: true };
    },
  };
}

const short = (id: string) => id.slice(0, 8);
