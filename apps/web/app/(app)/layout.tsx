import { getDb } from '@bmb/db/client';
import type { ReactNode } from 'react';
import { Footer } from '@/components/shell/footer';
import { IdleWarning } from '@/components/shell/idle-warning';
import { MenuDisclosure } from '@/components/shell/menu-disclosure';
import { SideMenu } from '@/components/shell/side-menu';
import { TopBar } from '@/components/shell/top-bar';
import { TrainingBanner } from '@/components/training/training-banner';
import { TrainingGuide } from '@/components/training/training-guide';
import { syncTraining } from '@/lib/training/progress';
import { requireUser } from '@/lib/auth/current-user';
import { env } from '@/lib/env';
import { requestShell } from '@/lib/request-clock';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const db = await getDb();
  const training = await syncTraining(db, user, null);
  // The clock, the waiting count and (Länsservice) the unlock requests in their queue: one statement.
  const { waiting, openUnlockRequests: unlockRequests } = await requestShell(user);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#innehall"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2"
      >
        Hoppa till innehållet
      </a>
      {training ? (
        // Banner and guide stay in view while the page scrolls (issue 18): one sticky header.
        <div className="sticky top-0 z-20 shadow-md print:static" data-training-header>
          <TrainingBanner scenarioTitle={training.scenarioTitle} />
          <TrainingGuide initial={training} />
        </div>
      ) : null}
      <TopBar userName={user.name} />
      {/* Below lg (tablets, phones) the menu folds into a "Meny" button above the page. min-w-0 lets
          the page shrink to the screen instead of growing to its widest table. */}
      <div className="flex flex-1 flex-col lg:flex-row">
        <aside className="shrink-0 bg-brand-900 p-2 lg:w-52 lg:p-3 print:hidden">
          <MenuDisclosure waiting={waiting}>
            <SideMenu
              isAdmin={user.role === 'admin'}
              badges={{
                '/kvittera-bmb': { count: waiting, says: 'väntar på kvittens' },
                '/admin': { count: unlockRequests, says: unlockRequests === 1 ? 'begäran om upplåsning väntar' : 'begäranden om upplåsning väntar' },
              }}
            />
          </MenuDisclosure>
        </aside>
        <main id="innehall" className="min-w-0 flex-1 p-4 sm:p-6 print:p-0">
          {children}
        </main>
      </div>
      <Footer />
      <IdleWarning idleMinutes={env().AUTH_SESSION_IDLE_MINUTES} />
    </div>
  );
}
