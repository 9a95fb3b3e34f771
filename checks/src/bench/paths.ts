import type { Db } from '@bmb/db/client';
import { recordAudit, recordPatientAccess, recordPatientAccesses } from '@bmb/db/audit';
import {
  FEED_START,
  countBmbsAwaitingAnswer,
  findProductionWorkspaceId,
  readFeed,
  findIndividCard,
  findPatient,
  findPatientByPersonnummer,
  findPrescriberByUsername,
  findSessionPrincipal,
  listBmbsAwaitingAnswer,
  listLockedBmbs,
  listLockedBmbsInvolving,
  listPatientLoans,
  listRejectedBmbsSentBy,
  listUnlockNewsForSender,
  listUnlockRequestQueue,
  searchAuditEvents,
  workspaceNow,
} from '@bmb/db/queries';
import { testAdminScope } from '@bmb/db/testing';
import type { PatientAccessAction } from '@bmb/domain';
import type { BenchFixtures } from './fixtures';
import { actionRequest, type HttpRequest } from './http-requests';
import type { BenchSessions } from './sessions';

/**
 * The key paths of issue 9 as HTTP requests, and each one's bare SQL: the
 * same query functions the page or action calls, with the session check the
 * app makes on every request, straight on postgres.js (no Next.js, no React).
 */
export interface ReadPath {
  key: string;
  label: string;
  /** The trivial page is the framework's own floor, not a key path. */
  floorOnly?: boolean;
  request: HttpRequest;
  /** Runs before the path is checked and before each measurement (a fresh API token). */
  prepare?(): Promise<void>;
  /** A response that is not this is an error. */
  ok(status: number, headers: Record<string, string>): boolean;
  sql(db: Db): Promise<unknown>;
}

export interface PathContext {
  fx: BenchFixtures;
  sessions: BenchSessions;
  ids: Record<string, string>;
  /** Prescriber ids by username, and the session tokens (for the SQL floor's session check). */
  prescriberId: (username: string) => string;
  token: (username: string) => string;
  /** The app's own URL: server actions are posted with it as Origin, as a browser does. */
  origin: string;
  /** A fresh `Bearer …` for the integration API. */
  machineAuthorization: () => Promise<string>;
}

const page = (status: number) => status === 200;

/** What the app checks on every request (session-user.ts): one query. */
async function sessionCheck(db: Db, token: string) {
  await findSessionPrincipal(db, token);
}

/** `GET /api/v1/events` as the stock system polls it: 100 events from halfway through the feed. */
function feedPath(c: PathContext): ReadPath {
  const [txId, id] = c.fx.feedCursor.split('.');
  const after = { txId: txId ?? FEED_START.txId, id: Number(id ?? FEED_START.id) };
  const request: HttpRequest = {
    method: 'GET',
    path: `/api/v1/events?after=${c.fx.feedCursor}&limit=100`,
    headers: {},
  };
  return {
    key: 'feed',
    label: 'Event feed (GET /api/v1/events, 100 events)',
    request,
    async prepare() {
      request.headers.authorization = await c.machineAuthorization();
    },
    ok: (status, headers) =>
      status === 200 && (headers['content-type'] ?? '').includes('application/json'),
    async sql(db) {
      // What apiRoute and the route do besides verifying the token (no SQL): the workspace, the page, the audit row.
      const workspaceId = (await findProductionWorkspaceId(db))!;
      await readFeed(db, workspaceId, after, 100);
      await recordAudit(db, {
        workspaceId,
        actorId: null,
        action: 'api.called',
        entityType: 'api',
        entityId: null,
        after: { client: 'lagersystem', method: 'GET', path: '/api/v1/events', status: 200 },
      });
    },
  };
}

