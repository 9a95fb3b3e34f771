import { getDb } from '@bmb/db/client';
import { searchActivePrescribers } from '@bmb/db/queries';
import { NextResponse, type NextRequest } from 'next/server';
import { getCurrentUser } from '@/lib/auth/current-user';
import { receiverNotTrainedMessage, untrainedReceivers } from '@/lib/training/requirement';

/**
 * Suggestions for "Ny förskrivare/betalare" (username or name). Signed-in users only.
 * Each says whether the prescriber is new staff who cannot answer a BMB until trained.
 */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: 'Du är inte inloggad.' }, { status: 401 });
  const query = (request.nextUrl.searchParams.get('q') ?? '').slice(0, 64);
  const db = await getDb();
  const found = await searchActivePrescribers(db, user.workspaceId, query);
  const usernames = found.map((p) => p.username);
  const untrained = new Set(await untrainedReceivers(db, user, usernames));
  const prescribers = found.map((p) => ({
    ...p,
    warning: untrained.has(p.username) ? receiverNotTrainedMessage(p.username) : null,
  }));
  return NextResponse.json({ prescribers }, { headers: { 'cache-control': 'no-store' } });
}
