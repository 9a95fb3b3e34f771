import { loans } from '@bmb/db/schema';
import { testDbKinds } from '@bmb/db/testing';
import {
  MASTERDATA_MAX_BYTES,
  MASTERDATA_MAX_ROWS,
  masterdataImportedSchema,
  masterdataRowErrorSchema,
} from '@bmb/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/masterdata/route';
import { APP, localIssuer, type LocalIssuer } from './local-issuer';
import { testSession as session } from './session';
import { createWorld, type World } from './world';

/**
 * POST /api/v1/masterdata as the stock system calls it: the body's type and
 * size judged before anything is parsed, a bad batch answered with every bad
 * row, a good one with its counts. A local issuer signs the tokens.
 */
let issuer: LocalIssuer;
const token = () => issuer.token({ scope: 'masterdata:write' });

const noParams = { params: Promise.resolve({}) };

async function post(body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  const request = new Request(`${APP}/api/v1/masterdata`, {
    method: 'POST',
    body,
    headers: {
      authorization: `Bearer ${await token()}`,
      'content-type': 'application/json',
      ...headers,
    },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return POST(request, noParams);
}

const loan = {
  sourceId: 'R-1',
  personnummer: '19121212-1212',
  articleNo: '15749',
  quantity: 1,
  orderedOn: '2026-02-01',
  prescriber: 'k100ana',
  payer: '2990',
  deliveryAddress: '2990',
  status: 'active',
  version: 1,
};

describe.each(testDbKinds())('POST /api/v1/masterdata on %s', (kind) => {
  let world: World;

  beforeAll(async () => {
    issuer = await localIssuer();
    world = await createWorld(kind);
    session.world = world;
  });
  afterAll(async () => {
    await world?.handle.close();
  });

  it('applies a good batch and answers its counts', async () => {
    const response = await post(JSON.stringify({ loans: [loan] }));
    expect(response.status).toBe(200);
    const body = masterdataImportedSchema.parse(await response.json());
    expect(body.counts.loans).toEqual({ created: 1, updated: 0, unchanged: 0, stale: 0 });
    const [row] = await world.db.select().from(loans).where(eq(loans.sourceId, 'R-1'));
    expect(row).toMatchObject({ sourceVersion: 1, quantity: 1 });
  });

  it('refuses a bad batch with every bad row, as a problem document in Swedish', async () => {
    const response = await post(
      JSON.stringify({
        patients: [{ personnummer: '1212121212', name: 'X' }],
        loans: [{ ...loan, sourceId: 'R-2', prescriber: 'k000ingen' }],
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as { type: string; errors: unknown[] };
    expect(body.type).toBe('urn:bmb:problem:invalid-batch');
    expect(body.errors.map((e) => masterdataRowErrorSchema.parse(e))).toEqual([
      {
        entity: 'patients',
        index: 0,
        field: 'personnummer',
        code: 'personnummer.only-ten-digits',
        message: expect.stringContaining('alla 12 siffror'),
      },
      {
        entity: 'loans',
        index: 0,
        field: 'prescriber',
        code: 'masterdata.unknown-prescriber',
        message: 'Förskrivaren finns varken i batchen eller i BMB.',
      },
    ]);
    expect(await world.db.select().from(loans).where(eq(loans.sourceId, 'R-2'))).toEqual([]);
  });

  it('takes only JSON, and well-formed', async () => {
    expect(
      (await post('loans=1', { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    const broken = await post('{"loans": [');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      type: 'urn:bmb:problem:invalid-json',
      detail: 'Innehållet är inte giltig JSON.',
    });
  });

  it('refuses too large a body by its declared length, by the bytes that came (chunked), and too many rows: 413', async () => {
    const declared = await post('{}', { 'content-length': String(MASTERDATA_MAX_BYTES + 1) });
    expect(declared.status).toBe(413);
    const chunk = new TextEncoder().encode(' '.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 11) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const chunked = await post(stream);
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(12);
    const many = await post(
      JSON.stringify({ loans: new Array(MASTERDATA_MAX_ROWS + 1).fill(loan) }),
    );
    expect(many.status).toBe(413);
    expect(await many.json()).toMatchObject({
      type: 'urn:bmb:problem:batch-too-large',
      detail: expect.stringContaining('rader'),
    });
  });
});
