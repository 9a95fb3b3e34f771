import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Avslutat' };

export default function SignedOutPage() {
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 p-8">
      <h1 className="text-2xl font-semibold">Du har avslutat BMB</h1>
      <p>Stäng webbläsarfönstret om du använder en delad dator.</p>
      <p>
        <Link href="/hjalpmedel" className="text-brand-800 underline">
          Tillbaka till BMB
        </Link>
      </p>
    </main>
  );
}
