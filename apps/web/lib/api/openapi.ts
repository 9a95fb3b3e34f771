import 'server-only';
import {
  MASTERDATA_MAX_BYTES,
  MASTERDATA_MAX_ROWS,
  masterdataBatchSchema,
  masterdataImportedSchema,
  apiBmbDetailSchema,
  bmbsPageSchema,
  bmbsQuerySchema,
  eventsPageSchema,
  feedQuerySchema,
  problemSchema,
  type MachineScope,
} from '@bmb/domain';
import { z } from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { env } from '@/lib/env';

/**
 * The integration API's contract, OpenAPI 3.1, generated from the zod schemas
 * the routes validate requests with (packages/domain/src/integration) and the
 * ones the tests parse answers with. Served at GET /api/v1/openapi.json.
 */
const problems = (...statuses: number[]): ZodOpenApiResponsesObject =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Fel',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  );

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Ogiltig fråga eller batch: `errors` listar varje felaktig rad.',
  401: 'Token saknas, har gått ut, eller är utfärdad av en annan utfärdare eller för en annan mottagare.',
  403: 'Token saknar den behörighet (scope) som anropet kräver.',
  404: 'Finns inte.',
  409: 'Konflikt: t.ex. en individ som ett annat aktivt lån redan har.',
  413: 'Batchen är för stor.',
  415: 'Fel innehållstyp: skicka application/json.',
};

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const secured = (scope: MachineScope): Pick<ZodOpenApiOperationObject, 'security'> => ({
  security: [{ lagersystem: [scope] }],
});

export function openApiDocument() {
  const issuer = env().AUTH_OIDC_ISSUER.replace(/\/$/, '');
  const server = env().AUTH_URL.replace(/\/$/, '');
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'BMB – integration med regionens lagersystem',
      version: '1.0.0',
      description:
        'The region’s stock system feeds BMB its master data and learns every change BMB made. ' +
        'Authenticate with an OAuth 2.0 client-credentials token from the region’s identity provider, ' +
        `requested for the resource \`${server}/api/v1\` (RFC 8707). No personnummer is ever put in a URL.`,
    },
    servers: [{ url: server }],
    components: {
      securitySchemes: {
        lagersystem: {
          type: 'oauth2',
          description: 'Client credentials; the token request carries `resource=<server>/api/v1`.',
          flows: {
            clientCredentials: {
              tokenUrl: `${issuer}/token`,
              scopes: {
                'masterdata:write': 'Write master data and loans (POST /api/v1/masterdata).',
                'events:read': 'Read the event feed (GET /api/v1/events).',
                'bmbs:read': 'Read BMBs (GET /api/v1/bmbs).',
              },
            },
          },
        },
      },
    },
    paths: {
      '/api/v1/masterdata': {
        post: {
          summary: 'Upsert master data and loans, keyed by the stock system’s own keys',
          description:
            `An idempotent batch: at most ${MASTERDATA_MAX_ROWS} rows in all and ${MASTERDATA_MAX_BYTES / (1024 * 1024)} MiB (413 beyond). ` +
            'It is validated whole first: any bad row refuses the batch (400, `errors` lists every bad row) and nothing is written. ' +
            'A loan with a `version` lower than the one applied is `stale` and not applied; the same version changes nothing, ' +
            'so a loan BMB moved is never overwritten by what the stock system had before. A loan that becomes `returned` ' +
            'while it is in an open BMB closes that line (`bmb.line-closed` in the feed).',
          ...secured('masterdata:write'),
          requestBody: {
            required: true,
            content: { 'application/json': { schema: masterdataBatchSchema } },
          },
          responses: {
            200: json(masterdataImportedSchema, 'What the batch changed.'),
            ...problems(400, 401, 403, 409, 413, 415),
          },
        },
      },
      '/api/v1/events': {
        get: {
          summary: 'What BMB did, oldest first, from a cursor',
          description:
            'Poll with the `next` of the last answer as `after`. A reader that keeps polling never misses an event, ' +
            'even when two transactions commit in the opposite order to the one they began in.',
          ...secured('events:read'),
          requestParams: { query: feedQuerySchema },
          responses: {
            200: json(eventsPageSchema, 'A page of events.'),
            ...problems(400, 401, 403),
          },
        },
      },
      '/api/v1/bmbs': {
        get: {
          summary: 'Sent BMBs, in the order they last changed',
          ...secured('bmbs:read'),
          requestParams: { query: bmbsQuerySchema },
          responses: { 200: json(bmbsPageSchema, 'A page of BMBs.'), ...problems(400, 401, 403) },
        },
      },
      '/api/v1/bmbs/{id}': {
        get: {
          summary: 'One sent BMB, with its patients, the receiver’s choice and its devices',
          ...secured('bmbs:read'),
          requestParams: { path: z.object({ id: z.uuid() }) },
          responses: { 200: json(apiBmbDetailSchema, 'The BMB.'), ...problems(401, 403, 404) },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          summary: 'This document',
          responses: {
            200: {
              description: 'OpenAPI 3.1',
              content: { 'application/json': { schema: z.object({}).loose() } },
            },
          },
        },
      },
    },
  });
}
