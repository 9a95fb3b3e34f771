'use client';

import { usePathname } from 'next/navigation';
import { useRef, useState, type ReactNode } from 'react';

/**
 * The main menu on a narrow screen (a tablet on a home visit, a phone): a
 * "Meny" button that shows and hides it, with the waiting count on the button
 * so it is seen without opening the menu. From the lg breakpoint up the menu is
 * the permanent left column and the button is gone. The menu stays in the DOM
 * either way (hidden, not removed), so it is one navigation, not two.
 */
export function MenuDisclosure({ waiting, children }: { waiting: number; children: ReactNode }) {
  const pathname = usePathname();
  // Open on the page where it was opened: after following a link the new page, not the menu, is in view.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const button = useRef<HTMLButtonElement>(null);

  return (
    <div
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls="huvudmeny"
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded px-3 py-2 font-medium text-white hover:bg-brand-700 lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-current">
          {open ? (
            <path d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4Z" />
          ) : (
            <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
          )}
        </svg>
        Meny{' '}
        {waiting ? (
          <span
            className="inline-block min-w-6 rounded-full bg-amber-400 px-1.5 text-center text-sm font-bold text-slate-900"
            data-testid="badge-meny"
          >
            {waiting}
            <span className="sr-only"> BMB väntar på kvittens</span>
          </span>
        ) : null}
      </button>
      <div id="huvudmeny" className={`${open ? 'mt-2 block' : 'hidden'} lg:mt-0 lg:block`}>
        {children}
      </div>
    </div>
  );
}
