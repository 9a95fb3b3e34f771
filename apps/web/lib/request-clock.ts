import 'server-only';
import { getDb } from '@bmb/db/client';
import { readPageShell, type PageShell } from '@bmb/db/queries';
import { checkAdmin } from '@bmb/domain';
import { cache } from 'react';
import type { CurrentUser } from '@/lib/auth/session-user';

/*
 * The workspace clock and the menu's counts, read once per page request in one
 * statement (issue 21): the layout and the page both need the clock, and both
 * must judge deadlines by the same instant. (Server actions are not rendered,
 * so they read the clock inside their transaction.)
 */
/**
 * The frame's figures for this reader: clock, waiting count, and (Länsservice)
 * open unlock requests. Keyed by the user object, which getCurrentUser caches
 * per request, so the layout and the page share one read.
 */
export const requestShell = cache(
  async (user: CurrentUser): Promise<PageShell> =>
    readPageShell(await getDb(), user.workspaceId, user.prescriberId, checkAdmin(user)),
);

/** The workspace clock of this request. */
export async function requestNow(user: CurrentUser): Promise<Date> {
  return (await requestShell(user)).now;
}
