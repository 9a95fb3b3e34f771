import { recordPatientAccess } from '@bmb/db/audit';
import { getDb } from '@bmb/db/client';
import { findPatientByPersonnummer, searchAccessLog } from '@bmb/db/queries';
import { parsePersonnummer } from '@bmb/domain';
import { authorizeAdmin } from '@/lib/auth/authorize';
import { csvRow } from '@/lib/csv';
import { env } from '@/lib/env';
import { isSameOrigin } from '@/lib/same-origin';
import { accessActionLabels, labelOf } from '../log-labels';

/** Rows enough for years of one patient's care; the extract says so if it is cut. */
const EXTRACT_LIMIT = 20_000;

/**
 * Per-patient extract of the access log, as patientdatalagen lets a patient ask:
 * which users and care units saw the patient's data, and when. CSV, for Excel
 * (semicolons, BOM). The personnummer comes in the POST body, never the URL.
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
  const db = await getDb();
  const patient = await findPatientByPersonnummer(db, user.workspaceId, pnr.value);
  if (!patient) return new Response('Ingen patient med det personnumret finns.', { status: 404 });

  const rows = await searchAccessLog(db, auth.admin, { patientId: patient.id }, { limit: EXTRACT_LIMIT });
  await recordPatientAccess(db, {
    workspaceId: user.workspaceId,
    userId: user.prescriberId,
    careUnitId: user.careUnitId,
    patientId: patient.id,
    action: 'log.patient.extract',
  });
  const lines = [
    csvRow(['Tidpunkt', 'Användare', 'Namn', 'Vårdenhet', 'Åtgärd']),
    ...rows.map((r) =>
      csvRow([r.occurredAt.toISOString(), r.userUsername, r.userName, r.careUnit ?? '', labelOf(accessActionLabels, r.action)]),
    ),
  ];
  return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      // No personnummer or name in the file name: it ends up in download folders and logs.
      'content-disposition': 'attachment; filename="atkomstlogg-utdrag.csv"',
      'cache-control': 'no-store',
    },
  });
}
