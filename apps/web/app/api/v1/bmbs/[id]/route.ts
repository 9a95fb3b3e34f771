import { findBmbForApi, workspaceNow } from '@bmb/db/queries';
import { z } from 'zod';
import { apiRoute } from '@/lib/api/api-route';
import { problem } from '@/lib/api/problem';

const notFound = () =>
  problem({
    code: 'not-found',
    status: 404,
    title: 'Finns inte',
    detail: 'Det finns ingen skickad BMB med det id:t.',
  });

/** GET /api/v1/bmbs/{id}: one sent BMB, its patients, the receiver's choice and its devices. */
export const GET = apiRoute<{ id: string }>('bmbs:read', async ({ actor, db, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) return notFound();
  const bmb = await findBmbForApi(
    db,
    actor.workspaceId,
    id.data,
    await workspaceNow(db, actor.workspaceId),
  );
  return bmb ? Response.json(bmb, { headers: { 'cache-control': 'no-store' } }) : notFound();
});
