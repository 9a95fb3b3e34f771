import type { ReactNode } from 'react';
import { SideMenu } from '@/components/shell/side-menu';
import { TopBar } from '@/components/shell/top-bar';
import { getCurrentUser } from '@/lib/auth/current-user';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <main className="mx-auto max-w-xl p-8">
        <h1 className="text-2xl font-semibold">Ditt konto saknar behörighet i BMB</h1>
        <p className="mt-4">Kontakta Länsservice kundtjänst om du behöver tillgång.</p>
      </main>
    );
  }
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
