import { getDb } from '@bmb/db/client';
import type { ReactNode } from 'react';
import { Footer } from '@/components/shell/footer';
import { SideMenu } from '@/components/shell/side-menu';
import { TopBar } from '@/components/shell/top-bar';
import { TrainingBanner } from '@/components/training/training-banner';
import { TrainingGuide } from '@/components/training/training-guide';
import { syncTraining } from '@/lib/training/progress';
import { requireUser } from '@/lib/auth/current-user';
import { requestWaitingCount } from '@/lib/request-clock';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const db = await getDb();
  const training = await syncTraining(db, user, null);
  const waiting = await requestWaitingCount(user.workspaceId, user.prescriberId);
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
      <div className="flex flex-1">
        <aside className="w-52 shrink-0 bg-brand-900 p-3 print:hidden">
          <SideMenu isAdmin={user.role === 'admin'} badges={{ '/kvittera-bmb': waiting }} />
        </aside>
        <main id="innehall" className="flex-1 p-6 print:p-0">
          {children}
        </main>
      </div>
      <Footer />
    </div>
  );
}
