import { z } from 'zod';
import type { MessageCode } from '../messages/catalogue';
import { parsePersonnummer, type Personnummer } from '../personnummer';

/** A form field holding a personnummer: validated, normalised; its problem is `personnummer.<code>` in the catalogue. */
export const personnummerField = z.string().transform((input, ctx): Personnummer => {
  const parsed = parsePersonnummer(input);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: `personnummer.${parsed.code}` satisfies MessageCode });
    return z.NEVER;
  }
  return parsed.value;
});
