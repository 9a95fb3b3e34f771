import { getDb } from '@bmb/db/client';
import { searchActivePrescribers } from '@bmb/db/queries';
import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/current-user';

/** Suggestions for "Ny förskrivare/betalare" (username or name). Signed-in users only. */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: 'Du är inte inloggad.' }, { status: 401 });
  const query = (request.nextUrl.searchParams.get('q') ?? '').slice(0, 64);
  const prescribers = await searchActivePrescribers(await getDb(), user.workspaceId, query);
  return NextResponse.json({ prescribers }, { headers: { 'cache-control': 'no-store' } });
}
