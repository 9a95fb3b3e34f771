'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { menuItems } from './menu-items';

export function SideMenu({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const items = menuItems.filter((item) => !item.adminOnly || isAdmin);
  return (
    <nav aria-label="Huvudmeny" className="print:hidden">
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          if (!item.ready) {
            return (
              <li key={item.href}>
                <span
                  className="block rounded px-3 py-2 text-brand-100"
                  title="Den här delen är inte klar ännu"
                >
                  {item.label}
                  <span className="sr-only"> (inte tillgänglig ännu)</span>
                </span>
              </li>
            );
          }
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded px-3 py-2 font-medium ${
                  current ? 'bg-white text-brand-900' : 'text-white hover:bg-brand-700'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
