import 'server-only';
import { getDb } from '@bmb/db/client';
import { countBmbsAwaitingAnswer, workspaceNow } from '@bmb/db/queries';
import { cache } from 'react';

/**
 * The workspace clock, read once per page request: the layout and the page
 * both need it, and both must judge deadlines by the same instant. (Server
 * actions are not rendered, so they read the clock inside their transaction.)
 */
export const requestNow = cache(async (workspaceId: string): Promise<Date> => workspaceNow(await getDb(), workspaceId));

/** The Kvittera BMB menu badge and the inbox heading: one count per request. */
export const requestWaitingCount = cache(
  async (workspaceId: string, prescriberId: string): Promise<number> =>
    countBmbsAwaitingAnswer(await getDb(), workspaceId, prescriberId, await requestNow(workspaceId)),
);
