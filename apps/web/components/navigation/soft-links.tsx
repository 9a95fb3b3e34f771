'use client';

import { useRouter } from 'next/navigation';
import type { MouseEvent, ReactNode } from 'react';

/**
 * Client-side navigation for the plain `<a>` links inside a long list. A
 * `<Link>` per row is a client component per row: rendered on the server and
 * written again into the page's payload, 50 times over (issue 21). The rows
 * link with plain anchors instead, and this one island per list turns an
 * ordinary click on any of them into the same soft navigation a `<Link>` does.
 * A click with a modifier key, on another origin or with `target` or
 * `download` is left to the browser (new tab, download), as `<Link>` leaves it.
 */
export function SoftLinks({ children }: { children: ReactNode }) {
  const router = useRouter();
  const navigate = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest('a[href]');
    if (!(anchor instanceof HTMLAnchorElement)) return;
    if (
      anchor.target ||
      anchor.hasAttribute('download') ||
      anchor.origin !== window.location.origin
    )
      return;
    event.preventDefault();
    router.push(`${anchor.pathname}${anchor.search}${anchor.hash}`);
  };
  // `contents`: the wrapper adds no box, so the table lays out as before.
  return (
    <div className="contents" onClick={navigate}>
      {children}
    </div>
  );
}
