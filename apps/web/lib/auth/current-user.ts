import 'server-only';
import { getDb } from '@bmb/db/client';
import { findDefaultPayerId, findPrescriberByUsername, findProductionWorkspaceId } from '@bmb/db/queries';
import { connection } from 'next/server';
import { cache } from 'react';
import { DEMO_USERNAME_UNTIL_SSO } from './demo-user-until-sso';

/** Who is acting, and in which workspace. Everything else reads the user from here. */
export interface CurrentUser {
  workspaceId: string;
  prescriberId: string;
  username: string;
  name: string;
  role: 'prescriber' | 'admin';
  /** The care unit (default payer) the user acts for; recorded in the access log. */
  careUnitId: string | null;
}

/** The signed-in user, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  await connection();
  const db = await getDb();
  const workspaceId = await findProductionWorkspaceId(db);
  if (!workspaceId) return null;
  const prescriber = await findPrescriberByUsername(db, workspaceId, DEMO_USERNAME_UNTIL_SSO);
  if (!prescriber || !prescriber.active) return null;
  return {
    workspaceId,
    prescriberId: prescriber.id,
    username: prescriber.username,
    name: prescriber.name,
    role: prescriber.role,
    careUnitId: await findDefaultPayerId(db, workspaceId, prescriber.id),
  };
});
