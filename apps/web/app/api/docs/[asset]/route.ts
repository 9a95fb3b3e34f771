import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

/** The two files of Swagger UI that /api/docs loads, from the package itself. */
const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

export async function GET(request: Request): Promise<Response> {
  const asset = new URL(request.url).pathname.split('/').pop() ?? '';
  const type = ASSETS[asset];
  if (!type) return new Response('Finns inte.', { status: 404 });
  const body = await readFile(join(getAbsoluteFSPath(), asset));
  return new Response(body, {
    headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' },
  });
}
