import Link from 'next/link';
import { signOutEverywhere } from '@/app/avsluta/actions';
import { PrintButton } from './print-button';

export function TopBar({ userName }: { userName: string }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 bg-white px-4 py-3 sm:px-6 print:hidden">
      <Link href="/hjalpmedel" className="text-lg font-semibold text-brand-900">
        BMB <span className="font-normal text-slate-700">– byte av mottagare/betalare</span>
      </Link>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-brand-800">
        <span className="font-medium text-slate-900" data-testid="current-user-name">
          {userName}
        </span>
        <Link href="/hjalp" className="hover:underline">
          Hjälp
        </Link>
        <PrintButton />
        <form action={signOutEverywhere}>
          <button type="submit" className="hover:underline">
            Avsluta
          </button>
        </form>
      </div>
    </header>
  );
}
