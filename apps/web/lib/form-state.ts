import type { ActionFailure } from '@/lib/action-result';

/**
 * What every form's server action answers, and what the form shows: the
 * values to show again, the refusal (a Swedish message, and messages per
 * field), or what was done. One shape for every form. An action ignores
 * the state it is handed (it is the client's to choose), except to page on.
 */
/** A form with nothing to show again. */
export type NoValues = Record<never, never>;

export type FormState<V extends object = NoValues, D = true> = {
  failure?: ActionFailure;
  done?: D;
} & (keyof V extends never ? { values?: V } : { values: V });

/** A form field's text, bounded: a client may post anything, of any length. */
export function textOf(formData: FormData, name: string, max = 1100): string {
  return String(formData.get(name) ?? '').slice(0, max);
}

/**
 * How much of a free text (Meddelande) an action reads: far more than the 1,000
 * characters a command accepts, so that a too-long text is refused with a
 * message and shown back whole, never cut short without a word.
 */
export const FREE_TEXT_BOUND = 20_000;
