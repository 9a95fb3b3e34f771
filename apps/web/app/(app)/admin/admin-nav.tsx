'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const sections = [
  { href: '/admin', label: 'Översikt' },
  { href: '/admin/lasta-bmb', label: 'Låsta BMB' },
  { href: '/admin/logg', label: 'Logg' },
  { href: '/admin/ovningar', label: 'Övningar' },
  { href: '/admin/konton', label: 'Konton' },
  { href: '/admin/webhooks', label: 'Webhooks' },
];

/** The admin pages' tabs, the one shown marked (aria-current and colour), as a tab strip reads. */
export function AdminNav({ badges = {} }: { badges?: Record<string, number> }) {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === '/admin' ? pathname === '/admin' : pathname.startsWith(href));
  return (
    <nav aria-label="Admin" className="print:hidden">
      <ul className="flex flex-wrap gap-2 border-b border-slate-200 pb-2">
        {sections.map((s) => {
          const current = isCurrent(s.href);
          const badge = badges[s.href] ?? 0;
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={current ? 'page' : undefined}
                className={
                  current
                    ? 'rounded bg-brand-800 px-3 py-1.5 font-medium text-white'
                    : 'rounded px-3 py-1.5 font-medium text-brand-800 hover:bg-brand-50'
                }
              >
                {s.label}
                {badge > 0 ? ' ' : null}
                {badge > 0 ? (
                  <span className="ml-1 inline-block rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
                    {badge}
                    <span className="sr-only"> väntar</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
