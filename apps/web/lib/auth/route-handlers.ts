import 'server-only';
import { getDb } from '@bmb/db/client';
import { hitRateLimit, peekRateLimit } from '@bmb/db/queries';
import { LOGIN_CALLBACK_FAILURE_LIMIT, RATE_LIMIT_BUCKETS } from '@bmb/domain';
import type { NextRequest } from 'next/server';
import { log } from '@/lib/log';
import { requestSource } from '@/lib/request-source';
import { handlers } from './auth';

const isCallback = (request: NextRequest) => request.nextUrl.pathname.startsWith('/api/auth/callback/');

/** Auth.js answers a failed callback by sending the browser to the login page with an error. */
const failedLogin = (response: Response) => /[?&]error=/.test(response.headers.get('location') ?? '');

/**
 * Auth.js's own endpoints (sign-in, callback, sign-out); with the lazy config
 * the handlers are resolved per request. Failed callbacks are counted per
 * source address and minute (in the database, so across instances): past the
 * limit, that source's callbacks are refused before Auth.js runs, with 429.
 */
async function withCallbackLimit(request: NextRequest, handle: (r: NextRequest) => Promise<Response>): Promise<Response> {
  if (!isCallback(request)) return handle(request);
  const db = await getDb();
  const source = requestSource(request.headers);
  const bucket = RATE_LIMIT_BUCKETS.loginCallbackFailure;
  if ((await peekRateLimit(db, bucket, source, LOGIN_CALLBACK_FAILURE_LIMIT)) >= LOGIN_CALLBACK_FAILURE_LIMIT.limit) {
    return new Response('För många misslyckade inloggningar. Vänta en minut och försök igen.', {
      status: 429,
      headers: { 'retry-after': String(LOGIN_CALLBACK_FAILURE_LIMIT.seconds), 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const response = await handle(request);
  if (failedLogin(response)) {
    const hit = await hitRateLimit(db, bucket, source, [LOGIN_CALLBACK_FAILURE_LIMIT]);
    const count = hit.windows[0]!.hits;
    if (!hit.exceeded || hit.justExceeded) log.warn(hit.justExceeded ? 'login.limit-reached' : 'login.failed', { source, countThisMinute: count });
  }
  return response;
}

export const GET = (request: NextRequest) => withCallbackLimit(request, (r) => handlers.GET(r));
export const POST = (request: NextRequest) => withCallbackLimit(request, (r) => handlers.POST(r));
