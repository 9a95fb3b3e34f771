import { randomUUID } from 'node:crypto';
import { createWebhook } from '@bmb/commands';
import {
  auditEvents,
  authSessions,
  authUsers,
  bmbEvents,
  bmbs,
  unlockRequests,
  webhookDeliveries,
} from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { desc, eq, gt, sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSessionUser, type CurrentUser } from '@/lib/auth/session-user';
import {
  createDraft,
  draftForm,
  manualLoan,
  resetManualDevices,
  sendBmbAs,
  svensson,
} from './bmb-fixtures';
import {
  actionKey,
  loadAction,
  readBuildInventory,
  routeMethods,
  type BuildInventory,
  type BuiltRoute,
} from './build-inventory';
import { formData, settle, type Settled } from './forms';
import { testSession as session } from './session';
import { rowsOf, tableChecksums, workspaceChecksums } from './table-checksums';
import { createWorld, type World } from './world';

/**
 * Issue 10, item 1: every server action and route handler of the production
 * build, called as each kind of user. The list comes from the build's
 * manifests (test/build-inventory.ts); the expectations are the table below, and
 * an action or route the build has but the table lacks fails the test.
 *
 * When it runs: in `pnpm test` only if apps/web/.next holds a build (it says so
 * and skips otherwise: unit tests run before `next build` in CI). The e2e task
 * runs it again after the build with BMB_REQUIRE_BUILD=1, where a missing build
 * is a failure (e2e/package.json).
 */

const ROLES = ['anonymous', 'owner', 'notOwner', 'receiver', 'admin', 'learner'] as const;
type Role = (typeof ROLES)[number];
/** Who plays each role: the owner sends the BMB (the manual's example) to the receiver. */
const USERNAMES: Record<Exclude<Role, 'anonymous' | 'learner'>, string> = {
  owner: 'k100ana',
  notOwner: 'k400eva',
  receiver: 'k200bo',
  admin: 'admin',
};
/** The learner is new staff (k300ny) inside an Övningsläge sandbox. */
const LEARNER = 'k300ny';

/**
 * allowed: succeeds. sandbox: succeeds, in the learner's sandbox only (production
 * rows unchanged). refused: a Swedish failure, no table changed, and when the
 * refusal is about who is asking (unauthenticated, forbidden, not found in the
 * caller's workspace) an `action.denied` audit event. A refusal by a rule on the
 * form's content (invalid-input, conflict) is not a denial and is not logged.
 */
type Expectation = 'allowed' | 'sandbox' | 'refused';
const A: Expectation = 'allowed';
const S: Expectation = 'sandbox';
const R: Expectation = 'refused';

interface Arranged {
  previous?: unknown;
  form?: FormData;
}
interface ActionCase {
  //              anonymous owner notOwner receiver admin learner
  expect: [Expectation, Expectation, Expectation, Expectation, Expectation, Expectation];
  why: string;
  /** Prepares the thing acted on (as its owner) and returns the call's arguments. */
  arrange: (ctx: Ctx) => Promise<Arranged>;
  /** For a returned (not redirected) outcome: did it succeed? Default: no `failure`. */
  succeeded?: (returned: Record<string, unknown> | undefined) => boolean;
}

interface Ctx {
  world: World;
  lockedBmb(): Promise<string>;
  learnerRunId(): Promise<string>;
}

const emptyLog = { kind: 'audit', personnummer: '', username: '', action: '', from: '', to: '' };

/** A webhook Länsservice registered (in tests, development's rule: an http address on 127.0.0.1 will do). */
async function registeredWebhook(world: World): Promise<string> {
  const created = await createWebhook(
    { db: world.db, webhookTargets: 'development' },
    await world.userFor('admin'),
    {
      url: 'http://127.0.0.1:9/bmb',
      eventTypes: ['bmb.sent'],
    },
  );
  if (!created.ok) throw new Error(`arrange: ${JSON.stringify(created)}`);
  return created.value.webhookId;
}

