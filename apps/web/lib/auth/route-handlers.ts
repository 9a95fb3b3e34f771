import 'server-only';
import type { NextRequest } from 'next/server';
import { handlers } from './auth';

// Auth.js's own endpoints (sign-in, callback, sign-out). With the lazy config
// the handlers are resolved per request.
export const GET = (request: NextRequest) => handlers.GET(request);
export const POST = (request: NextRequest) => handlers.POST(request);
