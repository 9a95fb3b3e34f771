import { recordPatientAccess } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findPatientByPersonnummer, searchAccessLog } from '@bmb/db/queries';
import { endOfSwedishDay, parsePersonnummer, startOfSwedishDay, swedishDate, swedishTime } from '@bmb/domain';
import { z } from 'zod';
import { authorizeAdmin } from '@/lib/auth/authorize';
import { csvRow } from '@/lib/csv';
import { env } from '@/lib/env';
import { isSameOrigin } from '@/lib/same-origin';
import { accessActionLabels, labelOf } from '../log-labels';

/** Rows enough for years of one patient's care; the extract says so if it is cut. */
const EXTRACT_LIMIT = 20_000;

const day = z.union([z.literal(''), z.iso.date()]);

/** A file name part from free text: letters (å, ä, ö kept), digits, dashes. */
const fileNamePart = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

/**
 * Per-patient extract of the access log, as patientdatalagen lets a patient ask:
 * which users and care units saw the patient's data, and when, over the period
 * searched (Från/Till on Logg; all of it when empty). CSV, for Excel (semicolons,
 * BOM), in Swedish time as the screen shows it, naming the patient and the
 * period in the file and its name: it is the patient's own document. The
 * personnummer comes in the POST body, never the URL, and is not in the file.
 */
export async function POST(request: Request) {
  // The session cookie is SameSite=Lax; the proxy checks the Origin too, but this extract must not rely on either alone.
  if (!isSameOrigin(request.headers, request.url, env().AUTH_URL)) return new Response('Förfrågan kom inte från BMB.', { status: 403 });
  const auth = await authorizeAdmin('log.extract');
  if (!auth.ok) return new Response(auth.message, { status: auth.code === 'unauthenticated' ? 401 : 403 });
  const { user } = auth;
  // A body that is not a form (a hand-made request) is a bad request, not a server error.
  const form = await request.formData().catch(() => null);
  const pnr = parsePersonnummer(String(form?.get('personnummer') ?? '').slice(0, 20));
  if (!pnr.ok) return new Response(pnr.message, { status: 400 });
  const from = day.safeParse(String(form?.get('from') ?? ''));
  const to = day.safeParse(String(form?.get('to') ?? ''));
  if (!from.success || !to.success) return new Response('Ange datum som ÅÅÅÅ-MM-DD.', { status: 400 });
  if (from.data && to.data && from.data > to.data)
    return new Response('Från-datumet är efter till-datumet.', { status: 400 });
  const db = await getDb();
  const patient = await findPatientByPersonnummer(db, user.workspaceId, pnr.value);
  if (!patient) return new Response('Ingen patient med det personnumret finns.', { status: 404 });

  const period = {
    from: from.data ? startOfSwedishDay(from.data) : undefined,
    to: to.data ? endOfSwedishDay(to.data) : undefined,
  };
  const rows = await searchAccessLog(db, auth.admin, { patientId: patient.id, ...period }, { limit: EXTRACT_LIMIT });
  await recordPatientAccess(db, {
    workspaceId: user.workspaceId,
    userId: user.prescriberId,
    careUnitId: user.careUnitId,
    patientId: patient.id,
    action: 'log.patient.extract',
  });
  const periodText = `${from.data || 'början'} – ${to.data || swedishDate(new Date())}`;
  const lines = [
    csvRow([`Utdrag ur åtkomstloggen för ${patient.name}`]),
    csvRow([`Period: ${periodText} (svensk tid)`]),
    csvRow([`Uttaget: ${swedishDate(new Date())} ${swedishTime(new Date())} av ${user.name}`]),
    ...(rows.length >= EXTRACT_LIMIT ? [csvRow([`Utdraget visar de ${EXTRACT_LIMIT} senaste åtkomsterna.`])] : []),
    '',
    csvRow(['Datum och tid', 'Användarnamn', 'Namn', 'Vårdenhet', 'Åtgärd']),
    ...rows.map((r) =>
      csvRow([
        `${swedishDate(r.occurredAt)} ${swedishTime(r.occurredAt, { seconds: true })}`,
        r.userUsername,
        r.userName,
        r.careUnit ?? '',
        labelOf(accessActionLabels, r.action),
      ]),
    ),
  ];
  // The patient's name and the period, never the personnummer: the name is the patient's own document's title.
  const fileName = `atkomstlogg-${fileNamePart(patient.name)}-${fileNamePart(periodText)}.csv`;
  const asciiName = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '');
  return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
    },
  });
}
