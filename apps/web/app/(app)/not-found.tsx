import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Sidan finns inte' };

/**
 * notFound() in a signed-in page (an unknown patient, a BMB that is not the
 * user's): inside the shell, whose layout already holds the page's <main>.
 */
export default function NotFoundInApp() {
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-semibold">Sidan finns inte</h1>
      <p>Sidan du sökte finns inte, eller så har du inte behörighet att se den.</p>
      <p>
        <Link href="/hjalpmedel" className="text-brand-800 underline">
          Till startsidan
        </Link>
      </p>
    </div>
  );
}
