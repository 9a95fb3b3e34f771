import { randomUUID } from 'node:crypto';
import { auditEvents, patientAccessLog, rateLimitCounters } from '@bmb/db/schema';
import { demoId, demoPatients } from '@bmb/db/seed';
import { testDbKinds } from '@bmb/db/testing';
import { luhnCheckDigit, PATIENT_LOOKUP_LIMITS } from '@bmb/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { isHTTPAccessFallbackError } from 'next/dist/client/components/http-access-fallback/http-access-fallback';
import type { ReactElement } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import AdminOverviewPage from '@/app/(app)/admin/page';
import LockedBmbsPage from '@/app/(app)/admin/lasta-bmb/page';
import { searchLockedBmbs } from '@/app/(app)/admin/lasta-bmb/actions';
import TrainingCompletionsPage from '@/app/(app)/admin/ovningar/page';
import WebhooksPage from '@/app/(app)/admin/webhooks/page';
import LogPage from '@/app/(app)/admin/logg/page';
import { saveBmbDraft } from '@/app/(app)/hjalpmedel/[patientId]/bmb/actions';
import PatientLoansPage from '@/app/(app)/hjalpmedel/[patientId]/page';
import { searchPatient } from '@/app/(app)/hjalpmedel/actions';
import { searchIndivid } from '@/app/(app)/individkort/actions';
import KvitteraBmbPage from '@/app/(app)/kvittera-bmb/page';
import BmbPage from '@/app/(app)/skickade-bmb/[bmbId]/page';
import { sendBmb } from '@/app/(app)/skickade-bmb/actions';
import { ConfirmPatientView } from '@/components/patient-view/confirm-patient-view';
import {
  berglund,
  createDraft,
  draftForm,
  emptyDraftState,
  resetManualDevices,
  svensson,
} from './bmb-fixtures';
import { formData, settle } from './forms';
import { testSession as session } from './session';
import { createWorld, type World } from './world';

/**
 * Issue 15 (security, round 2), the items a server-side test can prove: pages
 * authorise and log by themselves, lookups are limited and logged, anonymous
 * refusals never reach the trail, nothing personal goes into a URL.
 * The page × role matrix over the real build is e2e/tests/page-matrix.spec.ts.
 */

const sameOrigin = () =>
  new Headers({ 'x-forwarded-for': '127.0.0.1', 'sec-fetch-site': 'same-origin' });

/** A valid personnummer of nobody in BMB: 1990-01-01 and a serial. */
function nobodysPersonnummer(serial: number): string {
  const nine = `900101${String(serial).padStart(3, '0')}`;
  return `19${nine}${luhnCheckDigit(nine)}`;
}

async function refusedWith404(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return false;
  } catch (error) {
    if (isHTTPAccessFallbackError(error)) return true;
    throw error;
  }
}

