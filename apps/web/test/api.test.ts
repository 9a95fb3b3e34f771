import { randomUUID } from 'node:crypto';
import { listDeliveryAddressesOf, listPayersOf } from '@bmb/db/queries';
import { auditEvents, rateLimitCounters } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import { apiBmbDetailSchema, bmbsPageSchema, eventsPageSchema, problemSchema } from '@bmb/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getBmb } from '@/app/api/v1/bmbs/[id]/route';
import { GET as listBmbs } from '@/app/api/v1/bmbs/route';
import { GET as getEvents } from '@/app/api/v1/events/route';
import { answerBmb } from '@/app/(app)/kvittera-bmb/actions';
import { createDraft, manualLoan, resetManualDevices, sendBmbAs } from './bmb-fixtures';
import { formData, settle } from './forms';
import { APP, localIssuer, type LocalIssuer } from './local-issuer';
import { testSession as session } from './session';
import { createWorld, type World } from './world';

/**
 * The integration API's reads and its guard, without the real IdP: a local
 * issuer serves a discovery document and a JWKS, and the test signs tokens
 * as the region's IdP would (client credentials, RFC 8707 audience).
 */
let issuer: LocalIssuer;
const token = (claims?: Parameters<LocalIssuer['token']>[0]) => issuer.token(claims);

