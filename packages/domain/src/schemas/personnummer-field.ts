import { z } from 'zod';
import { parsePersonnummer, type Personnummer } from '../personnummer';

/** A form field holding a personnummer: validated, normalised, with the Swedish message. */
export const personnummerField = z.string().transform((input, ctx): Personnummer => {
  const parsed = parsePersonnummer(input);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
    return z.NEVER;
  }
  return parsed.value;
});
