import { getDb } from '@bmb/db/client';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/current-user';
import { syncTraining } from '@/lib/training/progress';

const body = z.object({ path: z.string().max(200).regex(/^\/[\w\-/åäöÅÄÖ]*$/).nullable() });

/** The guide's heartbeat: records the page shown, advances the run if its step is done, returns where the learner is. */
export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: 'Du är inte inloggad.' }, { status: 401 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: 'Ogiltig begäran.' }, { status: 400 });
  const status = await syncTraining(await getDb(), user, parsed.data.path);
  return NextResponse.json(status, { headers: { 'cache-control': 'no-store' } });
}
