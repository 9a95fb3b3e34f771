/**
 * Structured logs: one JSON object per line on stdout, without personal data.
 *
 * A small writer rather than pino: pino's `redact` removes values by path only,
 * and this log must also find a personnummer inside any string (a message, an
 * error from the database), which means walking every record anyway. What is
 * left for pino to do (levels, one JSON line) is these few lines, with no
 * worker-thread transports for Next.js to bundle.
 *
 * Redaction: every 10- or 12-digit personnummer-like sequence (with or without
 * `-` or `+` before the last four) becomes "[personnummer]" wherever it occurs,
 * and fields whose names say they hold a person's name, contact details or a
 * secret become "[redacted]". Log ids (UUIDs), never names or personnummer.
 */

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export const PERSONNUMMER = '[personnummer]';
export const REDACTED = '[redacted]';

// A UUID is matched first and kept, so that an all-digit group inside one is not
// mistaken for a personnummer; otherwise YYMMDD or YYYYMMDD, an optional - or +,
// and four digits, not part of a longer run of digits.
const UUID_OR_PERSONNUMMER =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?<!\d)(?:\d{8}|\d{6})[-+]?\d{4}(?!\d)/gi;

/** Field names (compared in lower case, without `_` and `-`) whose values are never logged. */
const REDACTED_FIELDS = new Set([
  'personnummer',
  'pnr',
  'ssn',
  'name',
  'patientname',
  'fullname',
  'firstname',
  'lastname',
  'givenname',
  'familyname',
  'email',
  'emailaddress',
  'phone',
  'telephone',
  'address',
  'password',
  'secret',
  'token',
  'idtoken',
  'accesstoken',
  'sessiontoken',
  'authorization',
  'cookie',
]);

function isRedactedField(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  return REDACTED_FIELDS.has(k) || k.endsWith('personnummer') || k.includes('email');
}

export function redactText(text: string): string {
  return text.replace(UUID_OR_PERSONNUMMER, (match) =>
    match.includes('-') && match.length === 36 ? match : PERSONNUMMER,
  );
}

const MAX_DEPTH = 6;

/** A copy of `value` that is safe to log: see the module comment. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number')
    return Number.isInteger(value) && redactText(String(value)) !== String(value)
      ? PERSONNUMMER
      : value;
  if (typeof value === 'bigint') return redactText(value.toString());
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[truncated]';
  seen.add(value);
  if (value instanceof Error) {
    const { code } = value as { code?: unknown };
    return {
      type: value.name,
      message: redactText(value.message),
      ...(code !== undefined ? { code: redact(code, depth + 1, seen) } : {}),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, depth + 1, seen) } : {}),
    };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[redactText(key)] = isRedactedField(key) ? REDACTED : redact(v, depth + 1, seen);
  }
  return out;
}

function stdout(line: string): void {
  // Every level to stdout, as pino does: the platform collects one stream.
  if (typeof process !== 'undefined' && process.stdout?.write) process.stdout.write(`${line}\n`);
  else console.log(line);
}

/** A logger that hands each redacted JSON line to `write` (tests pass their own). */
export function createLogger(write: (line: string) => void = stdout, base: LogFields = {}): Logger {
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    const record: LogFields = { time: new Date().toISOString(), level, msg: redactText(msg) };
    for (const [key, value] of Object.entries(redact({ ...base, ...fields }) as LogFields)) {
      // A field never overwrites time, level or msg.
      record[key in record ? `${key}_` : key] = value;
    }
    write(JSON.stringify(record));
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** The app's logger. `log.error('audit write failed', { err })`: an Error keeps its type, message and stack. */
export const log: Logger = createLogger();
