import { followTraining } from '@bmb/commands';
import type { Db } from '@bmb/db/client';
import { recordAudit, recordPatientAccess, recordPatientAccesses } from '@bmb/db/audit';
import {
  FEED_START,
  LIST_PAGE_SIZE,
  findProductionWorkspaceId,
  readFeed,
  findIndividCard,
  findPatient,
  findPatientByPersonnummer,
  findPrescriberByUsername,
  findSessionPrincipal,
  listIncomingBmbs,
  listLockedBmbsPage,
  listPatientLoans,
  listUnansweredBmbsInvolving,
  listUnlockRequestQueue,
  listUnreadDeclinedBmbs,
  listUnreadLansserviceAnswers,
  readPageShell,
  searchAuditEvents,
} from '@bmb/db/queries';
import { testAdminScope } from '@bmb/db/testing';
import { checkAdmin, type PatientAccessAction, type PersonActor } from '@bmb/domain';
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
  /** The trivial page and the bare Next.js app are floors, not key paths. */
  floorOnly?: boolean;
  /** Served by the bare Next.js app (checks/bare-next), not by apps/web. */
  server?: 'bare';
  /** A list page's variant with no rows (same page, same work, nothing to show): the key of the full one. */
  emptyOf?: string;
  /** A list page: the rows it shows, counted in its HTML. */
  rows?(html: string): number;
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

/**
 * What the app checks on every request (session-user.ts): one query, and the
 * user it makes of it (no training run: the bench sessions have none; the
 * session's last_seen_at is written at most once a minute, left out).
 */
async function sessionCheck(db: Db, token: string): Promise<PersonActor> {
  const session = await findSessionPrincipal(db, token);
  const p = session?.prescriber;
  if (!session?.workspaceId || !p) throw new Error('A bench session has no prescriber');
  const identity = { workspaceId: session.workspaceId, prescriberId: p.id, role: p.role, trainingRequired: p.trainingRequired };
  return {
    kind: 'person',
    username: p.username,
    name: p.name,
    identity,
    workspaceId: session.workspaceId,
    prescriberId: p.id,
    role: p.role,
    careUnitId: session.defaultPayerId,
    training: null,
  };
}

/**
 * A page of the (app) group as the server renders it: the session read, then
 * the page frame (readPageShell: the workspace clock, the Kvittera badge's
 * count and, for Länsservice, the open unlock requests, in one statement that
 * the app reads once per request and shares between the layouts and the
 * page, lib/request-clock.ts), then the layout's training sync
 * (followTraining: no SQL outside Övningsläge) beside the page's own
 * statements, as React renders a layout and its page in parallel.
 */
async function pageSql(
  db: Db,
  token: string,
  page: (user: PersonActor, now: Date) => Promise<unknown>,
): Promise<void> {
  const user = await sessionCheck(db, token);
  const { now } = await readPageShell(db, user.workspaceId, user.prescriberId, checkAdmin(user));
  await Promise.all([followTraining({ db }, user, { path: null }), page(user, now)]);
}

/** Låsta BMB's search cookie (app/(app)/admin/lasta-bmb/locked-search.ts), and a search no BMB matches. */
const LOCKED_SEARCH_COOKIE = 'bmb.lasta-sok';
const NO_MATCH = 'zq-ingen-traff-bench';

/** The unlock requests in Låsta BMB's queue: `<li>`s of its first section. */
function queueItems(html: string): number {
  const section = html.match(/<section[^>]*aria-labelledby="queue-heading"[^>]*>([\s\S]*?)<\/section>/)?.[1] ?? '';
  return section.match(/<li[\s>]/g)?.length ?? 0;
}

