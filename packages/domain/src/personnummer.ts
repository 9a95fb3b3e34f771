/**
 * Swedish personnummer and samordningsnummer, always in the 12-digit form
 * `YYYYMMDDNNNC` that the manual asks for ("alla 12 siffror").
 *
 * Accepted input: 12 digits, or `YYYYMMDD-NNNC` / `YYYYMMDD+NNNC` /
 * `YYYYMMDD NNNC` (people type a space where the hyphen goes), with
 * surrounding white space. A samordningsnummer has 60 added to the day.
 */

/** A validated, normalised 12-digit personnummer. The brand stops raw strings passing as one. */
export type Personnummer = string & { readonly __brand: 'Personnummer' };

export type PersonnummerErrorCode =
  | 'empty'
  | 'only-ten-digits'
  | 'not-digits'
  | 'wrong-length'
  | 'impossible-date'
  | 'wrong-check-digit';

export const personnummerMessages: Record<PersonnummerErrorCode, string> = {
  empty: 'Skriv in patientens personnummer.',
  'only-ten-digits':
    'Personnumret har bara 10 siffror. Skriv in personnumret med alla 12 siffror (ÅÅÅÅMMDDNNNN).',
  'not-digits':
    'Personnumret får bara innehålla siffror (och ett bindestreck eller mellanslag före de fyra sista).',
  'wrong-length': 'Ett personnummer har 12 siffror (ÅÅÅÅMMDDNNNN).',
  'impossible-date': 'Personnumret innehåller ett datum som inte finns.',
  'wrong-check-digit': 'Personnumret är inte giltigt: kontrollsiffran stämmer inte.',
};

export type PersonnummerResult =
  | { ok: true; value: Personnummer; isSamordningsnummer: boolean }
  | { ok: false; code: PersonnummerErrorCode; message: string };

const SAMORDNING_DAY_OFFSET = 60;

function fail(code: PersonnummerErrorCode): PersonnummerResult {
  return { ok: false, code, message: personnummerMessages[code] };
}

/** Luhn (mod 10) check digit of the nine digits before it. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function parsePersonnummer(input: string): PersonnummerResult {
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty');

  const compact = trimmed.replace(/^(\d{6}|\d{8})(?:[-+]| +)(\d{4})$/, '$1$2');
  if (!/^\d+$/.test(compact)) return fail('not-digits');
  if (compact.length === 10) return fail('only-ten-digits');
  if (compact.length !== 12) return fail('wrong-length');

  const year = Number(compact.slice(0, 4));
  const month = Number(compact.slice(4, 6));
  const rawDay = Number(compact.slice(6, 8));
  const isSamordningsnummer = rawDay > SAMORDNING_DAY_OFFSET;
  const day = isSamordningsnummer ? rawDay - SAMORDNING_DAY_OFFSET : rawDay;
  if (!isRealDate(year, month, day)) return fail('impossible-date');

  const lastTen = compact.slice(2);
  if (luhnCheckDigit(lastTen.slice(0, 9)) !== Number(lastTen[9])) return fail('wrong-check-digit');

  return { ok: true, value: compact as Personnummer, isSamordningsnummer };
}

/** `191212121212` → `19121212-1212`, the way people read it aloud. */
export function formatPersonnummer(value: Personnummer): string {
  return `${value.slice(0, 8)}-${value.slice(8)}`;
}
