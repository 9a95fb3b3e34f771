import { randomUUID } from 'node:crypto';
import { listFailingWebhookDeliveries, listWebhookEndpoints } from '@bmb/db/queries';
import {
  auditEvents,
  bmbEvents,
  webhookDeliveries,
  webhookEndpoints,
  workspaces,
} from '@bmb/db/schema';
import { testAdminScope, testDbKinds } from '@bmb/db/testing';
import {
  messageText,
  problemCode,
  type HostResolver,
  type PersonActor,
  type WebhookDeliveryStatus,
} from '@bmb/domain';
import { desc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveBmbDraft } from '../bmb/save-draft';
import { sendBmb } from '../bmb/send-bmb';
import type { CommandDeps } from '../deps';
import type { CommandResult } from '../result';
import { createWorld, manualLoan, svensson, type World } from '../test/world';
import { createWebhook } from './create-webhook';
import { disableWebhook } from './disable-webhook';
import { resendDelivery } from './resend-delivery';

/** DNS as a table: the production rule is tested without a network. */
const DNS: Record<string, string[]> = {
  'lager.region.se': ['93.184.215.14'],
  'intern.region.se': ['10.1.2.3'],
  'blandad.region.se': ['93.184.215.14', '192.168.0.7'],
  localhost: ['127.0.0.1', '::1'],
};
const dns: HostResolver = (host) => Promise.resolve(DNS[host] ?? []);

