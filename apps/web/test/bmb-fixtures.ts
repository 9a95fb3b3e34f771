import { setClockOffset } from '@bmb/db/queries';
import { bmbs, loans } from '@bmb/db/schema';
import { demoId, demoPatients } from '@bmb/db/seed';
import { and, eq } from 'drizzle-orm';
import { saveBmbDraft, type BmbFormState } from '@/app/(app)/hjalpmedel/[patientId]/bmb/actions';
import { formData } from './forms';
import { redirectTarget } from './redirect';
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
export function draftForm(overrides: DraftForm = {}): FormData {
  return formData({
    fromPatientId: svensson.id,
    newPrescriberUsername: 'k200bo',
    newPatientPersonnummer: svensson.personnummer,
    loanIds: [manualLoan(3)],
    message: 'Skickar BMB enl. överenskommelse.',
    ...overrides,
  });
}

/** Saves a draft as the current test user and returns its id. */
export async function createDraft(overrides: DraftForm = {}): Promise<string> {
  const target = await redirectTarget(() => saveBmbDraft(emptyDraftState, draftForm(overrides)));
  const id = target.split('/').pop();
  if (!id) throw new Error(`unexpected redirect ${target}`);
  return id;
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
  if (!outcome.sent) throw new Error(`Verkställ refused: ${outcome.failure?.message}`);
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
