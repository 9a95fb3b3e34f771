import { setClockOffset } from '@bmb/db/queries';
import { bmbs, loans } from '@bmb/db/schema';
import { demoId, demoPatients } from '@bmb/db/seed';
import { and, eq } from 'drizzle-orm';
import { saveBmbDraft } from '@bmb/commands';
import type { BmbFormState } from '@/app/(app)/hjalpmedel/[patientId]/bmb/actions';
import { formData } from './forms';
import { testSession } from './session';
import type { World } from './world';

export const svensson = { id: demoId('patient', '191212121212'), personnummer: '191212121212' };
/** A patient whose loans k200bo holds. */
export const berglund = { id: demoId('patient', demoPatients[2]!.personnummer), personnummer: demoPatients[2]!.personnummer };
export const manualLoan = (n: 1 | 2 | 3 | 4) => demoId('loan', `manual-${n}`);

export const emptyDraftState: BmbFormState = {
  values: {
    bmbId: '',
    fromPatientId: '',
    newPrescriberUsername: '',
    newPatientPersonnummer: '',
    loanIds: [],
    message: '',
    needsAssessmentConfirmed: false,
    deviceSafeConfirmed: false,
  },
};

export interface DraftForm {
  bmbId?: string;
  fromPatientId?: string;
  newPrescriberUsername?: string;
  newPatientPersonnummer?: string;
  loanIds?: string[];
  message?: string;
  needsAssessmentConfirmed?: boolean;
  deviceSafeConfirmed?: boolean;
}

/** The manual's example: Svensson's cushion 10156 to k200bo, "Skickar BMB enl. överenskommelse." */
export function draftInput(overrides: DraftForm = {}): Required<Omit<DraftForm, 'bmbId'>> & Pick<DraftForm, 'bmbId'> {
  return {
    fromPatientId: svensson.id,
    newPrescriberUsername: 'k200bo',
    newPatientPersonnummer: svensson.personnummer,
    loanIds: [manualLoan(3)],
    message: 'Skickar BMB enl. överenskommelse.',
    needsAssessmentConfirmed: false,
    deviceSafeConfirmed: false,
    ...overrides,
  };
}

/** The same, as the BMB form posts it. */
export function draftForm(overrides: DraftForm = {}): FormData {
  return formData({ ...draftInput(overrides) });
}

/** Saves a draft as the current test user, through the command, and returns its id. */
export async function createDraft(overrides: DraftForm = {}): Promise<string> {
  const { user, world } = testSession;
  if (!user || !world) throw new Error('createDraft: no test user or world');
  const saved = await saveBmbDraft({ db: world.db }, user, draftInput(overrides));
  if (!saved.ok) throw new Error(`Spara ändringarna refused: ${JSON.stringify(saved)}`);
  return saved.value.bmbId;
}

/** Saves and sends a BMB as `username` (the manual's example unless overridden); returns its id. */
export async function sendBmbAs(
  world: { userFor(username: string): Promise<import('@/lib/auth/session-user').CurrentUser> },
  session: { user: import('@/lib/auth/session-user').CurrentUser | null },
  username: string,
  overrides: DraftForm = {},
): Promise<string> {
  const { sendBmb } = await import('@/app/(app)/skickade-bmb/actions');
  const { randomUUID } = await import('node:crypto');
  const previous = session.user;
  session.user = await world.userFor(username);
  const id = await createDraft(overrides);
  const outcome = await sendBmb({}, formData({ bmbId: id, idempotencyKey: randomUUID() }));
  if (!outcome.done) throw new Error(`Verkställ refused: ${outcome.failure?.message}`);
  session.user = previous;
  return id;
}

/**
 * Between tests that send the manual's devices: answer whatever is still open,
 * put the clock back, and give the four devices back to k100ana and Svensson.
 */
export async function resetManualDevices(world: World): Promise<void> {
  await world.db
    .update(bmbs)
    .set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'test cleanup' })
    .where(and(eq(bmbs.workspaceId, world.workspaceId), eq(bmbs.status, 'sent')));
  await setClockOffset(world.db, world.workspaceId, 0);
  for (const n of [1, 2, 3, 4] as const) {
    await world.db
      .update(loans)
      .set({
        patientId: svensson.id,
        prescriberId: demoId('prescriber', 'k100ana'),
        payerId: demoId('care-unit', '2990'),
        deliveryAddressId: demoId('care-unit', '2990'),
        position: n,
      })
      .where(eq(loans.id, manualLoan(n)));
  }
}