/** A delivery to such a webhook that failed every attempt: what "Skicka igen" is for. */
async function givenUpDelivery(world: World): Promise<string> {
  const webhookId = await registeredWebhook(world);
  await sendBmbAs(world, session, 'k100ana');
  const [event] = await world.db
    .select({ id: bmbEvents.id })
    .from(bmbEvents)
    .orderBy(desc(bmbEvents.id))
    .limit(1);
  const [delivery] = await world.db
    .insert(webhookDeliveries)
    .values({
      workspaceId: world.workspaceId,
      endpointId: webhookId,
      eventId: event!.id,
      eventType: 'bmb.sent',
      status: 'given_up',
      attempts: 6,
      lastStatusCode: 500,
      lastError: 'HTTP 500.',
    })
    .returning({ id: webhookDeliveries.id });
  return delivery!.id;
}

const ACTIONS: Record<string, ActionCase> = {
  'app/(app)/hjalpmedel/actions.ts#searchPatient': {
    expect: [R, A, A, A, A, S],
    why: 'any prescriber may look a patient up (it is written to the access log); the learner finds the sandbox patient',
    arrange: async () => ({
      previous: { personnummer: '' },
      form: formData({ personnummer: svensson.personnummer }),
    }),
  },
  'app/(app)/hjalpmedel/[patientId]/bmb/actions.ts#saveBmbDraft': {
    expect: [R, A, R, R, R, R],
    why: "only the sender saves their draft again: others are refused the owner's loans (a rule on the form), the learner's sandbox has no such patient (denied)",
    arrange: async () => ({ previous: undefined, form: draftForm({ bmbId: await createDraft() }) }),
  },
  'app/(app)/skickade-bmb/actions.ts#sendBmb': {
    expect: [R, A, R, R, R, R],
    why: 'Verkställ: only the sender of the draft',
    arrange: async () => ({
      form: formData({ bmbId: await createDraft(), idempotencyKey: randomUUID() }),
    }),
  },
  'app/(app)/skickade-bmb/actions.ts#discardBmbDraft': {
    expect: [R, A, R, R, R, R],
    why: 'only the sender discards their draft',
    arrange: async () => ({ form: formData({ bmbId: await createDraft() }) }),
  },
  'app/(app)/skickade-bmb/actions.ts#requestUnlock': {
    expect: [R, A, R, R, R, R],
    why: 'Begär upplåsning: only the sender of the locked BMB',
    arrange: async (ctx) => ({
      previous: { message: '' },
      form: formData({ bmbId: await ctx.lockedBmb(), message: 'Bo var bortrest.' }),
    }),
    succeeded: (r) => r?.done === true,
  },
  'app/(app)/kvittera-bmb/actions.ts#answerBmb': {
    expect: [R, R, R, A, R, R],
    why: 'Kvittera BMB: only the named receiver answers',
    arrange: async (ctx) => {
      const bmbId = await sendBmbAs(ctx.world, session, 'k100ana');
      const unit = demoId('care-unit', '5210');
      return {
        form: formData({
          bmbId,
          approved: 'nej',
          deliveryAddressId: unit,
          payerId: unit,
          message: 'Inte min patient.',
        }),
      };
    },
  },
  'app/(app)/kvittera-bmb/actions.ts#markMessageRead': {
    expect: [R, A, R, R, R, R],
    why: "Markera som läst: only the sender puts away the receiver's Nej; to anyone else the message is not found",
    arrange: async (ctx) => {
      const bmbId = await sendBmbAs(ctx.world, session, 'k100ana');
      await ctx.world.db
        .update(bmbs)
        .set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'Inte min patient.' })
        .where(eq(bmbs.id, bmbId));
      return { previous: {}, form: formData({ kind: 'rejected', id: bmbId }) };
    },
    succeeded: (r) => r?.done === true,
  },
  'app/(app)/admin/lasta-bmb/actions.ts#unlockBmbs': {
    expect: [R, R, R, R, A, R],
    why: 'Länsservice only',
    arrange: async (ctx) => ({
      previous: { reason: '' },
      form: formData({ bmbIds: [await ctx.lockedBmb()], reason: 'Enligt samtal.' }),
    }),
    succeeded: (r) => (r?.done as { unlocked?: number } | undefined)?.unlocked === 1,
  },
  'app/(app)/admin/lasta-bmb/actions.ts#answerUnlockRequest': {
    expect: [R, R, R, R, A, R],
    why: 'Länsservice only',
    arrange: async (ctx) => {
      const bmbId = await ctx.lockedBmb();
      const { requestUnlock } = await import('@/app/(app)/skickade-bmb/actions');
      const asked = await as('k100ana', ctx.world, () =>
        requestUnlock({ message: '' }, formData({ bmbId, message: 'Snälla.' })),
      );
      if (!asked.done) throw new Error(`arrange: ${JSON.stringify(asked)}`);
      const [request] = await ctx.world.db
        .select()
        .from(unlockRequests)
        .where(eq(unlockRequests.bmbId, bmbId));
      return {
        previous: { message: '' },
        form: formData({
          requestId: request!.id,
          decision: 'decline',
          message: 'Ring kundtjänst.',
        }),
      };
    },
  },
  'app/(app)/admin/logg/actions.ts#searchLog': {
    expect: [R, R, R, R, A, R],
    why: 'Länsservice only; nobody is admin in a sandbox',
    arrange: async () => ({ previous: { values: emptyLog }, form: formData(emptyLog) }),
    succeeded: (r) => !r?.failure && !!r?.results,
  },
  'app/(app)/admin/webhooks/actions.ts#createWebhook': {
    expect: [R, R, R, R, A, R],
    why: 'Länsservice only (the secret is answered to them alone); nobody is admin in a sandbox, which has no feed to push',
    arrange: async () => ({
      previous: { values: { url: '', eventTypes: [], description: '' } },
      form: formData({
        url: 'http://127.0.0.1:9/bmb',
        eventTypes: ['bmb.sent', 'bmb.accepted'],
        description: 'Lagersystemet',
      }),
    }),
    succeeded: (r) => typeof (r?.done as { secret?: unknown } | undefined)?.secret === 'string',
  },
  'app/(app)/admin/webhooks/actions.ts#disableWebhook': {
    expect: [R, R, R, R, A, R],
    why: 'Länsservice only',
    arrange: async (ctx) => ({
      previous: {},
      form: formData({ webhookId: await registeredWebhook(ctx.world) }),
    }),
    succeeded: (r) => r?.done === true,
  },
  'app/(app)/admin/webhooks/actions.ts#resendDelivery': {
    expect: [R, R, R, R, A, R],
    why: 'Skicka igen on a given-up delivery: Länsservice only',
    arrange: async (ctx) => ({
      previous: {},
      form: formData({ deliveryId: await givenUpDelivery(ctx.world) }),
    }),
    succeeded: (r) => r?.done === true,
  },
  'app/(app)/dina-uppgifter/actions.ts#saveContactDetails': {
    expect: [R, A, A, A, A, S],
    why: 'everyone edits their own contact card (the session decides whose); the learner edits their sandbox copy',
    arrange: async () => ({
      previous: { values: {} },
      form: formData({
        phone: '0920-111 11',
        mobile: '',
        fax: '',
        email: 'ny@region.example',
        remindersEnabled: true,
      }),
    }),
    succeeded: (r) => r?.done === true,
  },
  'app/(app)/ovningslage/actions.ts#startTraining': {
    expect: [R, A, A, A, A, S],
    why: 'anyone signed in may train; a new sandbox, production untouched',
    arrange: async () => ({ form: formData({ scenario: 'skicka-bmb' }) }),
  },
  'app/(app)/ovningslage/actions.ts#continueTraining': {
    expect: [R, R, R, R, R, S],
    why: "only the learner continues their own run; another user's run id is not found",
    arrange: async (ctx) => ({ form: formData({ runId: await ctx.learnerRunId() }) }),
  },
  'app/(app)/ovningslage/actions.ts#leaveTraining': {
    expect: [R, A, A, A, A, S],
    why: 'leaving needs a session and changes only that session',
    arrange: async () => ({}),
  },
  'app/(app)/ovningslage/actions.ts#moveTrainingClock': {
    expect: [R, R, R, R, R, S],
    why: "Låt 7 dagar gå: the sandbox's clock, only in Övningsläge",
    arrange: async () => ({}),
  },
  'app/(app)/ovningslage/actions.ts#acknowledgeTrainingStep': {
    expect: [R, R, R, R, R, S],
    why: 'Nästa in the guide: only in Övningsläge, and only on the current step that explains',
    arrange: async () => ({ form: formData({ step: '0' }) }),
    succeeded: (r) => r?.done === true,
  },
  'app/(app)/admin/ovningar/actions.ts#setTrainingRequirement': {
    expect: [R, R, R, R, A, R],
    why: 'Länsservice marks new staff and releases them; a learner in a sandbox is nobody’s admin',
    // Releasing someone already free: allowed, and it changes nothing the other rows rely on.
    arrange: async () => ({ form: formData({ username: 'k100ana', required: 'nej' }) }),
    succeeded: (r) => r?.done !== undefined,
  },
  'app/(app)/admin/ovningar/actions.ts#setTrainingReminderDays': {
    expect: [R, R, R, R, A, R],
    why: 'when untrained new staff are reminded is a region rule, Länsservice’s to set',
    arrange: async () => ({ form: formData({ days: '7' }) }),
    succeeded: (r) => r?.done !== undefined,
  },
  'app/(app)/admin/konton/actions.ts#setRegionRules': {
    expect: [R, R, R, R, A, R],
    why: 'the region’s rule for unused accounts is Länsservice’s to set',
    // The default, set again: allowed, and no account is affected.
    arrange: async () => ({ form: formData({ months: '12' }) }),
    succeeded: (r) => r?.done !== undefined,
  },
  'app/(app)/admin/konton/actions.ts#reactivateAccount': {
    expect: [R, R, R, R, R, R],
    why: 'only Länsservice reactivates, and only an account the rule deactivated (none here: not found)',
    arrange: async () => ({ form: formData({ username: 'k200bo' }) }),
  },
  'app/(app)/admin/lasta-bmb/actions.ts#searchLockedBmbs': {
    expect: [R, R, R, R, A, R],
    why: 'Låsta BMB is Länsservice only; the search is POSTed and kept in a cookie, never in the URL',
    arrange: async () => ({ previous: {}, form: formData({ sok: 'k100ana' }) }),
  },
  'app/(app)/individkort/actions.ts#searchIndivid': {
    expect: [R, A, A, A, A, S],
    why: 'any prescriber may search a device; the card itself decides what it shows',
    arrange: async () => ({ previous: { individ: '' }, form: formData({ individ: '170098' }) }),
  },
  'components/patient-view/actions.ts#openPatientView': {
    expect: [R, A, A, A, A, S],
    why: '"Visa" on a patient page opened from outside: only a redirect back to it; the page decides what it shows',
    arrange: async () => ({ previous: {}, form: formData({ path: `/hjalpmedel/${svensson.id}` }) }),
  },
  'components/shell/session-actions.ts#keepSessionAlive': {
    expect: [R, A, A, A, A, S],
    why: '"Fortsätt" before the idle timeout: any session may keep itself alive, and nothing else changes',
    arrange: async () => ({}),
    succeeded: (r) => r?.done === true,
  },
  'app/logga-in/actions.ts#signInWithSso': {
    expect: [A, A, A, A, A, A],
    why: 'public: starting a login needs no session (goes to the IdP)',
    arrange: async () => ({}),
  },
  'app/avsluta/actions.ts#signOutEverywhere': {
    expect: [A, A, A, A, A, A],
    why: 'public: signing out is always allowed',
    arrange: async () => ({}),
  },
};

