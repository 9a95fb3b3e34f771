/**
 * Personnummer-like digit runs: 12 or 10 digits, with or without the separator
 * (`-` or `+`). Deliberately broad: a false positive costs a few digits in an
 * e-mail, a false negative leaks a patient's identity outside the system.
 */
const PERSONNUMMER_LIKE = /(?<!\d)(?:\d{8}|\d{6})[-+\s]?\d{4}(?!\d)/g;

export const REDACTED = '[uppgift borttagen]';

/**
 * Free text leaving the system (an e-mail) must not carry patient data. Removes
 * personnummer-like numbers and the names the caller knows belong to the
 * BMB's patients (each name part of three letters or more, case-insensitive).
 */
export function redactPatientData(text: string, patientNames: readonly string[] = []): string {
  let redacted = text.replace(PERSONNUMMER_LIKE, REDACTED);
  const parts = patientNames
    .flatMap((name) => name.split(/[\s,]+/))
    .map((part) => part.trim())
    .filter((part) => part.length >= 3)
    .sort((a, b) => b.length - a.length);
  for (const part of new Set(parts)) {
    const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    redacted = redacted.replace(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'giu'), REDACTED);
  }
  return redacted;
}
