import 'server-only';
import { notFound } from 'next/navigation';
import type { CurrentUser } from './current-user';
import { recordDenial } from './refusals';

/**
 * A page that will not show this user what they asked for (someone else's BMB,
 * a draft not theirs, an id from another workspace): recorded like a refused
 * action, then the same 404 as for something that does not exist.
 */
export async function refusePage(page: string, user: CurrentUser): Promise<never> {
  await recordDenial('page', page, user, 'not-found');
  notFound();
}
