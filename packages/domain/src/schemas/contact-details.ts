import { z } from 'zod';
import type { MessageCode } from '../messages/catalogue';

const phone = z
  .string()
  .trim()
  .max(30, { message: 'contact.number-too-long' satisfies MessageCode })
  .regex(/^[0-9 +()-]*$/, { message: 'contact.number-characters' satisfies MessageCode });

/** Dina uppgifter: what other prescribers see on the contact card, and the user's reminder choice. */
export const contactDetailsSchema = z.object({
  phone,
  mobile: phone,
  fax: phone,
  email: z.union([z.literal(''), z.email({ message: 'contact.email-invalid' satisfies MessageCode }).max(254)]),
  /** E-mail a reminder when 2 days remain before a BMB locks (arrival notices always go). */
  remindersEnabled: z.boolean(),
});
export type ContactDetailsInput = z.input<typeof contactDetailsSchema>;