describe.each(testDbKinds())('webhook commands on %s', (kind) => {
  let world: World;
  let admin: PersonActor, ana: PersonActor;
  let production: CommandDeps, development: CommandDeps;

  const lastAuditId = async () =>
    (
      await world.db
        .select({ id: sql<number>`coalesce(max(${auditEvents.id}), 0)` })
        .from(auditEvents)
    )[0]!.id;
  const auditSince = (id: number) =>
    world.db.select().from(auditEvents).where(gt(auditEvents.id, id));
  const codeOf = (result: CommandResult<unknown>) => (result.ok ? 'ok' : result.code);
  const valueOf = <T>(result: CommandResult<T>): T => {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return result.value;
  };
  const register = async (url = 'https://lager.region.se/bmb/webhook') =>
    valueOf(
      await createWebhook(production, admin, {
        url,
        eventTypes: ['bmb.sent', 'bmb.accepted'],
        description: 'Lagersystemet',
      }),
    );

  /** Sends the manual's device 3 from Ana to Bo and answers the feed event it wrote. */
  async function sentBmbEvent(): Promise<number> {
    const draft = valueOf(
      await saveBmbDraft(world.deps, ana, {
        fromPatientId: svensson.id,
        newPrescriberUsername: 'k200bo',
        newPatientPersonnummer: svensson.personnummer,
        loanIds: [manualLoan(3)],
        message: '',
      }),
    );
    valueOf(await sendBmb(world.deps, ana, { bmbId: draft.bmbId, idempotencyKey: randomUUID() }));
    const [event] = await world.db
      .select({ id: bmbEvents.id })
      .from(bmbEvents)
      .orderBy(desc(bmbEvents.id))
      .limit(1);
    // Free the device again for the next test.
    await world.db.execute(
      sql`update bmbs set status = 'rejected', answered_at = now(), answer_message = 'test' where id = ${draft.bmbId}`,
    );
    return event!.id;
  }

  async function delivery(endpointId: string, status: WebhookDeliveryStatus): Promise<string> {
    const [row] = await world.db
      .insert(webhookDeliveries)
      .values({
        workspaceId: world.workspaceId,
        endpointId,
        eventId: await sentBmbEvent(),
        eventType: 'bmb.sent',
        status,
        attempts: status === 'pending' ? 0 : 3,
        lastStatusCode: status === 'pending' ? null : 503,
        lastError: status === 'pending' ? null : 'HTTP 503.',
        sentAt: status === 'sent' ? new Date() : null,
      })
      .returning({ id: webhookDeliveries.id });
    return row!.id;
  }

  beforeAll(async () => {
    world = await createWorld(kind);
    [admin, ana] = await Promise.all([world.actor('admin'), world.actor('k100ana')]);
    production = { ...world.deps, webhookTargets: 'production', resolveHost: dns };
    development = {
      ...world.deps,
      webhookTargets: 'development',
      resolveHost: () => Promise.reject(new Error('no DNS here')),
    };
  });
  afterAll(() => world?.close());

  it('registers an endpoint for Länsservice, answers its secret once, and neither a list nor the trail holds it', async () => {
    const before = await lastAuditId();
    const created = await register();
    expect(created).toMatchObject({
      url: 'https://lager.region.se/bmb/webhook',
      eventTypes: ['bmb.sent', 'bmb.accepted'],
    });
    // Standard Webhooks' form: whsec_ and base64 of 32 random bytes.
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect((await register()).secret).not.toBe(created.secret);

    const [stored] = await world.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, created.webhookId));
    expect(stored).toMatchObject({
      secret: created.secret,
      active: true,
      createdBy: admin.prescriberId,
      description: 'Lagersystemet',
    });

    const trail = await auditSince(before);
    expect(trail.map((e) => [e.action, e.entityId])[0]).toEqual([
      'webhook.created',
      created.webhookId,
    ]);
    expect(trail[0]!.after).toEqual({
      url: created.url,
      eventTypes: ['bmb.sent', 'bmb.accepted'],
      description: 'Lagersystemet',
    });

    await delivery(created.webhookId, 'failing');
    const scope = testAdminScope(world.workspaceId);
    const lists = JSON.stringify([
      await listWebhookEndpoints(world.db, scope),
      await listFailingWebhookDeliveries(world.db, scope),
    ]);
    expect(lists).toContain(created.webhookId);
    expect(lists).not.toContain(created.secret);
    expect(lists).not.toContain(created.secret.slice('whsec_'.length, 20));
    expect(JSON.stringify(trail)).not.toContain(created.secret.slice('whsec_'.length, 20));
  });

  it('refuses everyone but Länsservice, and Länsservice in Övningsläge', async () => {
    const learnerAdmin: PersonActor = {
      ...admin,
      training: { runId: randomUUID(), scenario: 'skicka-bmb', sandboxWorkspaceId: randomUUID() },
    };
    const endpointId = (await register()).webhookId;
    const failing = await delivery(endpointId, 'failing');
    for (const actor of [ana, learnerAdmin]) {
      const count = async () =>
        (await world.db.select({ id: webhookEndpoints.id }).from(webhookEndpoints)).length;
      const endpoints = await count();
      const before = await lastAuditId();
      const results = [
        await createWebhook(production, actor, {
          url: 'https://lager.region.se/x',
          eventTypes: ['bmb.sent'],
        }),
        await disableWebhook(production, actor, { webhookId: endpointId }),
        await resendDelivery(production, actor, { deliveryId: failing }),
      ];
      expect(results.map(codeOf)).toEqual(['forbidden', 'forbidden', 'forbidden']);
      expect((await auditSince(before)).map((e) => e.action)).toEqual([
        'action.denied',
        'action.denied',
        'action.denied',
      ]);
      expect(await count()).toBe(endpoints);
    }
    const [row] = await world.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, failing));
    expect(row!.status).toBe('failing');
  });

  it('in production: https only, no private or loopback address (literal or by name), a name that resolves, an event type', async () => {
    const refused = async (input: Record<string, unknown>, deps = production) => {
      const result = await createWebhook(deps, admin, input);
      if (result.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
      expect(result.code).toBe('invalid-input');
      return Object.entries(result.fieldErrors ?? {}).map(
        ([field, problems]) => `${field}: ${problems.map(problemCode).join(',')}`,
      );
    };
    const types = ['bmb.sent'];
    expect(await refused({ url: 'http://lager.region.se/hook', eventTypes: types })).toEqual([
      'url: webhook.url-not-https',
    ]);
    expect(await refused({ url: 'https://127.0.0.1:4010/hook', eventTypes: types })).toEqual([
      'url: webhook.url-private-address',
    ]);
    expect(await refused({ url: 'https://localhost/hook', eventTypes: types })).toEqual([
      'url: webhook.url-private-address',
    ]);
    expect(await refused({ url: 'https://169.254.169.254/latest', eventTypes: types })).toEqual([
      'url: webhook.url-private-address',
    ]);
    expect(await refused({ url: 'https://[::1]/hook', eventTypes: types })).toEqual([
      'url: webhook.url-private-address',
    ]);
    expect(await refused({ url: 'https://intern.region.se/hook', eventTypes: types })).toEqual([
      'url: webhook.url-private-address',
    ]);
    expect(await refused({ url: 'https://blandad.region.se/hook', eventTypes: types })).toEqual([
      'url: webhook.url-private-address',
    ]);
    expect(await refused({ url: 'https://finns-inte.region.se/hook', eventTypes: types })).toEqual([
      'url: webhook.url-unresolvable',
    ]);
    expect(
      await refused({ url: 'https://user:pw@lager.region.se/hook', eventTypes: types }),
    ).toEqual(['url: webhook.url-credentials']);
    expect(await refused({ url: 'https://lager.region.se/hook', eventTypes: [] })).toEqual([
      'eventTypes: webhook.no-event-types',
    ]);
    expect(await refused({ url: 'https://lager.region.se/hook' })).toEqual([
      'eventTypes: form.invalid-value',
    ]);
    expect(
      await refused({
        url: 'https://lager.region.se/hook',
        eventTypes: types,
        description: 'x'.repeat(201),
      }),
    ).toEqual(['description: webhook.description-too-long']);
    expect(messageText('webhook.url-private-address')).toMatch(/internt nät/);
    // Without a rule from the adapter, the command applies production's.
    expect(
      await refused({ url: 'http://127.0.0.1:4010/hook', eventTypes: types }, world.deps),
    ).toEqual(['url: webhook.url-not-https']);
  });

  it('in development (and for the test harness): http to 127.0.0.1 is fine, without asking DNS', async () => {
    const created = valueOf(
      await createWebhook(development, admin, {
        url: 'http://127.0.0.1:4010/hook',
        eventTypes: ['bmb.rejected'],
      }),
    );
    expect(created.url).toBe('http://127.0.0.1:4010/hook');
  });

  it('the database keeps webhooks out of training sandboxes', async () => {
    const [sandbox] = await world.db
      .insert(workspaces)
      .values({ kind: 'training', name: 'test sandbox' })
      .returning();
    await expect(
      world.db.insert(webhookEndpoints).values({
        workspaceId: sandbox!.id,
        url: 'https://lager.region.se/x',
        eventTypes: ['bmb.sent'],
        secret: 'whsec_x',
        createdBy: admin.prescriberId,
      }),
    ).rejects.toThrow();
  });

  it('switches an endpoint off once, audited; an unknown one is not found', async () => {
    const { webhookId } = await register();
    const before = await lastAuditId();
    expect(valueOf(await disableWebhook(production, admin, { webhookId }))).toEqual({ webhookId });
    const [row] = await world.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, webhookId));
    expect(row!.active).toBe(false);
    expect(row!.disabledAt).toBeInstanceOf(Date);
    expect((await auditSince(before)).map((e) => [e.action, e.entityId])).toEqual([
      ['webhook.disabled', webhookId],
    ]);

    const again = await disableWebhook(production, admin, { webhookId });
    expect(again).toMatchObject({
      ok: false,
      code: 'conflict.webhook-disabled',
      problem: 'webhook.already-disabled',
    });
    expect(await disableWebhook(production, admin, { webhookId: randomUUID() })).toMatchObject({
      code: 'not-found',
    });
    expect(await disableWebhook(production, admin, { webhookId: 'nope' })).toMatchObject({
      code: 'invalid-input',
      fieldErrors: { webhookId: ['webhook.invalid-id'] },
    });
  });

  it('sends a failing or given-up delivery again now, with the whole schedule ahead; never a sent or waiting one', async () => {
    const { webhookId } = await register();
    for (const status of ['failing', 'given_up'] as const) {
      const id = await delivery(webhookId, status);
      await world.db.execute(
        sql`update webhook_deliveries set next_attempt_at = now() + interval '2 hours' where id = ${id}`,
      );
      const before = await lastAuditId();
      expect(valueOf(await resendDelivery(production, admin, { deliveryId: id }))).toEqual({
        deliveryId: id,
      });
      const [row] = await world.db
        .select({
          status: webhookDeliveries.status,
          attempts: webhookDeliveries.attempts,
          due: sql<boolean>`${webhookDeliveries.nextAttemptAt} <= now()`,
        })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.id, id));
      expect(row).toEqual({ status: 'pending', attempts: 0, due: true });
      const trail = await auditSince(before);
      expect(trail.map((e) => [e.action, e.entityId])).toEqual([['webhook.delivery.resent', id]]);
      expect(trail[0]!.before).toEqual({ status, attempts: 3 });
    }
    for (const status of ['sent', 'pending'] as const) {
      const id = await delivery(webhookId, status);
      expect(await resendDelivery(production, admin, { deliveryId: id })).toMatchObject({
        code: 'conflict.not-failing',
        problem: 'webhook.delivery-not-failing',
      });
    }
    const toDisabled = await delivery(webhookId, 'given_up');
    valueOf(await disableWebhook(production, admin, { webhookId }));
    expect(await resendDelivery(production, admin, { deliveryId: toDisabled })).toMatchObject({
      code: 'conflict.webhook-disabled',
      problem: 'webhook.endpoint-disabled',
    });
    expect(await resendDelivery(production, admin, { deliveryId: randomUUID() })).toMatchObject({
      code: 'not-found',
    });
  });
});