/**
 * Route handlers: the status each role gets. `null` = not called here, with the
 * reason (Auth.js's endpoints are mocked in unit tests; e2e/tests/sso.spec.ts
 * drives them through the real IdP).
 */
interface RouteCase {
  methods: string[];
  //       anonymous owner notOwner receiver admin learner
  status: [number, number, number, number, number, number] | null;
  why: string;
  request?: () => Request;
  /** Refusals here write action.denied (false: see `why`). */
  logsDenials?: boolean;
}
const ORIGIN = 'http://localhost:3100';
const ROUTES: Record<string, RouteCase> = {
  '/admin/logg/utdrag': {
    methods: ['POST'],
    status: [401, 403, 403, 403, 200, 403],
    why: 'the per-patient access-log extract: Länsservice only, same Origin only',
    request: () =>
      new Request(`${ORIGIN}/admin/logg/utdrag`, {
        method: 'POST',
        headers: { origin: ORIGIN },
        body: formData({ personnummer: svensson.personnummer }),
      }),
    logsDenials: true,
  },
  '/api/forskrivare': {
    methods: ['GET'],
    status: [401, 200, 200, 200, 200, 200],
    why: 'suggestions for Ny förskrivare: anyone signed in (the learner sees the sandbox). An anonymous GET is not audited: any web page can make a browser send one',
    request: () => new NextRequest(`${ORIGIN}/api/forskrivare?q=k2`),
  },
  '/api/ovning': {
    methods: ['POST'],
    status: [401, 200, 200, 200, 200, 200],
    why: "the guide's heartbeat: a no-op outside training; refused without a session (not audited: it reads only)",
    request: () =>
      new Request(`${ORIGIN}/api/ovning`, {
        method: 'POST',
        headers: { origin: ORIGIN },
        body: JSON.stringify({ path: '/hjalpmedel' }),
      }),
  },
  '/api/health': {
    methods: ['GET'],
    status: [200, 200, 200, 200, 200, 200],
    why: 'liveness: public, no personal data',
    request: () => new Request(`${ORIGIN}/api/health`),
  },
  '/api/health/ready': {
    methods: ['GET'],
    status: [200, 200, 200, 200, 200, 200],
    why: 'readiness: public, no personal data',
    request: () => new Request(`${ORIGIN}/api/health/ready`),
  },
  '/api/v1/masterdata': {
    methods: ['POST'],
    status: [401, 401, 401, 401, 401, 401],
    why: "the integration's batch upsert: a bearer token is its only credential, a browser session none (test/masterdata-route.test.ts drives it with tokens)",
    request: () =>
      new Request(`${ORIGIN}/api/v1/masterdata`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
  },
  '/api/v1/events': {
    methods: ['GET'],
    status: [401, 401, 401, 401, 401, 401],
    why: "the integration feed: a bearer token from the region's IdP is its only credential, a browser session none (test/api.test.ts drives it with tokens); refused calls are counted per source, never trail rows",
    request: () => new Request(`${ORIGIN}/api/v1/events`),
  },
  '/api/v1/bmbs': {
    methods: ['GET'],
    status: [401, 401, 401, 401, 401, 401],
    why: 'the integration API: bearer token only (test/api.test.ts)',
    request: () => new Request(`${ORIGIN}/api/v1/bmbs`),
  },
  '/api/v1/bmbs/[id]': {
    methods: ['GET'],
    status: [401, 401, 401, 401, 401, 401],
    why: 'the integration API: bearer token only (test/api.test.ts)',
    request: () => new Request(`${ORIGIN}/api/v1/bmbs/${demoId('bmb', 'locked-1')}`),
  },
  '/api/v1/openapi.json': {
    methods: ['GET'],
    status: [200, 200, 200, 200, 200, 200],
    why: 'the integration contract: public, no data (test/openapi.test.ts validates it)',
    request: () => new Request(`${ORIGIN}/api/v1/openapi.json`),
  },
  '/api/docs': {
    methods: ['GET'],
    status: [200, 200, 200, 200, 200, 200],
    why: "the contract's reference page: public, no data",
    request: () => new Request(`${ORIGIN}/api/docs`),
  },
  '/api/docs/[asset]': {
    methods: ['GET'],
    status: [200, 200, 200, 200, 200, 200],
    why: "Swagger UI's own files for the reference page: public, no data",
    request: () => new Request(`${ORIGIN}/api/docs/swagger-ui.css`),
  },
  '/api/auth/[...nextauth]': {
    methods: ['GET', 'POST'],
    status: null,
    why: "Auth.js's own sign-in/callback/sign-out endpoints, public by design; mocked in unit tests, exercised by e2e/tests/sso.spec.ts",
  },
  '/icon.svg': {
    methods: ['GET'],
    status: null,
    why: 'a static file Next serves itself (app/icon.svg): no code',
  },
};

/** Runs `run` as `username` (in production), then puts the session back. */
async function as<T>(username: string, world: World, run: () => Promise<T>): Promise<T> {
  const previous = session.user;
  session.user = await world.userFor(username);
  try {
    return await run();
  } finally {
    session.user = previous;
  }
}

const productionChecksums = (world: World) => workspaceChecksums(world.db, world.workspaceId);

const failureOf = (outcome: Settled<unknown>) => {
  if ('redirectedTo' in outcome) return undefined;
  const r = outcome.returned as Record<string, unknown> | undefined;
  return r?.failure as { code: string; message: string } | undefined;
};

const DENIAL_CODES = new Set(['unauthenticated', 'forbidden', 'not-found']);
/** Changed by a refusal on purpose: the trail, the learner's hint, and the anonymous counters. */
const UNCHECKED_TABLES = ['audit_events', 'training_runs', 'training_run_steps', 'rate_limit_counters'];

const required = process.env.BMB_REQUIRE_BUILD === '1';
const build = readBuildInventory();
if (!build && required)
  throw new Error(
    'BMB_REQUIRE_BUILD=1 but apps/web/.next has no build: run `pnpm --filter @bmb/web build` first.',
  );
if (!build) {
  console.warn(
    'action-matrix: skipped, no production build in apps/web/.next. Run `pnpm --filter @bmb/web build`, then this test (it runs after the build in `turbo run e2e`).',
  );
}

interface Tally {
  pairs: number;
  unexpectedSuccesses: number;
  refused: number;
  denialsExpected: number;
  denialsLogged: number;
  byCode: Record<string, number>;
}

describe.skipIf(!build).each(build ? testDbKinds() : ['pglite' as const])(
  'action × role matrix on %s',
  (kind) => {
    // Vitest runs a skipped describe's body too (to collect its tests): without a build, an empty inventory.
    const inventory: BuildInventory = build ?? {
      buildId: '',
      builtAt: new Date(0),
      actions: [],
      routes: [],
    };
    let world: World;
    const learnerToken = `test-session-${LEARNER}`;
    const tally: Tally = {
      pairs: 0,
      unexpectedSuccesses: 0,
      refused: 0,
      denialsExpected: 0,
      denialsLogged: 0,
      byCode: {},
    };
    const started = Date.now();
    const allPairs =
      ROLES.length *
      (inventory.actions.length +
        inventory.routes.reduce((n, r) => n + (ROUTES[r.path]?.methods.length ?? 1), 0));

    /** The learner as the app resolves the session: inside a sandbox, starting a run first if they left it. */
    async function currentLearner(): Promise<CurrentUser> {
      let user = await resolveSessionUser(world.db, learnerToken, {
        now: new Date(),
        idleMinutes: 30,
      });
      if (!user?.training) {
        const { startTraining } = await import('@/app/(app)/ovningslage/actions');
        await as(LEARNER, world, () =>
          settle(() => startTraining({}, formData({ scenario: 'skicka-bmb' }))),
        );
        user = await resolveSessionUser(world.db, learnerToken, {
          now: new Date(),
          idleMinutes: 30,
        });
      }
      if (!user?.training) throw new Error('arrange: the learner is not in training');
      return user;
    }

    const ctx = (): Ctx => ({
      world,
      async lockedBmb() {
        const id = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(2)] });
        await world.db
          .update(bmbs)
          .set({ sentAt: new Date(Date.now() - 8 * 86_400_000) })
          .where(eq(bmbs.id, id));
        return id;
      },
      async learnerRunId() {
        return (await currentLearner()).training!.runId;
      },
    });

    async function userOf(role: Role): Promise<CurrentUser | null> {
      if (role === 'anonymous') return null;
      if (role === 'learner') return currentLearner();
      return world.userFor(USERNAMES[role]);
    }

    const lastAuditId = async () =>
      (
        await world.db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .orderBy(desc(auditEvents.id))
          .limit(1)
      )[0]?.id ?? 0;

    const anonymousRefusals = async () =>
      Number(
        rowsOf<{ n: number }>(
          await world.db.execute(
            sql`select coalesce(sum(hits), 0)::int as n from rate_limit_counters where bucket = 'anonymous.refusal'`,
          ),
        )[0]?.n ?? 0,
      );

    beforeAll(async () => {
      world = await createWorld(kind);
      session.world = world;
      await world.db
        .insert(authUsers)
        .values({ id: `test-auth-user-${LEARNER}`, username: LEARNER, name: 'Nora Nyström' });
      await world.db.insert(authSessions).values({
        sessionToken: learnerToken,
        userId: `test-auth-user-${LEARNER}`,
        expires: new Date(Date.now() + 3600_000),
      });
      await currentLearner();
    });
    afterAll(async () => {
      await world?.handle.close();
      if (tally.pairs > 0) {
        console.info(
          `action-matrix on ${kind} (build ${inventory.buildId}): ${tally.pairs}/${allPairs} pairs tested ` +
            `(the rest are Auth.js's endpoints and icon.svg, see ROUTES), ` +
            `${tally.unexpectedSuccesses} unexpected successes, ${tally.refused} refusals ${JSON.stringify(tally.byCode)}, ` +
            `action.denied logged for ${tally.denialsLogged}/${tally.denialsExpected} denials, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    });

    it('has an expectation for every action and route of the build, and none for things the build lacks', () => {
      const built = inventory.actions.map(actionKey);
      expect(built.length).toBeGreaterThanOrEqual(10);
      expect(
        built.filter((key) => !(key in ACTIONS)),
        'actions in the build without a row in ACTIONS',
      ).toEqual([]);
      expect(
        Object.keys(ACTIONS).filter((key) => !built.includes(key)),
        'rows in ACTIONS the build does not have (a stale build? pnpm --filter @bmb/web build)',
      ).toEqual([]);
      const paths = inventory.routes.map((r) => r.path);
      expect(
        paths.filter((p) => !(p in ROUTES)),
        'routes in the build without a row in ROUTES',
      ).toEqual([]);
      expect(
        Object.keys(ROUTES).filter((p) => !paths.includes(p)),
        'rows in ROUTES the build does not have (a stale build?)',
      ).toEqual([]);
    });

    it('every route exports exactly the methods the table expects', async () => {
      for (const route of inventory.routes) {
        expect(await routeMethods(route), route.path).toEqual(ROUTES[route.path]?.methods);
      }
    });

    for (const action of inventory.actions) {
      const key = actionKey(action);
      const spec = ACTIONS[key];
      ROLES.forEach((role, i) => {
        it(`${key} as ${role}: ${spec?.expect[i] ?? 'no expectation'}`, async () => {
          if (!spec) throw new Error(`${key} is in the build but has no row in ACTIONS`);
          const expected = spec.expect[i]!;
          const fn = await loadAction(action);
          session.world = world;
          await resetManualDevices(world);
          session.user = await world.userFor('k100ana');
          const { previous, form } = await spec.arrange(ctx());
          session.user = await userOf(role);

          const sums = await tableChecksums(world.db, UNCHECKED_TABLES);
          const trainingRuns = await tableChecksums(world.db).then((s) => [s.training_runs, s.training_run_steps]);
          const production = await productionChecksums(world);
          const auditBefore = await lastAuditId();
          const anonymousBefore = await anonymousRefusals();

          const outcome = await settle(() => fn(previous ?? {}, form ?? new FormData()));
          tally.pairs++;
          const refusal = failureOf(outcome);
          const returned =
            'returned' in outcome
              ? (outcome.returned as Record<string, unknown> | undefined)
              : undefined;
          const succeeded =
            'redirectedTo' in outcome || (!refusal && (spec.succeeded ?? (() => true))(returned));
          const label = `${key} as ${role} → ${JSON.stringify(outcome).slice(0, 300)}`;

          if (role === 'learner')
            expect(await productionChecksums(world), `${label}: production rows changed`).toEqual(
              production,
            );
          if (expected !== 'refused') {
            expect(succeeded, label).toBe(true);
            return;
          }
          if (succeeded) tally.unexpectedSuccesses++;
          expect(succeeded, `${label}: expected a refusal`).toBe(false);
          expect(refusal?.message, label).toMatch(/[a-zåäö]/i);
          tally.refused++;
          tally.byCode[refusal!.code] = (tally.byCode[refusal!.code] ?? 0) + 1;
          expect(
            await tableChecksums(world.db, UNCHECKED_TABLES),
            `${label}: a table changed`,
          ).toEqual(sums);
          // The learner's refusals become the guide's hint (training_runs.last_mistake, a hint counted); nobody else's may touch them.
          if (role !== 'learner')
            expect(
              await tableChecksums(world.db).then((s) => [s.training_runs, s.training_run_steps]),
              label,
            ).toEqual(trainingRuns);
          const written = await world.db
            .select()
            .from(auditEvents)
            .where(gt(auditEvents.id, auditBefore));
          expect(
            written.filter((e) => e.action !== 'action.denied'),
            `${label}: audit events other than action.denied`,
          ).toEqual([]);
          if (DENIAL_CODES.has(refusal!.code)) {
            tally.denialsExpected++;
            if (session.user) {
              expect(written, `${label}: no action.denied`).toHaveLength(1);
              expect(written[0]!.actorId).toBe(session.user.prescriberId);
            } else {
              // Anonymous refusals never write the append-only trail (issue 15, item 6): they are counted per source.
              expect(written, `${label}: an anonymous refusal in the trail`).toEqual([]);
              expect(await anonymousRefusals(), `${label}: not counted`).toBeGreaterThan(
                anonymousBefore,
              );
            }
            tally.denialsLogged++;
          }
        });
      });
    }

    for (const route of inventory.routes) {
      const spec = ROUTES[route.path];
      if (!spec?.status || !spec.request) continue;
      ROLES.forEach((role, i) => {
        it(`${spec.methods[0]} ${route.path} as ${role}: ${spec.status![i]}`, async () => {
          const handler = await loadRoute(route, spec.methods[0]!);
          session.world = world;
          session.user = await userOf(role);
          const sums = await tableChecksums(world.db, UNCHECKED_TABLES);
          const production = await productionChecksums(world);
          const auditBefore = await lastAuditId();
          const response = await handler(spec.request!());
          tally.pairs++;
          const expected = spec.status![i]!;
          if (role === 'learner')
            expect(
              await productionChecksums(world),
              `${route.path} as learner: production changed`,
            ).toEqual(production);
          if (expected === 200 && response.status !== 200)
            throw new Error(
              `${route.path} as ${role}: ${response.status} ${await response.text()}`,
            );
          if (expected !== 200 && response.status === 200) tally.unexpectedSuccesses++;
          expect(response.status, `${route.path} as ${role}`).toBe(expected);
          if (expected === 200) return;
          tally.refused++;
          tally.byCode[String(expected)] = (tally.byCode[String(expected)] ?? 0) + 1;
          expect(await tableChecksums(world.db, UNCHECKED_TABLES)).toEqual(sums);
          const written = await world.db
            .select()
            .from(auditEvents)
            .where(gt(auditEvents.id, auditBefore));
          expect(written.filter((e) => e.action !== 'action.denied')).toEqual([]);
          if (spec.logsDenials && session.user) {
            tally.denialsExpected++;
            expect(written, `${route.path} as ${role}: no action.denied`).toHaveLength(1);
            tally.denialsLogged++;
          } else {
            expect(written).toEqual([]);
          }
        });
      });
    }
  },
);

async function loadRoute(
  route: BuiltRoute,
  method: string,
): Promise<(request: Request) => Promise<Response>> {
  const { webDir } = await import('./build-inventory');
  const loaded = (await import(/* @vite-ignore */ `${webDir}${route.file}`)) as Record<
    string,
    unknown
  >;
  return loaded[method] as (request: Request) => Promise<Response>;
}