describe.each(testDbKinds())('pages and abuse on %s', (kind) => {
  let world: World;
  const oberg = {
    id: demoId('patient', demoPatients[5]!.personnummer),
    personnummer: demoPatients[5]!.personnummer,
  };
  const backman = { id: demoId('patient', demoPatients[9]!.personnummer) };

  const lastAuditId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
        .from(auditEvents)
    )[0]!.id;
  const lastAccessId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${patientAccessLog.id}), 0)` })
        .from(patientAccessLog)
    )[0]!.id;
  const accessSince = (id: number) =>
    world.db.select().from(patientAccessLog).where(gt(patientAccessLog.id, id));
  const auditSince = (id: number) =>
    world.db.select().from(auditEvents).where(gt(auditEvents.id, id));
  const as = async (username: string | null) => {
    session.user = username ? await world.userFor(username) : null;
    return session.user;
  };

  beforeAll(async () => {
    world = await createWorld(kind);
    session.world = world;
  });
  beforeEach(async () => {
    session.world = world;
    session.headers = sameOrigin();
    session.cookies.clear();
    await world.db.delete(rateLimitCounters);
  });
  afterAll(async () => {
    session.headers = sameOrigin();
    await world?.handle.close();
  });

  describe('item 1: every admin page checks the role itself', () => {
    const pages: [string, () => Promise<unknown>][] = [
      ['/admin', () => AdminOverviewPage()],
      ['/admin/lasta-bmb', () => LockedBmbsPage({ searchParams: Promise.resolve({}) })],
      ['/admin/logg', () => LogPage()],
      ['/admin/ovningar', () => TrainingCompletionsPage()],
      ['/admin/webhooks', () => WebhooksPage()],
    ];
    for (const [path, render] of pages) {
      it(`${path}: a prescriber gets 404 before anything is read, and the refusal is in the trail`, async () => {
        const user = await as('k100ana');
        const audit = await lastAuditId();
        const access = await lastAccessId();
        expect(await refusedWith404(render)).toBe(true);
        const written = await auditSince(audit);
        expect(written).toHaveLength(1);
        expect(written[0]).toMatchObject({
          action: 'page.denied',
          actorId: user!.prescriberId,
          after: { page: path, reason: 'forbidden' },
        });
        expect(await accessSince(access)).toEqual([]);
      });
      it(`${path}: Länsservice gets the page`, async () => {
        await as('admin');
        expect(await refusedWith404(render)).toBe(false);
      });
    }
  });

  // Before the tests below, whose clean-up answers every open BMB (the seed's locks too).
  describe('item 11: no personnummer in URLs', () => {
    it('Individkort refuses a personnummer without echoing it, and never redirects with it', async () => {
      await as('k100ana');
      const outcome = await settle(() =>
        searchIndivid({ individ: '' }, formData({ individ: '19121212-1212' })),
      );
      expect('returned' in outcome && outcome.returned.failure?.message).toMatch(
        /liknar ett personnummer/,
      );
      expect(JSON.stringify(outcome)).not.toContain('1212-1212');
      const found = await settle(() =>
        searchIndivid({ individ: '' }, formData({ individ: '170098' })),
      );
      expect(found).toEqual({ redirectedTo: '/individkort?individ=170098' });
    });

    it('Låsta BMB finds a lock by personnummer and by name, keeping neither in the URL', async () => {
      await as('admin');
      const byNumber = await settle(() =>
        searchLockedBmbs({}, formData({ sok: oberg.personnummer })),
      );
      expect(byNumber).toEqual({ redirectedTo: '/admin/lasta-bmb' });
      const kept = session.cookies.get('bmb.lasta-sok')!.value;
      expect(kept).toContain(oberg.id);
      expect(kept).not.toContain(oberg.personnummer.slice(2));
      const access = await lastAccessId();
      await LockedBmbsPage({ searchParams: Promise.resolve({}) });
      expect((await accessSince(access)).map((r) => r.patientId)).toEqual([oberg.id]);

      await settle(() => searchLockedBmbs({}, formData({ sok: 'Backman' })));
      const again = await lastAccessId();
      await LockedBmbsPage({ searchParams: Promise.resolve({}) });
      expect((await accessSince(again)).map((r) => r.patientId)).toEqual([backman.id]);

      const unknown = await searchLockedBmbs({}, formData({ sok: nobodysPersonnummer(3) }));
      expect(unknown.failure?.message).toMatch(/Ingen patient/);
    });
  });
  describe('item 3: every patient a page shows is in the access log', () => {
    let p2pBmbId: string;
    beforeAll(async () => {
      session.world = world;
      session.headers = sameOrigin();
      await resetManualDevices(world);
      await as('k100ana');
      // Patient to patient: Svensson's cushion goes to Berglund, received by k200bo.
      p2pBmbId = await createDraft({
        newPatientPersonnummer: berglund.personnummer,
        needsAssessmentConfirmed: true,
        deviceSafeConfirmed: true,
      });
      const sent = await sendBmb({}, formData({ bmbId: p2pBmbId, idempotencyKey: randomUUID() }));
      expect(sent.done).toBe(true);
    });
    afterAll(() => resetManualDevices(world));

    it('a patient-to-patient BMB page logs both patients, for the sender and for the receiver', async () => {
      for (const username of ['k100ana', 'k200bo']) {
        await as(username);
        const access = await lastAccessId();
        await BmbPage({ params: Promise.resolve({ bmbId: p2pBmbId }) });
        const rows = await accessSince(access);
        expect(rows.map((r) => r.patientId).sort(), username).toEqual(
          [svensson.id, berglund.id].sort(),
        );
        expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['bmb.view']));
      }
    });

    it('Kvittera BMB logs every patient in its lists (docs/decisions/009)', async () => {
      const user = await as('k200bo');
      const access = await lastAccessId();
      await KvitteraBmbPage({ searchParams: Promise.resolve({}) });
      const rows = await accessSince(access);
      expect(rows.length).toBeGreaterThan(0);
      expect(
        rows.every((r) => r.action === 'bmb.inbox.view' && r.userId === user!.prescriberId),
      ).toBe(true);
      // The waiting patient-to-patient BMB names Berglund.
      expect(rows.map((r) => r.patientId)).toContain(berglund.id);
    });
  });

  describe('item 4: no unlogged patient oracle in Spara ändringarna', () => {
    beforeAll(() => resetManualDevices(world));

    it('an otherwise invalid form never looks the new patient up', async () => {
      await as('k100ana');
      const access = await lastAccessId();
      const state = await saveBmbDraft(
        emptyDraftState,
        draftForm({ loanIds: [], newPatientPersonnummer: nobodysPersonnummer(1) }),
      );
      expect(state.failure?.fieldErrors?.loanIds).toBeDefined();
      expect(
        state.failure?.fieldErrors?.newPatientPersonnummer,
        'the answer says nothing about the number',
      ).toBeUndefined();
      expect(await accessSince(access)).toEqual([]);
      const counted = await world.db
        .select()
        .from(rateLimitCounters)
        .where(eq(rateLimitCounters.bucket, 'patient-lookup'));
      expect(counted, 'no lookup was made').toEqual([]);
    });

    it('a lookup that finds the new patient is logged as such', async () => {
      await as('k100ana');
      const access = await lastAccessId();
      const state = await settle(() =>
        saveBmbDraft(
          emptyDraftState,
          draftForm({
            newPatientPersonnummer: berglund.personnummer,
            needsAssessmentConfirmed: true,
            deviceSafeConfirmed: true,
          }),
        ),
      );
      expect('redirectedTo' in state).toBe(true);
      const rows = await accessSince(access);
      expect(rows).toEqual([
        expect.objectContaining({ patientId: berglund.id, action: 'bmb.new-patient.lookup' }),
      ]);
    });

    it('an unknown new patient on a valid form is a counted miss, with the number nowhere', async () => {
      await as('k100ana');
      const pnr = nobodysPersonnummer(2);
      const state = await saveBmbDraft(
        emptyDraftState,
        draftForm({
          newPatientPersonnummer: pnr,
          needsAssessmentConfirmed: true,
          deviceSafeConfirmed: true,
        }),
      );
      expect(state.failure?.fieldErrors?.newPatientPersonnummer?.[0]).toMatch(/Ingen patient/);
      const misses = await world.db
        .select()
        .from(rateLimitCounters)
        .where(eq(rateLimitCounters.bucket, 'patient-lookup.miss'));
      expect(misses.map((m) => m.hits)).toEqual([1]);
      expect(JSON.stringify(await world.db.select().from(rateLimitCounters))).not.toContain(
        pnr.slice(2),
      );
    });
  });

  describe('item 5: lookups are limited per user, across instances (the database counts)', () => {
    it('1,000 personnummer tried in a row: at most the limit answered, one audit event per limit reached, misses counted without the numbers', async () => {
      const user = await as('k400eva');
      const audit = await lastAuditId();
      const started = Date.now();
      const outcomes = { answered: 0, refused: 0 };
      let refusalMessage = '';
      for (let i = 0; i < 1000; i++) {
        const state = await searchPatient(
          { personnummer: '' },
          formData({ personnummer: nobodysPersonnummer(i) }),
        );
        if (state.failure?.code === 'rate-limited') {
          outcomes.refused++;
          refusalMessage = state.failure.message;
        } else outcomes.answered++;
      }
      const seconds = (Date.now() - started) / 1000;
      // The windows are fixed (a minute, a day, on the database's clock), so a
      // run may straddle a boundary: judge it by the windows it really touched.
      const windows = await world.db
        .select()
        .from(rateLimitCounters)
        .where(
          and(
            eq(rateLimitCounters.bucket, 'patient-lookup'),
            eq(rateLimitCounters.subject, user!.prescriberId),
          ),
        );
      const limitOf = (seconds: number) =>
        PATIENT_LOOKUP_LIMITS.find((l) => l.seconds === seconds)!.limit;
      const minutes = windows.filter((w) => w.windowSeconds === 60);
      expect(windows.reduce((n, w) => n + (w.windowSeconds === 60 ? w.hits : 0), 0)).toBe(1000);
      expect(outcomes.answered).toBeGreaterThanOrEqual(30);
      expect(outcomes.answered).toBeLessThanOrEqual(30 * minutes.length);
      expect(refusalMessage).toMatch(/Vänta en stund/);
      // One audit event per window whose limit was passed, however many refusals followed.
      const reached = (await auditSince(audit)).filter((e) => e.action === 'rate-limit.reached');
      const passed = windows.filter((w) => w.hits > limitOf(w.windowSeconds));
      expect(passed.some((w) => w.windowSeconds === 60)).toBe(true);
      expect(passed.some((w) => w.windowSeconds === 24 * 3600)).toBe(true);
      const crossings = reached.flatMap((e) =>
        (e.after as { windows: { seconds: number; hits: number }[] }).windows.filter(
          (w) => w.hits === limitOf(w.seconds) + 1,
        ),
      );
      expect(crossings).toHaveLength(passed.length);
      expect(reached.every((e) => e.actorId === user!.prescriberId)).toBe(true);
      const misses = await world.db
        .select()
        .from(rateLimitCounters)
        .where(eq(rateLimitCounters.bucket, 'patient-lookup.miss'));
      expect(misses.reduce((n, m) => n + m.hits, 0)).toBe(outcomes.answered);
      expect(JSON.stringify(await world.db.select().from(rateLimitCounters))).not.toMatch(
        /19900101/,
      );
      console.log(
        `lookup limit (${kind}): 1000 tried in ${seconds.toFixed(1)} s, ${outcomes.answered} answered, ${outcomes.refused} refused, ${reached.length} audit row(s)`,
      );
    });

    it('Översikt shows the person under "Misstänkt sökmönster"', async () => {
      await as('k400eva');
      for (let i = 0; i < 12; i++)
        await searchPatient(
          { personnummer: '' },
          formData({ personnummer: nobodysPersonnummer(i) }),
        );
      const { listSuspiciousLookups } = await import('@bmb/db/queries');
      const { testAdminScope } = await import('@bmb/db/testing');
      const { PATIENT_LOOKUP_LIMITS, RATE_LIMIT_BUCKETS, SUSPICIOUS_MISSES_PER_HOUR } =
        await import('@bmb/domain');
      const rows = await listSuspiciousLookups(
        world.db,
        testAdminScope(world.workspaceId),
        { lookups: RATE_LIMIT_BUCKETS.patientLookup, misses: RATE_LIMIT_BUCKETS.patientLookupMiss },
        PATIENT_LOOKUP_LIMITS,
        SUSPICIOUS_MISSES_PER_HOUR,
      );
      expect(rows).toEqual([
        expect.objectContaining({ username: 'k400eva', kind: 'misses', hits: 12 }),
      ]);
    });
  });

  describe('item 6: anonymous refusals are counted per source, never a permanent row each', () => {
    it('200 anonymous action calls write no audit row', async () => {
      await as(null);
      const audit = await lastAuditId();
      for (let i = 0; i < 200; i++)
        await searchPatient(
          { personnummer: '' },
          formData({ personnummer: svensson.personnummer }),
        );
      expect(await auditSince(audit)).toEqual([]);
      const counted = await world.db
        .select()
        .from(rateLimitCounters)
        .where(
          and(
            eq(rateLimitCounters.bucket, 'anonymous.refusal'),
            eq(rateLimitCounters.subject, '127.0.0.1'),
          ),
        );
      expect(counted.reduce((n, c) => n + c.hits, 0)).toBe(200);
    });
  });

  describe("items 7 and 13: refused pages are in the trail; a draft is its sender's alone", () => {
    beforeAll(() => resetManualDevices(world));

    it('the receiver a draft names cannot open it by URL, and the attempt is recorded', async () => {
      await as('k100ana');
      const draftId = await createDraft();
      const bo = await as('k200bo');
      const audit = await lastAuditId();
      const access = await lastAccessId();
      expect(
        await refusedWith404(() => BmbPage({ params: Promise.resolve({ bmbId: draftId }) })),
      ).toBe(true);
      expect(await auditSince(audit)).toEqual([
        expect.objectContaining({
          action: 'page.denied',
          actorId: bo!.prescriberId,
          after: { page: '/skickade-bmb/[bmbId]', reason: 'not-found' },
        }),
      ]);
      expect(await accessSince(access)).toEqual([]);
      await as('k100ana');
      expect(
        await refusedWith404(() => BmbPage({ params: Promise.resolve({ bmbId: draftId }) })),
      ).toBe(false);
    });
  });

  describe('item 8: another site cannot make a user look a patient up', () => {
    for (const site of ['cross-site', 'same-site', 'none', null]) {
      it(`Sec-Fetch-Site ${site}: a confirmation instead of the patient, and no access row`, async () => {
        await as('k100ana');
        session.headers = new Headers({
          'x-forwarded-for': '127.0.0.1',
          ...(site ? { 'sec-fetch-site': site } : {}),
        });
        const access = await lastAccessId();
        const shown = (await PatientLoansPage({
          params: Promise.resolve({ patientId: svensson.id }),
        })) as ReactElement<{ path: string }>;
        expect(shown.type).toBe(ConfirmPatientView);
        expect(shown.props.path).toBe(`/hjalpmedel/${svensson.id}`);
        expect(JSON.stringify(shown)).not.toContain('Svensson');
        expect(await accessSince(access)).toEqual([]);
      });
    }
    it('from a page of BMB: the patient, and the access row', async () => {
      await as('k100ana');
      const access = await lastAccessId();
      const shown = (await PatientLoansPage({
        params: Promise.resolve({ patientId: svensson.id }),
      })) as ReactElement;
      expect(shown.type).not.toBe(ConfirmPatientView);
      expect(await accessSince(access)).toEqual([
        expect.objectContaining({ patientId: svensson.id, action: 'patient.loans.view' }),
      ]);
    });
  });
});
