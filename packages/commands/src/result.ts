import type { FieldProblems, MasterdataRowProblem, Problem } from '@bmb/domain';

/**
 * What a command answers: the outcome as data, or a refusal that changed
 * nothing. A refusal has a stable `code` (for programs: the API's problem
 * type, the web's form state), the `problem` that says it to a person (a
 * message-catalogue code), and the problems per field of the input.
 */
export type CommandResult<T> = { ok: true; value: T } | Refusal;

export type RefusalCode =
  /** The actor may not do this, or may not know that the thing exists: the answer does not say which. */
  | 'not-found'
  | 'forbidden'
  /** A search found nothing. Not a denial: nobody was refused anything they had. */
  | 'no-match'
  /** The input is malformed or breaks a rule of the form; `fieldErrors` says where. */
  | 'invalid-input'
  /** Too many attempts in a while: nothing was done; try later. */
  | 'rate-limited'
  /** The input was fine but the thing is no longer in a state that allows it. */
  | 'conflict.not-a-draft'
  | 'conflict.not-waiting'
  | 'conflict.locked'
  | 'conflict.not-locked'
  | 'conflict.already-unlocked'
  | 'conflict.loan-in-open-bmb'
  | 'conflict.draft-changed'
  | 'conflict.form-used'
  | 'conflict.already-requested'
  | 'conflict.request-answered'
  /** Every device of the BMB went back to Länsservice: there is nothing left to take over. */
  | 'conflict.no-open-lines'
  /** An individ of the batch got another active loan while the batch was written: nothing was written; send it again. */
  | 'conflict.individ-in-use'
  /** A webhook already switched off, or a delivery to one. */
  | 'conflict.webhook-disabled'
  /** "Skicka igen" on a delivery that is not failing (sent, or already waiting to be sent). */
  | 'conflict.not-failing';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  problem: Problem;
  fieldErrors?: FieldProblems;
  /**
   * For a batch (the stock system's masterdata): every bad row, by list and
   * index in it, and the field. The batch was refused whole.
   */
  rows?: RowProblem[];
}

/** One bad row of a batch: `entity` is the batch's list (`loans`), `index` the row's place in it. */
export type RowProblem = Omit<MasterdataRowProblem, 'entity'> & { entity: string };

/**
 * A command's input as it arrives from an adapter: a form's fields, a JSON
 * body. Nothing in it is trusted: the command parses it with its schema.
 */
export type Untrusted<T> = { [K in keyof T]?: unknown };

export const done = <T>(value: T): CommandResult<T> => ({ ok: true, value });

export function refusal(code: RefusalCode, problem: Problem, fieldErrors?: FieldProblems): Refusal {
  return fieldErrors ? { ok: false, code, problem, fieldErrors } : { ok: false, code, problem };
}

/** A refusal on the form's content: `form` says so as a whole, the fields say where. */
export const invalid = (fieldErrors: FieldProblems, form: Problem = 'form.check-fields'): Refusal =>
  refusal('invalid-input', form, fieldErrors);

/** The refusal code of a lifecycle refusal (`transition`): the state no longer allows it. */
export const conflictOf = (
  transitionRefusal: 'not-a-draft' | 'not-waiting' | 'locked' | 'not-locked' | 'already-unlocked',
) => `conflict.${transitionRefusal}` as const satisfies RefusalCode;
