import { openApiDocument } from '@/lib/api/openapi';

/** GET /api/v1/openapi.json: the integration's contract (OpenAPI 3.1). Public: it holds no data. */
export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'no-store' } });
}
