import { getDb } from '@bmb/db/client';
import { findProductionWorkspaceId } from '@bmb/db/queries';
import { NextResponse } from 'next/server';
import { log } from '@/lib/log';

/** Readiness: the database answers and is migrated and seeded (the production workspace exists). */
export async function GET() {
  try {
    const ready = (await findProductionWorkspaceId(await getDb())) !== null;
    return NextResponse.json(
      { status: ready ? 'ready' : 'not-ready', database: ready ? 'ok' : 'not migrated or seeded' },
      { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } },
    );
  } catch (err) {
    log.warn('health.ready.unreachable', { err });
    return NextResponse.json({ status: 'not-ready', database: 'unreachable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
}
