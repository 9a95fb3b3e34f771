'use server';

import { recordPatientAccess } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import {
  findPatientByPersonnummer,
  findPrescriberByUsername,
  searchAccessLog,
  searchAuditEvents,
  type AccessRow,
  type AuditRow,
  type LogCursor,
  type LogFilter,
} from '@bmb/db/queries';
import { endOfSwedishDay, hasNoNul, NUL_MESSAGE, parsePersonnummer, startOfSwedishDay } from '@bmb/domain';
import { z } from 'zod';
import { failure } from '@/lib/action-result';
import { describeAuditRows, type DescribedAuditRow } from '@/lib/audit-description';
import { authorizeAdmin } from '@/lib/auth/authorize';
import type { FormState } from '@/lib/form-state';

const PAGE_SIZE = 50;

export interface LogFormValues {
  kind: 'audit' | 'access';
  personnummer: string;
  username: string;
  action: string;
  from: string;
  to: string;
}

export type LogSearchState = FormState<LogFormValues> & {
  results?: { kind: 'audit'; rows: DescribedAuditRow[] } | { kind: 'access'; rows: AccessRow[] };
  next?: LogCursor;
};

const date = z.union([z.literal(''), z.iso.date({ message: 'Ange datum som ÅÅÅÅ-MM-DD.' })]);
const formSchema = z.object({
  kind: z.enum(['audit', 'access']),
  personnummer: z.string().trim().max(20, 'Personnumret är för långt.'),
  username: z.string().trim().toLowerCase().max(64, 'Användarnamnet är för långt.').refine(hasNoNul, NUL_MESSAGE),
  action: z.string().trim().max(64, 'Åtgärden är för lång.').refine(hasNoNul, NUL_MESSAGE),
  from: date,
  to: date,
});

/**
 * "Visa fler" sends the previous state back, and a server action's arguments
 * are the client's to choose: only a well-formed cursor is used (a malformed
 * timestamp would make PostgreSQL throw), and only rows that are an array.
 */
const cursorSchema = z.object({
  occurredAt: z.string().max(40).refine(isTimestampText),
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** PostgreSQL's text form of a timestamptz (as the cursor carries it), with a real calendar date. */
function isTimestampText(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-](0\d|1[0-4])(:?[0-5]\d)?|Z)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Admin → Logg: search the audit trail or the patient access log. The
 * personnummer travels in the POST body only, and the admin's own search for a
 * patient is itself written to the access log.
 */
export async function searchLog(previous: LogSearchState, formData: FormData): Promise<LogSearchState> {
  const text = (name: string) => String(formData.get(name) ?? '').slice(0, 100);
  const values: LogFormValues = {
    kind: text('kind') === 'access' ? 'access' : 'audit',
    personnummer: text('personnummer'),
    username: text('username'),
    action: text('action'),
    from: text('from'),
    to: text('to'),
  };
  const auth = await authorizeAdmin('log.search');
  if (!auth.ok) return { values, failure: auth };
  const { user } = auth;

  const parsed = formSchema.safeParse(values);
  if (!parsed.success) return { values, failure: failure('invalid-input', parsed.error.issues[0]!.message) };
  const input = parsed.data;
  if (input.from && input.to && input.from > input.to) {
    const message = 'Till-datumet är före från-datumet. Byt plats på dem eller ändra ett av dem.';
    return { values, failure: failure('invalid-input', message, { to: [message] }) };
  }
  const db = await getDb();
  const filter: LogFilter = {
    action: input.action || undefined,
    from: input.from ? startOfSwedishDay(input.from) : undefined,
    to: input.to ? endOfSwedishDay(input.to) : undefined,
  };
  // Every other filter first: a refused search must not leave an access-log row behind.
  if (input.username) {
    const person = await findPrescriberByUsername(db, user.workspaceId, input.username);
    if (!person) {
      const message = 'Det finns ingen användare med det användarnamnet.';
      return { values, failure: failure('not-found', message, { username: [message] }) };
    }
    filter.userId = person.id;
  }
  if (input.personnummer) {
    const pnr = parsePersonnummer(input.personnummer);
    if (!pnr.ok) return { values, failure: failure('invalid-input', pnr.message, { personnummer: [pnr.message] }) };
    const patient = await findPatientByPersonnummer(db, user.workspaceId, pnr.value);
    if (!patient) {
      const message = 'Ingen patient med det personnumret finns.';
      return { values, failure: failure('not-found', message, { personnummer: [message] }) };
    }
    filter.patientId = patient.id;
    await recordPatientAccess(db, {
      workspaceId: user.workspaceId,
      userId: user.prescriberId,
      careUnitId: user.careUnitId,
      patientId: patient.id,
      action: 'log.patient.search',
    });
  }

  // "Visa fler" continues the same search from where the previous page ended.
  const cursor = cursorSchema.safeParse(previous?.next);
  const more =
    formData.get('more') === '1' && cursor.success && previous.results?.kind === input.kind && Array.isArray(previous.results.rows);
  const page = { cursor: more ? cursor.data : undefined, limit: PAGE_SIZE + 1 };
  const rows =
    input.kind === 'audit'
      ? await searchAuditEvents(db, auth.admin, filter, page)
      : await searchAccessLog(db, auth.admin, filter, page);
  const pageRows = rows.slice(0, PAGE_SIZE);
  const last = pageRows.at(-1);
  const next = rows.length > PAGE_SIZE && last ? { occurredAt: last.cursorKey, id: last.id } : undefined;
  const earlier = more && previous.results ? previous.results.rows : [];
  const results =
    input.kind === 'audit'
      ? {
          kind: 'audit' as const,
          rows: [
            ...(earlier as DescribedAuditRow[]),
            ...(await describeAuditRows(db, user.workspaceId, pageRows as AuditRow[])),
          ],
        }
      : { kind: 'access' as const, rows: [...(earlier as AccessRow[]), ...(pageRows as AccessRow[])] };
  return { values, results, next };
}
