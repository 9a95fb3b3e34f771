/**
 * Limits against automated use (OWASP ASVS V2.4.1; issue 15, items 5 and 6).
 * Chosen so that no prescriber at work meets them: a busy day is some tens of
 * patients, looked up one at a time, and a typo is retyped in seconds. A script
 * trying personnummer meets them within a minute. docs/reliability.md has the
 * figures.
 */

/** A patient lookup: Hjälpmedel's search and the BMB form's new receiver (Ny mottagare) share it. */
export const PATIENT_LOOKUP_LIMITS = [
  { seconds: 60, limit: 30 },
  { seconds: 24 * 3600, limit: 300 },
] as const;

/** Lookups that found nobody, counted per user and hour: the number tried is never stored. */
export const PATIENT_LOOKUP_MISS_WINDOW = {
  seconds: 3600,
  limit: Number.MAX_SAFE_INTEGER,
} as const;

/** "Misstänkt sökmönster" on Översikt: this many misses in one hour, or any limit reached. */
export const SUSPICIOUS_MISSES_PER_HOUR = 10;

/** Refused requests without a session (server actions, pages), per source address and minute. */
export const ANONYMOUS_REFUSAL_LIMIT = { seconds: 60, limit: 30 } as const;

/**
 * Failed login callbacks per source address and minute; beyond it callbacks are
 * refused (429). Generous: a region's staff may share one NAT address, and a
 * real person fails a callback rarely (a login page left open too long).
 */
export const LOGIN_CALLBACK_FAILURE_LIMIT = { seconds: 60, limit: 30 } as const;

/** Counter windows are kept this long (the Översikt signal looks back a day). */
export const RATE_LIMIT_RETENTION_SECONDS = 2 * 24 * 3600;

export const RATE_LIMIT_BUCKETS = {
  patientLookup: 'patient-lookup',
  patientLookupMiss: 'patient-lookup.miss',
  anonymousRefusal: 'anonymous.refusal',
  loginCallbackFailure: 'login.callback-failure',
} as const;

export const PATIENT_LOOKUP_LIMIT_MESSAGE =
  'Du har sökt på många personnummer på kort tid. Vänta en stund och försök igen. Kontakta Länsservice om du behöver söka fler.';
