import 'server-only';
import { checkAdmin, type AdminScope } from '@bmb/domain';
import { notFound } from 'next/navigation';
import { requireUser, type CurrentUser } from './current-user';
import { recordDenial } from './refusals';

/**
 * The first line of every admin page and route: Länsservice, or a 404 (and a
 * `page.denied` event). The admin layout's own check only shapes the menu: App
 * Router renders a layout and its page in parallel, so the page must refuse by
 * itself. The scope it returns is what the admin queries ask for.
 */
export async function requireAdmin(page: string): Promise<{ user: CurrentUser; admin: AdminScope }> {
  const user = await requireUser();
  const admin = checkAdmin(user);
  if (!admin) {
    await recordDenial('page', page, user, 'forbidden');
    notFound();
  }
  return { user, admin };
}
