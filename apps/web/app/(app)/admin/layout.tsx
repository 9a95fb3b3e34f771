import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/current-user';

const sections = [
  { href: '/admin', label: 'Översikt' },
  { href: '/admin/lasta-bmb', label: 'Låsta BMB' },
  { href: '/admin/logg', label: 'Logg' },
  { href: '/admin/ovningar', label: 'Övningar' },
  { href: '/admin/webhooks', label: 'Webhooks' },
];

/**
 * Länsservice only. This check shapes the menu; it does not protect the pages:
 * App Router renders a layout and its page in parallel, so every admin page
 * checks the role itself (requireAdmin) before it reads anything.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  if (user.role !== 'admin') notFound();
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Admin" className="print:hidden">
        <ul className="flex flex-wrap gap-2 border-b border-slate-200 pb-2">
          {sections.map((s) => (
            <li key={s.href}>
              <Link
                href={s.href}
                className="rounded px-3 py-1.5 font-medium text-brand-800 hover:bg-brand-50"
              >
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
