import { z } from 'zod';
import { MESSAGE_MAX_LENGTH, messageText, type MessageCode } from '../messages/catalogue';
import { personnummerField } from './personnummer-field';

/**
 * The forms' schemas, shared by the commands that validate input and the
 * screens. Their messages are message-catalogue codes (`MessageCode`): the
 * command reports a field's problem by code, and the adapter says it in Swedish.
 */
const problem = (code: MessageCode) => ({ message: code });

/** PostgreSQL cannot store or compare U+0000 in text: a form that sends one gets a message, not a server error. */
export const hasNoNul = (value: string) => !value.includes('\u0000');
export const NUL_MESSAGE = messageText('text.nul');

export const messageSchema = z
  .string()
  .trim()
  .max(MESSAGE_MAX_LENGTH, problem('message.too-long'))
  .refine(hasNoNul, problem('text.nul'));
const message = messageSchema;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, problem('draft.username-required'))
  .max(64, problem('draft.username-too-long'))
  // `*`, not `+`: an empty field is told once, by min(1), not again as bad characters.
  .regex(/^[a-z0-9._-]*$/, problem('draft.username-characters'));

const id = z.uuid(problem('row.invalid-id'));
const bmbId = z.uuid(problem('bmb.invalid-id'));

/** A checkbox posted by a form: present and "on" means ticked. */
const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.boolean()])
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === true);

/** Skicka BMB, step 3 and "Spara ändringarna". */
export const bmbDraftSchema = z.object({
  bmbId: id.optional(),
  fromPatientId: id,
  newPrescriberUsername: username,
  newPatientPersonnummer: personnummerField,
  loanIds: z.array(id).min(1, problem('draft.no-rows')).max(500),
  message: message.default(''),
  needsAssessmentConfirmed: checkbox,
  deviceSafeConfirmed: checkbox,
});
export type BmbDraftInput = z.input<typeof bmbDraftSchema>;

/** Skicka BMB, "Verkställ". The idempotency key makes a double click send once. */
export const bmbSendSchema = z.object({
  bmbId: id,
  idempotencyKey: z.uuid(problem('form.incomplete')),
});

/** Skicka BMB, "Kassera utkastet". */
export const bmbDiscardSchema = z.object({ bmbId });

/** "Begär upplåsning": the sender's message to Länsservice is optional. */
export const unlockRequestSchema = z.object({ bmbId, message: message.default('') });

/** Kvittera BMB, step 3. */
export const bmbAnswerSchema = z
  .object({
    bmbId: id,
    approved: z.enum(['ja', 'nej'], problem('answer.choose-ja-nej')),
    // The receiver chooses both, as the manual says ("Välj"); the form starts on an empty choice.
    deliveryAddressId: z.uuid(problem('answer.choose-address')),
    payerId: z.uuid(problem('answer.choose-payer')),
    message: message.default(''),
  })
  .refine((v) => v.approved === 'ja' || v.message.length > 0, {
    path: ['message'],
    message: 'answer.message-required' satisfies MessageCode,
  });

const MIN_REASON_LENGTH = 3;

/** Länsservice, "Lås upp". */
export const unlockSchema = z.object({
  bmbIds: z.array(id).min(1, problem('unlock.choose-bmb')).max(500),
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH, problem('unlock.reason-required'))
    .max(MESSAGE_MAX_LENGTH, problem('unlock.reason-too-long'))
    .refine(hasNoNul, problem('text.nul')),
});

/**
 * Länsservice answers a "Begär upplåsning": the message is the reason when it
 * unlocks, and tells the prescriber why when it declines. Either way it is required.
 */
export const unlockRequestAnswerSchema = z
  .object({
    requestId: z.uuid(problem('unlock-request.invalid-id')),
    decision: z.enum(['unlock', 'decline'], problem('unlock-request.choose-decision')),
    message: message,
  })
  .superRefine((answer, ctx) => {
    if (answer.message.length >= MIN_REASON_LENGTH) return;
    ctx.addIssue({
      code: 'custom',
      path: ['message'],
      message: (answer.decision === 'unlock' ? 'unlock.reason-required' : 'unlock.decline-message-required') satisfies MessageCode,
    });
  });
