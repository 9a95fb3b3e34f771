/** An individ number (a device's serial in the stock system): letters, digits and hyphens, at most 20. */
const INDIVID_NUMBER = /^[0-9A-Za-z-]{1,20}$/;

export const individNumberMessage = 'Ett individnummer består av siffror och bokstäver, högst 20 tecken.';

export function isIndividNumber(value: string): boolean {
  return INDIVID_NUMBER.test(value);
}

/**
 * A personnummer typed into a field for something else (10 or 12 digits, with
 * or without `-`/`+` before the last four): refused without being echoed, and
 * never put in a URL. No individ number in the region has that shape.
 */
export function looksLikePersonnummer(value: string): boolean {
  return /^(\d{6}|\d{8})[-+ ]?\d{4}$/.test(value.trim());
}

export const personnummerNotIndividMessage =
  'Det liknar ett personnummer. Individkort söks på individnummer (står på hjälpmedlets etikett); sök patienten under Hjälpmedel.';
