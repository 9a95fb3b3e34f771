/**
 * Valid, unique personnummer computed in SQL, by the rule of packages/domain
 * (personnummer.ts): YYYYMMDD, a three-digit birth serial, and the Luhn check
 * digit of the last ten digits' first nine.
 *
 * Patient n is born on day `n mod DAYS` of 1920–2019 (days permuted, so that
 * neighbours are not twins) with serial `1 + n div DAYS`: every n has its own
 * (date, serial), so numbers are unique without checking. Serials stay in
 * 001–979: the demo's test identities use 980–999, and 1912-12-12 (the manual's
 * patient) is before 1920, so the region never collides with the demo.
 */

const FIRST_BIRTH_DATE = '1920-01-01';
/** Days from 1920-01-01 to 2019-12-31. */
export const BIRTH_DAYS = 36_524;
/** Coprime with BIRTH_DAYS (= 4 · 23 · 397), so `n · DAY_STEP mod DAYS` permutes the days. */
const DAY_STEP = 7_919;
export const MAX_SERIAL = 979;

/** Luhn check digit of a nine-digit integer expression, as `luhnCheckDigit` in packages/domain. */
export function luhnCheckDigitSql(nine: string): string {
  const terms = Array.from({ length: 9 }, (_, i) => {
    const digit = `((${nine}) / ${10 ** (8 - i)} % 10)`;
    // Weights 2, 1, 2, 1 … from the left; a doubled digit above 9 counts its digit sum.
    return i % 2 === 0 ? `(${digit} * 2 / 10 + ${digit} * 2 % 10)` : digit;
  });
  return `((10 - (${terms.join(' + ')}) % 10) % 10)`;
}

/** The birth date of patient n. */
export const birthDateSql = (n: string) =>
  `(date '${FIRST_BIRTH_DATE}' + ((${n}) % ${BIRTH_DAYS} * ${DAY_STEP} % ${BIRTH_DAYS})::int)`;

/**
 * Personnummer of patient n, given its birth date expression `born` (a column,
 * so that it is computed once per row).
 */
export function personnummerSql(n: string, born: string): string {
  const serial = `(1 + (${n}) / ${BIRTH_DAYS})`;
  const yymmdd = `(to_char(${born}, 'YYMMDD')::int)`;
  const nine = `(${yymmdd} * 1000 + ${serial})`;
  return `(to_char(${born}, 'YYYYMMDD') || lpad(${serial}::text, 3, '0') || ${luhnCheckDigitSql(nine)}::text)`;
}
