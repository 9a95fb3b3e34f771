import { z } from 'zod';

const phone = z
  .string()
  .trim()
  .max(30, 'Numret är för långt.')
  .regex(/^[0-9 +()-]*$/, 'Ett telefonnummer får bara innehålla siffror, mellanslag, +, - och parenteser.');

/** Dina uppgifter: what other prescribers see on the contact card, and the user's reminder choice. */
export const contactDetailsSchema = z.object({
  phone,
  mobile: phone,
  fax: phone,
  email: z.union([z.literal(''), z.email({ message: 'Ange en giltig e-postadress.' }).max(254)]),
  /** E-mail a reminder when 2 days remain before a BMB locks (arrival notices always go). */
  remindersEnabled: z.boolean(),
});
export type ContactDetailsInput = z.input<typeof contactDetailsSchema>;