export function readPaths(c: PathContext): ReadPath[] {
  const { fx } = c;
  const ws = fx.workspaceId;
  const get = (path: string, username: string): HttpRequest => ({
    method: 'GET',
    path,
    // As a click inside BMB: pages with patient data opened from elsewhere only ask first (issue 15, item 8).
    headers: { cookie: c.sessions.cookie(username), 'sec-fetch-site': 'same-origin' },
  });
  const access = (db: Db, username: string, patientId: string, action: PatientAccessAction) =>
    recordPatientAccess(db, {
      workspaceId: ws,
      userId: c.prescriberId(username),
      careUnitId: null,
      patientId,
      action,
    });
  return [
    {
      key: 'trivial',
      label: 'Trivial page (Dina uppgifter)',
      floorOnly: true,
      request: get('/dina-uppgifter', fx.holder),
      ok: page,
      async sql(db) {
        await sessionCheck(db, c.token(fx.holder));
        await findPrescriberByUsername(db, ws, fx.holder);
      },
    },
    {
      key: 'hjalpmedel',
      label: 'Hjälpmedel (patient with 10 loans)',
      request: get(`/hjalpmedel/${fx.tenLoanPatientId}`, fx.holder),
      ok: page,
      async sql(db) {
        await sessionCheck(db, c.token(fx.holder));
        await findPatient(db, ws, fx.tenLoanPatientId);
        await listPatientLoans(db, ws, fx.tenLoanPatientId);
        await access(db, fx.holder, fx.tenLoanPatientId, 'patient.loans.view');
      },
    },
    {
      key: 'kvittera',
      label: 'Kvittera BMB (busy receiver)',
      request: get('/kvittera-bmb', fx.busyReceiver),
      ok: page,
      async sql(db) {
        await sessionCheck(db, c.token(fx.busyReceiver));
        const now = await workspaceNow(db, ws);
        const me = c.prescriberId(fx.busyReceiver);
        await Promise.all([
          countBmbsAwaitingAnswer(db, ws, me, now),
          listBmbsAwaitingAnswer(db, ws, me, now),
          listLockedBmbsInvolving(db, ws, me, now),
          listRejectedBmbsSentBy(db, ws, me, now),
          listUnlockNewsForSender(db, ws, me, now),
        ]);
      },
    },
    {
      key: 'bmb-form',
      label: 'BMB form (10 loans)',
      request: get(`/hjalpmedel/${fx.tenLoanPatientId}/bmb`, fx.holder),
      ok: page,
      async sql(db) {
        await sessionCheck(db, c.token(fx.holder));
        await findPatient(db, ws, fx.tenLoanPatientId);
        await Promise.all([listPatientLoans(db, ws, fx.tenLoanPatientId), workspaceNow(db, ws)]);
        await access(db, fx.holder, fx.tenLoanPatientId, 'bmb.form.view');
      },
    },
    {
      key: 'individkort',
      label: 'Individkort (individ with history)',
      request: get(`/individkort?individ=${fx.individ}`, fx.admin),
      ok: page,
      async sql(db) {
        await sessionCheck(db, c.token(fx.admin));
        const [card] = await Promise.all([
          findIndividCard(db, ws, fx.individ),
          workspaceNow(db, ws),
        ]);
        await recordPatientAccesses(
          db,
          (card?.patientIds ?? []).map((patientId) => ({
            workspaceId: ws,
            userId: c.prescriberId(fx.admin),
            careUnitId: null,
            patientId,
            action: 'individ.card.view',
          })),
        );
      },
    },
    {
      key: 'lasta',
      label: 'Admin Låsta BMB',
      request: get('/admin/lasta-bmb', fx.admin),
      ok: page,
      async sql(db) {
        await sessionCheck(db, c.token(fx.admin));
        const now = await workspaceNow(db, ws);
        await Promise.all([
          listLockedBmbs(db, testAdminScope(ws), now, { query: '' }),
          listUnlockRequestQueue(db, testAdminScope(ws), now, 10),
        ]);
      },
    },
    {
      key: 'logg',
      label: 'Admin Logg, audit by patient',
      request: actionRequest(
        '/admin/logg',
        c.ids.searchLog!,
        c.sessions.cookie(fx.admin),
        [
          ['kind', 'audit'],
          ['personnummer', fx.tenLoanPatientPersonnummer],
          ['username', ''],
          ['action', ''],
          ['from', ''],
          ['to', ''],
        ],
        { values: { kind: 'audit', personnummer: '', username: '', action: '', from: '', to: '' } },
        c.origin,
      ),
      ok: (status, headers) =>
        status === 200 && (headers['content-type'] ?? '').includes('text/x-component'),
      async sql(db) {
        await sessionCheck(db, c.token(fx.admin));
        const patient = await findPatientByPersonnummer(db, ws, fx.tenLoanPatientPersonnummer);
        await access(db, fx.admin, patient!.id, 'log.patient.search');
        await searchAuditEvents(db, testAdminScope(ws), { patientId: patient!.id }, { limit: 51 });
      },
    },
    feedPath(c),
  ];
}
