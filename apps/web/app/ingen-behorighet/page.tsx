import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Ingen behörighet' };

/** Where a login with no prescriber account in BMB ends: no session was created. */
export default function NoAccessPage() {
  return (
    <main className="mx-auto mt-16 flex max-w-xl flex-col gap-4 rounded bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">Ditt konto saknar behörighet i BMB</h1>
      <p>
        Du loggade in hos regionen, men det finns inget aktivt förskrivarkonto i BMB för dig.
        Kontakta Länsservice kundtjänst om du behöver tillgång.
      </p>
      <p>
        {/* ny=1: the IdP asks for a login again, so another person (or account) can sign in. */}
        <Link href="/logga-in?ny=1" className="text-brand-800 underline">
          Till inloggningen
        </Link>
      </p>
    </main>
  );
}
