import { z } from 'zod';
import { unlockMessages } from '../bmb-unlock-rules';
import { personnummerField } from './personnummer-field';

export const MESSAGE_MAX_LENGTH = 1000;

/** PostgreSQL cannot store or compare U+0000 in text: a form that sends one gets a message, not a server error. */
export const hasNoNul = (value: string) => !value.includes('\u0000');
export const NUL_MESSAGE = 'Texten innehåller ett otillåtet tecken.';

const message = z
  .string()
  .trim()
  .max(MESSAGE_MAX_LENGTH, `Meddelandet får vara högst ${MESSAGE_MAX_LENGTH} tecken.`)
  .refine(hasNoNul, NUL_MESSAGE);

const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Ange ny förskrivare/beställare (användarnamn).')
  .max(64, 'Användarnamnet är för långt.')
  .regex(/^[a-z0-9._-]+$/, 'Användarnamnet får bara innehålla bokstäver a–z, siffror, punkt och bindestreck.');

const id = z.uuid({ message: 'Ogiltig rad. Ladda om sidan och försök igen.' });

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
  loanIds: z.array(id).min(1, 'Markera minst ett hjälpmedel.').max(500),
  message: message.default(''),
  needsAssessmentConfirmed: checkbox,
  deviceSafeConfirmed: checkbox,
});
export type BmbDraftInput = z.input<typeof bmbDraftSchema>;

/** Skicka BMB, "Verkställ". The idempotency key makes a double click send once. */
export const bmbSendSchema = z.object({
  bmbId: id,
  idempotencyKey: z.uuid({ message: 'Formuläret är ofullständigt. Ladda om sidan och försök igen.' }),
});

/** Kvittera BMB, step 3. */
export const bmbAnswerSchema = z
  .object({
    bmbId: id,
    approved: z.enum(['ja', 'nej'], { message: 'Välj Ja eller Nej under Godkänn.' }),
    deliveryAddressId: id,
    payerId: id,
    message: message.default(''),
  })
  .refine((v) => v.approved === 'ja' || v.message.length > 0, {
    path: ['message'],
    message: 'Skriv ett meddelande till förskrivaren när du inte godkänner övertagandet.',
  });

const MIN_REASON_LENGTH = 3;

/** Länsservice, "Lås upp". */
export const unlockSchema = z.object({
  bmbIds: z.array(id).min(1, 'Markera minst en BMB.'),
  reason: z
    .string()
    .trim()
    .min(MIN_REASON_LENGTH, unlockMessages.reasonRequired)
    .max(MESSAGE_MAX_LENGTH, `Skälet får vara högst ${MESSAGE_MAX_LENGTH} tecken.`)
    .refine(hasNoNul, NUL_MESSAGE),
});

/**
 * Länsservice answers a "Begär upplåsning": the message is the reason when it
 * unlocks, and tells the prescriber why when it declines. Either way it is required.
 */
export const unlockRequestAnswerSchema = z
  .object({
    requestId: z.uuid({ message: 'Ogiltig begäran. Ladda om sidan.' }),
    decision: z.enum(['unlock', 'decline'], { message: 'Välj Lås upp eller Neka.' }),
    message: message,
  })
  .superRefine((answer, ctx) => {
    if (answer.message.length >= MIN_REASON_LENGTH) return;
    ctx.addIssue({
      code: 'custom',
      path: ['message'],
      message: answer.decision === 'unlock' ? unlockMessages.reasonRequired : unlockMessages.declineMessageRequired,
    });
  });
