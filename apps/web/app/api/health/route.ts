import { NextResponse } from 'next/server';

/** Liveness: the process answers. No personal data, no session needed. */
export function GET() {
  return NextResponse.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
