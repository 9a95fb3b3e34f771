import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Utloggad' };

export default function SignedOutPage() {
  return (
    <main className="mx-auto mt-16 flex max-w-xl flex-col gap-4 rounded bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">Du är utloggad</h1>
      <p>Du är utloggad från BMB och från regionens inloggning.</p>
      <p>
        <Link href="/logga-in?ny=1" className="text-brand-800 underline">
          Logga in igen
        </Link>
      </p>
    </main>
  );
}
