import type { MessageCode } from './messages/catalogue';

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

/** A Nej moves nothing, so only a Ja's choice must be the receiver's own. */
export function checkAnswerChoice(
  choice: AnswerChoice,
): { ok: true } | { ok: false; fieldErrors: Partial<Record<AnswerField, MessageCode[]>> } {
  if (!choice.approved) return { ok: true };
  const fieldErrors: Partial<Record<AnswerField, MessageCode[]>> = {};
  if (!choice.allowedDeliveryAddressIds.includes(choice.deliveryAddressId)) {
    fieldErrors.deliveryAddressId = ['answer.not-your-address'];
  }
  if (!choice.allowedPayerIds.includes(choice.payerId)) fieldErrors.payerId = ['answer.not-your-payer'];
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true };
}
