/**
 * Kvittera BMB, step 3: the receiver's choice of Kund/leveransadress and
 * Betalare. Who may answer, and when, is `transition` (bmb-lifecycle.ts).
 */
export interface AnswerChoice {
  approved: boolean;
  deliveryAddressId: string;
  payerId: string;
  /** The receiver's own delivery addresses and payers. */
  allowedDeliveryAddressIds: string[];
  allowedPayerIds: string[];
}

export type AnswerField = 'deliveryAddressId' | 'payerId';

export const answerMessages = {
  notYourAddress: 'Välj en av dina egna kund/leveransadresser.',
  notYourPayer: 'Välj en av dina egna betalare.',
} as const;

/** A Nej moves nothing, so only a Ja's choice must be the receiver's own. */
export function checkAnswerChoice(
  choice: AnswerChoice,
): { ok: true } | { ok: false; fieldErrors: Partial<Record<AnswerField, string[]>> } {
  if (!choice.approved) return { ok: true };
  const fieldErrors: Partial<Record<AnswerField, string[]>> = {};
  if (!choice.allowedDeliveryAddressIds.includes(choice.deliveryAddressId)) {
    fieldErrors.deliveryAddressId = [answerMessages.notYourAddress];
  }
  if (!choice.allowedPayerIds.includes(choice.payerId)) fieldErrors.payerId = [answerMessages.notYourPayer];
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true };
}
