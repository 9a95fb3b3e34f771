/**
 * What every server action returns: success, or a Swedish message with the
 * errors per field. Raw error text never reaches the client.
 */
export type ActionFailure = {
  ok: false;
  code: ActionFailureCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
};

export type ActionResult<T = undefined> = ({ ok: true } & (T extends undefined ? unknown : { data: T })) | ActionFailure;

export type ActionFailureCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  /** Too many attempts in a while (e.g. training starts per hour): nothing was done; try later. */
  | 'rate-limited';

export function failure(
  code: ActionFailureCode,
  message: string,
  fieldErrors?: Record<string, string[]>,
): ActionFailure {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

export const messages = {
  unauthenticated: 'Du är inte inloggad. Logga in och försök igen.',
  forbidden: 'Du har inte behörighet att göra detta.',
} as const;
