import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/api/v1/openapi.json/route';

/**
 * The published contract: a valid OpenAPI 3.1 document that names every route
 * of the API, each with the methods the route exports.
 */
const v1 = fileURLToPath(new URL('../app/api/v1/', import.meta.url));

async function apiRoutes(): Promise<{ path: string; methods: string[] }[]> {
  const files = (readdirSync(v1, { recursive: true }) as string[]).filter((f) =>
    f.endsWith('route.ts'),
  );
  return Promise.all(
    files.map(async (file) => {
      const dir = file.replace(/\/?route\.ts$/, '');
      const path = `/api/v1${dir ? `/${dir}` : ''}`.replace(/\[(\w+)\]/g, '{$1}');
      const handlers = (await import(/* @vite-ignore */ `${v1}${file}`)) as Record<string, unknown>;
      const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
        (m) => typeof handlers[m] === 'function',
      );
      return { path, methods: methods.map((m) => m.toLowerCase()) };
    }),
  );
}

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = (await GET().json()) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route of the API with every method it has, and nothing it lacks', async () => {
    const document = (await GET().json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = await apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(4);
    for (const { path, methods } of routes) {
      expect(Object.keys(document.paths[path] ?? {}).sort(), path).toEqual(methods.sort());
    }
    expect(Object.keys(document.paths).sort()).toEqual(routes.map((r) => r.path).sort());
  });
});
