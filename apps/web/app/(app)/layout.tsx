import type { ReactNode } from 'react';
import { SideMenu } from '@/components/shell/side-menu';
import { TopBar } from '@/components/shell/top-bar';
import { requireUser } from '@/lib/auth/current-user';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#innehall"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2"
      >
        Hoppa till innehållet
      </a>
      <TopBar userName={user.name} />
      <div className="flex flex-1">
        <aside className="w-52 shrink-0 bg-brand-900 p-3 print:hidden">
          <SideMenu isAdmin={user.role === 'admin'} />
        </aside>
        <main id="innehall" className="flex-1 p-6 print:p-0">
          {children}
        </main>
      </div>
    </div>
  );
}
