'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { menuItems } from './menu-items';

export interface MenuBadge {
  count: number;
  /** What the count is, for screen readers ("väntar på kvittens"). */
  says: string;
}

/** `badges` maps a menu href to a count shown beside it (BMBs waiting to be answered, unlock requests waiting). */
export function SideMenu({ isAdmin, badges = {} }: { isAdmin: boolean; badges?: Record<string, MenuBadge> }) {
  const pathname = usePathname();
  const items = menuItems.filter((item) => !item.adminOnly || isAdmin);
  return (
    <nav aria-label="Huvudmeny" className="print:hidden">
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                data-guide={`menu-${item.href.slice(1)}`}
                aria-current={current ? 'page' : undefined}
                className={`block rounded px-3 py-2 font-medium ${
                  current ? 'bg-white text-brand-900' : 'text-white hover:bg-brand-700'
                }`}
              >
                {item.label}
                {badges[item.href]?.count ? (
                  <span
                    className="ml-2 inline-block min-w-6 rounded-full bg-amber-400 px-1.5 text-center text-sm font-bold text-slate-900"
                    data-testid={`badge-${item.href.slice(1)}`}
                  >
                    {badges[item.href]!.count}
                    <span className="sr-only"> {badges[item.href]!.says}</span>
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
