import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  answerBmb,
  createWebhook,
  disableWebhook,
  resendDelivery,
  saveBmbDraft,
  sendBmb,
  type CommandResult,
} from '@bmb/commands';
import { createWorld, manualLoan, svensson, type World } from '@bmb/commands/testing';
import { listFailingWebhookDeliveries } from '@bmb/db/queries';
import { bmbEvents, bmbs, loans, webhookDeliveries, webhookEndpoints } from '@bmb/db/schema';
import { demoId } from '@bmb/db/seed';
import { testAdminScope, testDbKinds } from '@bmb/db/testing';
import type { BmbEventType, PersonActor } from '@bmb/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookWorker, type WebhookWorker } from './webhook-worker';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The stock system, played by a plain HTTP server on 127.0.0.1: it answers each POST with the next status of `answers` (200 when none are left). */
class Receiver {
  readonly received: Received[] = [];
  answers: number[] = [];
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body });
        res.statusCode = this.answers.shift() ?? 200;
        res.end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const quietly = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(testDbKinds())('webhook delivery on %s', (kind) => {
  let world: World;
  let admin: PersonActor, ana: PersonActor, bo: PersonActor;
  const receiver = new Receiver();
  const workers: WebhookWorker[] = [];

  const valueOf = <T>(result: CommandResult<T>): T => {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
    return result.value;
  };

  /** Registered as in development (and the test harness): http on 127.0.0.1 is allowed. */
  const register = async (path: string, eventTypes: BmbEventType[]) =>
    valueOf(
      await createWebhook({ db: world.db, webhookTargets: 'development' }, admin, {
        url: receiver.url(path),
        eventTypes,
      }),
    );

  async function startWorker(
    targets: 'development' | 'production' = 'development',
  ): Promise<WebhookWorker> {
    const worker = await startWebhookWorker({
      handle: world.handle,
      targets,
      // Seconds in production (15); short here, and each test sweeps by itself too.
      sweepIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
    });
    workers.push(worker);
    return worker;
  }

  /** Verkställ: Ana sends one of the manual's devices to Bo, through the commands. */
  async function send(loan: 1 | 2 | 3 | 4): Promise<{ bmbId: string; eventId: number }> {
    const { bmbId } = valueOf(
      await saveBmbDraft(world.deps, ana, {
        fromPatientId: svensson.id,
        newPrescriberUsername: 'k200bo',
        newPatientPersonnummer: svensson.personnummer,
        loanIds: [manualLoan(loan)],
        message: '',
      }),
    );
    valueOf(await sendBmb(world.deps, ana, { bmbId, idempotencyKey: randomUUID() }));
    const [event] = await world.db
      .select({ id: bmbEvents.id })
      .from(bmbEvents)
      .orderBy(desc(bmbEvents.id))
      .limit(1);
    return { bmbId, eventId: event!.id };
  }

  const deliveriesOf = (endpointId: string) =>
    world.db
      .select({
        eventId: webhookDeliveries.eventId,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        lastStatusCode: webhookDeliveries.lastStatusCode,
        lastError: webhookDeliveries.lastError,
        retryInSeconds: sql<number>`round(extract(epoch from ${webhookDeliveries.nextAttemptAt} - now()))::int`,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpointId))
      .orderBy(webhookDeliveries.eventId);
  /** The receiver has the POST a moment before the worker records its answer: wait for the record. */

  const settled = (endpointId: string) =>
    eventually(
      async () => (await deliveriesOf(endpointId)).every((d) => d.status !== 'pending'),
      'the deliveries recorded',
    );

  /** The backoff, driven: the endpoint's failing delivery is due now instead of in minutes or hours. */
  const retryNow = (endpointId: string) =>
    world.db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: sql`now()` })
      .where(
        and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'failing')),
      );

  beforeAll(async () => {
    world = await createWorld(kind);
    [admin, ana, bo] = await Promise.all([
      world.actor('admin'),
      world.actor('k100ana'),
      world.actor('k200bo'),
    ]);
    await receiver.start();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    receiver.received.length = 0;
    receiver.answers = [];
    // Each test's endpoints and BMBs end with it: the manual's devices back with Ana.
    await world.db
      .update(webhookEndpoints)
      .set({ active: false, disabledAt: new Date() })
      .where(eq(webhookEndpoints.active, true));
    await world.db
      .update(bmbs)
      .set({ status: 'rejected', answeredAt: new Date(), answerMessage: 'test cleanup' })
      .where(and(eq(bmbs.status, 'sent'), eq(bmbs.senderId, ana.prescriberId)));
    await world.db
      .update(loans)
      .set({
        patientId: svensson.id,
        prescriberId: ana.prescriberId,
        payerId: demoId('care-unit', '2990'),
        deliveryAddressId: demoId('care-unit', '2990'),
      })
      .where(
        inArray(
          loans.id,
          [1, 2, 3, 4].map((n) => manualLoan(n as 1 | 2 | 3 | 4)),
        ),
      );
  });
  afterAll(async () => {
    await receiver.stop();
    await world?.close();
  });

  it('posts the event signed per Standard Webhooks, once, only to the endpoints that asked for its type', async () => {
    const sentHook = await register('/sent', ['bmb.sent']);
    const acceptedHook = await register('/accepted', ['bmb.accepted']);
    const worker = await startWorker();
    const { bmbId, eventId } = await send(3);
    await worker.sweep();
    await eventually(() => receiver.at('/sent').length === 1, 'the bmb.sent webhook');

    const [post] = receiver.at('/sent');
    expect(post!.headers['content-type']).toBe('application/json');
    expect(post!.headers['webhook-id']).toBe(String(eventId));
    expect(post!.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(post!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // The receiver's check, with the library the stock system would use: the payload is BMB's, untouched.
    const verified = new Webhook(sentHook.secret).verify(
      post!.body,
      post!.headers as Record<string, string>,
    ) as {
      type: string;
      timestamp: string;
      data: {
        id: string;
        type: string;
        occurredAt: string;
        data: { bmbId: string; sender: string; receiver: string; loans: unknown[] };
      };
    };
    expect(verified).toMatchObject({
      type: 'bmb.sent',
      data: {
        id: String(eventId),
        type: 'bmb.sent',
        data: { bmbId, sender: 'k100ana', receiver: 'k200bo' },
      },
    });
    expect(verified.timestamp).toBe(verified.data.occurredAt);
    expect(verified.data.data.loans).toHaveLength(1);
    // Signed with that endpoint's secret only.
    expect(() =>
      new Webhook(acceptedHook.secret).verify(post!.body, post!.headers as Record<string, string>),
    ).toThrow();
    expect(() =>
      new Webhook(sentHook.secret).verify(
        post!.body.replace('k200bo', 'k400eva'),
        post!.headers as Record<string, string>,
      ),
    ).toThrow();

    await settled(sentHook.webhookId);
    expect(await deliveriesOf(sentHook.webhookId)).toEqual([
      expect.objectContaining({
        eventId,
        status: 'sent',
        attempts: 1,
        lastStatusCode: 200,
        lastError: null,
      }),
    ]);
    // Not subscribed: nothing owed, nothing sent, but its cursor has moved past the event.
    expect(await deliveriesOf(acceptedHook.webhookId)).toEqual([]);
    const [cursor] = await world.db
      .select({ id: webhookEndpoints.cursorId })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, acceptedHook.webhookId));
    expect(cursor!.id).toBeGreaterThanOrEqual(eventId);

    // Bo says Ja: that one goes to the other endpoint, and to nobody twice.
    valueOf(
      await answerBmb(world.deps, bo, {
        bmbId,
        approved: 'ja',
        ...(await world.ownChoice(bo)),
        message: '',
      }),
    );
    await worker.sweep();
    await eventually(() => receiver.at('/accepted').length === 1, 'the bmb.accepted webhook');
    await worker.sweep();
    await quietly(1500);
    expect(receiver.received.map((r) => r.path)).toEqual(['/sent', '/accepted']);
    const accepted = new Webhook(acceptedHook.secret).verify(
      receiver.at('/accepted')[0]!.body,
      receiver.at('/accepted')[0]!.headers as Record<string, string>,
    );
    expect(accepted).toMatchObject({ type: 'bmb.accepted', data: { data: { bmbId } } });
  });

  it('retries after a failure on its schedule, holds the later events back meanwhile, then sends them in order', async () => {
    const hook = await register('/flaky', ['bmb.sent']);
    receiver.answers = [500];
    const worker = await startWorker();
    const first = await send(1);
    const second = await send(2);
    await worker.sweep();
    await eventually(
      async () => (await deliveriesOf(hook.webhookId))[0]?.attempts === 1,
      'the first attempt',
    );

    const [failed, waiting] = await deliveriesOf(hook.webhookId);
    expect(failed).toMatchObject({
      eventId: first.eventId,
      status: 'failing',
      lastStatusCode: 500,
      lastError: 'HTTP 500.',
    });
    // The first retry after a minute (WEBHOOK_RETRY_DELAYS_SECONDS).
    expect(failed!.retryInSeconds).toBeGreaterThan(50);
    expect(failed!.retryInSeconds).toBeLessThanOrEqual(60);
    // The endpoint's next event waits its turn rather than overtaking.
    expect(waiting).toMatchObject({ eventId: second.eventId, status: 'pending', attempts: 0 });
    await worker.sweep();
    await quietly(1500);
    expect(receiver.received).toHaveLength(1);

    // A minute passes (driven, not waited): the retry goes, then the next event, in the feed's order.
    await retryNow(hook.webhookId);
    await worker.sweep();
    await eventually(() => receiver.received.length === 3, 'the retry and the next event');
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual(
      [first.eventId, first.eventId, second.eventId].map(String),
    );
    await settled(hook.webhookId);
    expect(await deliveriesOf(hook.webhookId)).toEqual([
      expect.objectContaining({
        eventId: first.eventId,
        status: 'sent',
        attempts: 2,
        lastStatusCode: 200,
        lastError: null,
      }),
      expect.objectContaining({ eventId: second.eventId, status: 'sent', attempts: 1 }),
    ]);
  });

  it('gives up after the last retry, lists it as failing, and sends it again on "Skicka igen"', async () => {
    const hook = await register('/down', ['bmb.sent']);
    receiver.answers = Array.from({ length: 6 }, () => 503);
    const worker = await startWorker();
    const { eventId, bmbId } = await send(4);
    await worker.sweep();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await eventually(
        async () => (await deliveriesOf(hook.webhookId))[0]?.attempts === attempt,
        `attempt ${attempt}`,
      );
      const [row] = await deliveriesOf(hook.webhookId);
      if (attempt < 6) {
        expect(row!.status).toBe('failing');
        delays.push(row!.retryInSeconds);
        await retryNow(hook.webhookId);
        await worker.sweep();
      } else expect(row!.status).toBe('given_up');
    }
    // 1 min, 5 min, 30 min, 2 h, 12 h (give or take the second the test took).
    expect(delays.map((d, i) => Math.abs(d - [60, 300, 1800, 7200, 43_200][i]!) <= 5)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    await worker.sweep();
    await quietly(1000);
    expect(receiver.received).toHaveLength(6);

    const [listed] = await listFailingWebhookDeliveries(
      world.db,
      testAdminScope(world.workspaceId),
    );
    expect(listed).toMatchObject({
      endpointId: hook.webhookId,
      endpointUrl: receiver.url('/down'),
      eventId,
      eventType: 'bmb.sent',
      bmbId,
      status: 'given_up',
      attempts: 6,
      lastStatusCode: 503,
      lastError: 'HTTP 503.',
    });

    valueOf(await resendDelivery({ db: world.db }, admin, { deliveryId: listed!.id }));
    await worker.sweep();
    await eventually(() => receiver.received.length === 7, 'the delivery sent again');
    expect(receiver.received[6]!.headers['webhook-id']).toBe(String(eventId));
    await settled(hook.webhookId);
    expect(await deliveriesOf(hook.webhookId)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 1, lastStatusCode: 200 }),
    ]);
    expect(await listFailingWebhookDeliveries(world.db, testAdminScope(world.workspaceId))).toEqual(
      [],
    );
  });

  it('in production, checks the address again before sending: nothing goes to 127.0.0.1', async () => {
    // Registered while the rule allowed them (or DNS has changed since): the production worker still refuses.
    const dev = { db: world.db, webhookTargets: 'development' as const };
    const loopback = valueOf(
      await createWebhook(dev, admin, {
        url: receiver.url('/internal').replace('http:', 'https:'),
        eventTypes: ['bmb.sent'],
      }),
    );
    const plain = await register('/plain', ['bmb.sent']);
    const worker = await startWorker('production');
    await send(1);
    await worker.sweep();
    for (const hook of [loopback, plain])
      await eventually(
        async () => (await deliveriesOf(hook.webhookId))[0]?.attempts === 1,
        'the refused attempts',
      );
    const [toLoopback] = await deliveriesOf(loopback.webhookId);
    expect(toLoopback).toMatchObject({ status: 'failing', lastStatusCode: null });
    expect(toLoopback!.lastError).toMatch(/^Skickades inte: Adressen leder till ett internt nät/);
    const [toPlain] = await deliveriesOf(plain.webhookId);
    expect(toPlain!.lastError).toMatch(/^Skickades inte: Adressen måste börja med https/);
    expect(receiver.received).toEqual([]);
  });

  it('sends nothing more to an endpoint that was switched off', async () => {
    const hook = await register('/off', ['bmb.sent']);
    const worker = await startWorker();
    valueOf(await disableWebhook({ db: world.db }, admin, { webhookId: hook.webhookId }));
    await send(2);
    await worker.sweep();
    await quietly(1500);
    expect(receiver.received).toEqual([]);
    expect(await deliveriesOf(hook.webhookId)).toEqual([]);
  });
});
