import { getDb } from '@bmb/db/client';
import { countWhatWaits } from '@bmb/db/queries';
import Link from 'next/link';
import type { CurrentUser } from '@/lib/auth/session-user';
import { requestShell } from '@/lib/request-clock';

/**
 * The start page's notice of what waits: the manual says nothing tells you a
 * BMB arrived, and BMBs lock because nobody looked. For Länsservice, the
 * unlock requests waiting in their queue too. Only what is non-zero shows.
 */
export async function WhatWaits({ user }: { user: CurrentUser }) {
  const db = await getDb();
  const { now, openUnlockRequests: unlockRequests } = await requestShell(user);
  const counts = await countWhatWaits(db, user.workspaceId, user.prescriberId, now);
  const items = [
    unlockRequests > 0 && {
      href: '/admin/lasta-bmb#queue-heading',
      text: `${unlockRequests} ${unlockRequests === 1 ? 'begäran om upplåsning väntar' : 'begäranden om upplåsning väntar'}`,
      urgent: true,
    },
    counts.toAnswer > 0 && {
      href: '/kvittera-bmb',
      text: `${counts.toAnswer} BMB väntar på ditt svar`,
    },
    counts.aboutToLock > 0 && {
      href: '/kvittera-bmb',
      text: `${counts.aboutToLock} av dem låses inom 2 dagar`,
      urgent: true,
    },
    counts.answered > 0 && {
      href: '/skickade-bmb',
      text: `${counts.answered} BMB som du skickat har besvarats den senaste veckan`,
    },
    counts.locked > 0 && {
      href: '/kvittera-bmb#ej-besvarad-bmb',
      text: `${counts.locked} BMB ${counts.locked === 1 ? 'är låst' : 'är låsta'} utan svar`,
      urgent: true,
    },
  ].filter((item) => item !== false);

  return (
    <section aria-labelledby="att-gora" className="rounded border border-slate-300 bg-white p-4">
      <h2 id="att-gora" className="text-lg font-semibold">
        Att göra
      </h2>
      {items.length === 0 ? (
        <p className="text-slate-700">Inget väntar på dig just nu.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1">
          {items.map((item) => (
            <li key={item.text}>
              <Link href={item.href} className={item.urgent ? 'font-semibold text-red-800 underline' : 'underline'}>
                {item.text}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
