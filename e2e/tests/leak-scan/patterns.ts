/**
 * How a person shows up in text: their personnummer in every spelling the
 * country uses (12 or 10 digits, with or without `-`, `+` or a space before
 * the last four), and their name as BMB writes it ("Efternamn, Förnamn") or
 * as a person types it ("Förnamn Efternamn").
 */
export interface Person {
  personnummer: string;
  name: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** All spellings of one 12-digit personnummer, not as part of a longer digit run. */
export function personnummerPattern(personnummer: string): RegExp {
  const century = personnummer.slice(0, 2);
  const yymmdd = personnummer.slice(2, 8);
  const last4 = personnummer.slice(8);
  return new RegExp(`(?<!\\d)(?:${century})?${yymmdd}[-+ ]?${last4}(?!\\d)`);
}

/** "Svensson, Testare", "Svensson Testare" or "Testare Svensson"; never a surname alone ("Holm" is in "Stockholm"). */
export function namePattern(name: string): RegExp {
  const [last, first] = name.split(',').map((part) => part.trim());
  if (!last || !first) return new RegExp(escape(name));
  return new RegExp(
    `${escape(last)},?\\s+${escape(first)}|${escape(first)}\\s+${escape(last)}`,
    'i',
  );
}

export interface PersonMatcher {
  person: Person;
  personnummer: RegExp;
  name: RegExp;
}

export const matcherFor = (person: Person): PersonMatcher => ({
  person,
  personnummer: personnummerPattern(person.personnummer),
  name: namePattern(person.name),
});

/** What of the person a text gives away. */
export function exposure(matcher: PersonMatcher, text: string): ('personnummer' | 'name')[] {
  const found: ('personnummer' | 'name')[] = [];
  if (matcher.personnummer.test(text)) found.push('personnummer');
  if (matcher.name.test(text)) found.push('name');
  return found;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const CANDIDATE = /(?<![\d])(\d{8}|\d{6})[-+ ]?(\d{4})(?!\d)/g;

function luhnOk(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function plausibleDate(yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (day > 60) day -= 60; // samordningsnummer
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * Any personnummer at all, known or not: a 10- or 12-digit run (optionally
 * with a separator) with a real month and day and a correct check digit.
 * UUIDs are taken out first, as the app's log redaction does.
 */
export function personnummerLike(text: string): string[] {
  const found: string[] = [];
  for (const match of text.replace(UUID, ' ').matchAll(CANDIDATE)) {
    const head = match[1]!;
    const ten = `${head.slice(-6)}${match[2]}`;
    if (head.length === 8 && !/^(18|19|20)/.test(head)) continue;
    if (plausibleDate(ten.slice(0, 6)) && luhnOk(ten)) found.push(match[0]);
  }
  return found;
}
