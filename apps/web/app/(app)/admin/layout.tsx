import { checkAdmin } from '@bmb/domain';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/current-user';
import { requestShell } from '@/lib/request-clock';
import { AdminNav } from './admin-nav';

/**
 * Länsservice only. This check shapes the menu; it does not protect the pages:
 * App Router renders a layout and its page in parallel, so every admin page
 * checks the role itself (requireAdmin) before it reads anything.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const admin = checkAdmin(user);
  if (!admin) notFound();
  const { openUnlockRequests: unlockRequests } = await requestShell(user);
  return (
    <div className="flex flex-col gap-6">
      <AdminNav badges={{ '/admin/lasta-bmb': unlockRequests }} />
      {children}
    </div>
  );
}
