import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Sidan finns inte' };

/**
 * A URL that matches no page, outside the app's shell (the visitor may not be
 * signed in). The same words as a page the user may not see, on purpose: a 404
 * must not tell whether something exists.
 */
export default function NotFound() {
  return (
    <main className="mx-auto mt-16 flex max-w-xl flex-col gap-4 rounded bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">Sidan finns inte</h1>
      <p>Sidan du sökte finns inte, eller så har du inte behörighet att se den.</p>
      <p>
        <Link href="/hjalpmedel" className="text-brand-800 underline">
          Till startsidan
        </Link>
      </p>
    </main>
  );
}