/** The data rows of a page's tables: `<tr>`s inside `<tbody>`s, less the "Ingen träff." row an empty table shows (one cell spanning all columns). */
export function tableRows(html: string): number {
  let n = 0;
  for (const [, body] of html.matchAll(/<tbody[^>]*>([\s\S]*?)<\/tbody>/g))
    for (const [row] of body!.matchAll(/<tr[\s>][\s\S]*?<\/tr>/g)) if (!/colSpan=/i.test(row)) n++;
  return n;
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
  const inbox = (username: string) => async (db: Db) =>
    pageSql(db, c.token(username), async (user, now) => {
      // app/(app)/kvittera-bmb/page.tsx: the first page of the incoming list, the three message lists, their patients logged.
      const [toMe, locked, declined, news] = await Promise.all([
        listIncomingBmbs(db, ws, user.prescriberId, now, { sort: 'oldest', state: 'all', page: 1, size: LIST_PAGE_SIZE }),
        listUnansweredBmbsInvolving(db, ws, user.prescriberId, now),
        listUnreadDeclinedBmbs(db, ws, user.prescriberId, now),
        listUnreadLansserviceAnswers(db, ws, user.prescriberId, now),
      ]);
      await shown(db, user, 'bmb.inbox.view', [toMe.rows, locked, declined, news].flatMap((rows) => rows.map((r) => r.patientId)));
    });
  const locked = (query: string) => async (db: Db) =>
    pageSql(
      db,
      c.token(fx.admin),
      async (user, now) => {
        // app/(app)/admin/lasta-bmb/page.tsx: the queue's first ten, the first page of all locked BMBs, their patients logged.
        const admin = checkAdmin(user)!;
        const filter = { query, patientId: undefined, requestedOnly: false };
        const [all, queue] = await Promise.all([
          listLockedBmbsPage(db, admin, now, filter, { sort: 'oldest', state: 'all', page: 1, size: LIST_PAGE_SIZE }),
          listUnlockRequestQueue(db, admin, now, 10, filter),
        ]);
        await shown(db, user, 'bmb.locked.view', [...all.rows, ...queue.rows].map((r) => r.patientId));
      },
    );
  const lockedRows = (html: string) => tableRows(html) + queueItems(html);
  const shown = (db: Db, user: PersonActor, action: PatientAccessAction, patientIds: string[]) =>
    recordPatientAccesses(
      db,
      [...new Set(patientIds)].map((patientId) => ({
        workspaceId: ws,
        userId: user.prescriberId,
        careUnitId: user.careUnitId,
        patientId,
        action,
      })),
    );
  return [
    {
      key: 'bare',
      label: 'Bare Next.js (proxy + session read)',
      floorOnly: true,
      server: 'bare',
      request: get('/', fx.holder),
      ok: page,
      async sql(db) {
        await findSessionPrincipal(db, c.token(fx.holder));
      },
    },
    {
      key: 'trivial',
      label: 'Trivial page (Dina uppgifter)',
      floorOnly: true,
      request: get('/dina-uppgifter', fx.holder),
      ok: page,
      sql: (db) =>
        pageSql(db, c.token(fx.holder), (user) => findPrescriberByUsername(db, ws, user.username)),
    },
    {
      key: 'hjalpmedel',
      label: 'Hjälpmedel (patient with 10 loans)',
      request: get(`/hjalpmedel/${fx.tenLoanPatientId}`, fx.holder),
      ok: page,
      sql: (db) =>
        pageSql(db, c.token(fx.holder), async () => {
          await findPatient(db, ws, fx.tenLoanPatientId);
          await listPatientLoans(db, ws, fx.tenLoanPatientId);
          await access(db, fx.holder, fx.tenLoanPatientId, 'patient.loans.view');
        }),
    },
    {
      key: 'kvittera',
      label: 'Kvittera BMB (busy receiver)',
      request: get('/kvittera-bmb', fx.busyReceiver),
      ok: page,
      rows: tableRows,
      sql: inbox(fx.busyReceiver),
    },
    {
      key: 'kvittera-empty',
      label: 'Kvittera BMB, empty (nothing waiting, locked, declined or unlocked)',
      emptyOf: 'kvittera',
      request: get('/kvittera-bmb', fx.emptyReceiver),
      ok: page,
      rows: tableRows,
      sql: inbox(fx.emptyReceiver),
    },
    {
      key: 'bmb-form',
      label: 'BMB form (10 loans)',
      request: get(`/hjalpmedel/${fx.tenLoanPatientId}/bmb`, fx.holder),
      ok: page,
      sql: (db) =>
        pageSql(db, c.token(fx.holder), async () => {
          await findPatient(db, ws, fx.tenLoanPatientId);
          await listPatientLoans(db, ws, fx.tenLoanPatientId);
          await access(db, fx.holder, fx.tenLoanPatientId, 'bmb.form.view');
        }),
    },
    {
      key: 'individkort',
      label: 'Individkort (individ with history)',
      request: get(`/individkort?individ=${fx.individ}`, fx.admin),
      ok: page,
      sql: (db) =>
        pageSql(db, c.token(fx.admin), async (user) => {
          const card = await findIndividCard(db, ws, fx.individ);
          await shown(db, user, 'individ.card.view', card?.patientIds ?? []);
        }),
    },
    {
      key: 'lasta',
      label: 'Admin Låsta BMB',
      request: get('/admin/lasta-bmb', fx.admin),
      ok: page,
      rows: lockedRows,
      sql: locked(''),
    },
    {
      key: 'lasta-empty',
      label: 'Admin Låsta BMB, empty (a search matching nothing)',
      emptyOf: 'lasta',
      // The search is kept in a cookie (locked-search.ts), so a GET carries it.
      request: {
        ...get('/admin/lasta-bmb', fx.admin),
        headers: {
          ...get('/admin/lasta-bmb', fx.admin).headers,
          cookie: `${c.sessions.cookie(fx.admin)}; ${LOCKED_SEARCH_COOKIE}=${encodeURIComponent(JSON.stringify({ query: NO_MATCH }))}`,
        },
      },
      ok: page,
      rows: lockedRows,
      sql: locked(NO_MATCH),
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
