/** An individ number (a device's serial in the stock system): letters, digits and hyphens, at most 20. */
const INDIVID_NUMBER = /^[0-9A-Za-z-]{1,20}$/;

export const individNumberMessage = 'Ett individnummer består av siffror och bokstäver, högst 20 tecken.';

export function isIndividNumber(value: string): boolean {
  return INDIVID_NUMBER.test(value);
}