const call = (path: string, bearer?: string) =>
  new Request(`${APP}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
const noParams = { params: Promise.resolve({}) };

describe.each(testDbKinds())('integration API (reads) on %s', (kind) => {
  let world: World;
  const lastAuditId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
        .from(auditEvents)
    )[0]!.id;

  beforeAll(async () => {
    issuer = await localIssuer();
    world = await createWorld(kind);
    session.world = world;
  });
  afterAll(async () => {
    await world?.handle.close();
  });

  describe('the guard', () => {
    it('refuses a call without a token (401), counted per source, not in the trail', async () => {
      const before = await lastAuditId();
      const response = await getEvents(call('/api/v1/events'), noParams);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      const body = (await response.json()) as unknown;
      expect(problemSchema.safeParse(body).error).toBeUndefined();
      expect(body).toMatchObject({ type: 'urn:bmb:problem:invalid_token', status: 401 });
      expect(await world.db.select().from(auditEvents).where(gt(auditEvents.id, before))).toEqual(
        [],
      );
      const counted = await world.db
        .select()
        .from(rateLimitCounters)
        .where(eq(rateLimitCounters.bucket, 'anonymous.refusal'));
      expect(counted.length).toBeGreaterThan(0);
    });

    it('refuses a token for another audience, another issuer, an expired one and a mere ID token', async () => {
      for (const bad of [
        await token({ aud: 'http://localhost:3100/api/v1' }),
        await token({ iss: 'http://localhost:9999' }),
        await token({ expiresIn: '-1m' }),
        await token({ typ: 'JWT' }),
        'not.a.token',
      ]) {
        expect((await getEvents(call('/api/v1/events', bad), noParams)).status).toBe(401);
      }
    });

    it('refuses a token without the scope (403), audited with the client id', async () => {
      const before = await lastAuditId();
      const response = await getEvents(
        call('/api/v1/events', await token({ scope: 'bmbs:read' })),
        noParams,
      );
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('scope="events:read"');
      const [audited] = await world.db.select().from(auditEvents).where(gt(auditEvents.id, before));
      expect(audited).toMatchObject({
        action: 'api.called',
        actorId: null,
        after: { client: 'lagersystem', status: 403, path: '/api/v1/events' },
      });
    });
  });

  describe('GET /api/v1/events', () => {
    it('tells what BMB did, in order, with the loans’ new holders; paged by its cursor; every call audited', async () => {
      await resetManualDevices(world);
      const bearer = await token();
      const start = (await (
        await getEvents(call('/api/v1/events?limit=1000', bearer), noParams)
      ).json()) as { next: string };

      const bmbId = await sendBmbAs(world, session, 'k100ana');
      session.user = await world.userFor('k200bo');
      const [address] = await listDeliveryAddressesOf(
        world.db,
        world.workspaceId,
        session.user.prescriberId,
      );
      const [payer] = await listPayersOf(world.db, world.workspaceId, session.user.prescriberId);
      expect(
        await settle(() =>
          answerBmb(
            {},
            formData({ bmbId, approved: 'ja', deliveryAddressId: address!.id, payerId: payer!.id }),
          ),
        ),
      ).toEqual({
        redirectedTo: '/kvittera-bmb?besvarad=ja',
      });

      const before = await lastAuditId();
      const first = await getEvents(
        call(`/api/v1/events?after=${start.next}&limit=1`, bearer),
        noParams,
      );
      expect(first.status).toBe(200);
      const page1 = (await first.json()) as {
        events: { id: string; type: string; occurredAt: string; data: Record<string, unknown> }[];
        next: string;
      };
      expect(eventsPageSchema.safeParse(page1).error).toBeUndefined();
      expect(page1.events.map((e) => e.type)).toEqual(['bmb.sent']);
      expect(page1.events[0]!.data).toMatchObject({
        bmbId,
        sender: 'k100ana',
        receiver: 'k200bo',
        loans: [{ articleNo: '10156', individNo: '170098' }],
      });
      const page2 = (await (
        await getEvents(call(`/api/v1/events?after=${page1.next}`, bearer), noParams)
      ).json()) as typeof page1;
      expect(eventsPageSchema.safeParse(page2).error).toBeUndefined();
      expect(page2.events.map((e) => e.type)).toEqual(['bmb.accepted']);
      expect(page2.events[0]!.data).toMatchObject({
        bmbId,
        loans: [
          {
            articleNo: '10156',
            individNo: '170098',
            prescriber: 'k200bo',
            payer: payer!.code,
            deliveryAddress: address!.code,
            personnummer: '191212121212',
          },
        ],
      });
      // Polling on from the end answers nothing new, and the same cursor.
      const page3 = (await (
        await getEvents(call(`/api/v1/events?after=${page2.next}`, bearer), noParams)
      ).json()) as typeof page1;
      expect(page3).toEqual({ events: [], next: page2.next });

      const calls = await world.db
        .select()
        .from(auditEvents)
        .where(and(gt(auditEvents.id, before), eq(auditEvents.action, 'api.called')));
      expect(calls).toHaveLength(3);
      expect(calls.every((c) => (c.after as { client: string }).client === 'lagersystem')).toBe(
        true,
      );
    });

    it('refuses a malformed cursor or limit with a problem document', async () => {
      const bearer = await token();
      for (const query of ['after=abc', 'after=1.2.3', 'limit=0', 'limit=5000', 'limit=x']) {
        const response = await getEvents(call(`/api/v1/events?${query}`, bearer), noParams);
        expect(response.status, query).toBe(400);
        expect(((await response.json()) as { type: string }).type).toBe(
          'urn:bmb:problem:invalid-query',
        );
      }
    });
  });

  describe('GET /api/v1/bmbs', () => {
    it('lists sent BMBs, never drafts, filtered by state and paged; one BMB with its patients and devices', async () => {
      await resetManualDevices(world);
      session.user = await world.userFor('k100ana');
      const draft = await createDraft();
      const sent = await sendBmbAs(world, session, 'k100ana', { loanIds: [manualLoan(4)] });
      const bearer = await token({ scope: 'bmbs:read' });

      const seen: { id: string; status: string }[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 50; pages++) {
        const response = await listBmbs(
          call(`/api/v1/bmbs?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`, bearer),
          noParams,
        );
        expect(response.status).toBe(200);
        const page = (await response.json()) as {
          bmbs: { id: string; status: string }[];
          next: string | null;
        };
        expect(bmbsPageSchema.safeParse(page).error).toBeUndefined();
        seen.push(...page.bmbs);
        after = page.next;
        if (!after) break;
      }
      expect(new Set(seen.map((b) => b.id)).size).toBe(seen.length);
      expect(seen.map((b) => b.id)).toContain(sent);
      expect(seen.map((b) => b.id)).not.toContain(draft);

      const waiting = (await (
        await listBmbs(call('/api/v1/bmbs?status=waiting', bearer), noParams)
      ).json()) as { bmbs: { id: string; status: string }[] };
      expect(waiting.bmbs.map((b) => b.id)).toContain(sent);
      expect(waiting.bmbs.every((b) => b.status === 'waiting')).toBe(true);

      const one = (await (
        await getBmb(call(`/api/v1/bmbs/${sent}`, bearer), {
          params: Promise.resolve({ id: sent }),
        })
      ).json()) as unknown;
      expect(apiBmbDetailSchema.safeParse(one).error).toBeUndefined();
      expect(one).toMatchObject({
        id: sent,
        status: 'waiting',
        sender: 'k100ana',
        receiver: 'k200bo',
        toPersonnummer: '191212121212',
        loans: [{ articleNo: '15014', individNo: '157792', closed: false }],
      });
      expect(
        (
          await getBmb(call(`/api/v1/bmbs/${draft}`, bearer), {
            params: Promise.resolve({ id: draft }),
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await getBmb(call(`/api/v1/bmbs/${randomUUID()}`, bearer), {
            params: Promise.resolve({ id: randomUUID() }),
          })
        ).status,
      ).toBe(404);
      expect((await listBmbs(call('/api/v1/bmbs?status=draft', bearer), noParams)).status).toBe(
        400,
      );
    });
  });
});
