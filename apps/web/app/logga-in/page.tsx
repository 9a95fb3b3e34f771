import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { safeReturnTo } from '@/lib/return-to';
import { signInWithSso } from './actions';

export const metadata: Metadata = { title: 'Logga in' };

/** `?returnTo=` the page to come back to (validated); `?ny=1` asks the IdP for a login even with its session alive. */
export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; returnTo?: string; ny?: string }>;
}) {
  const { error, returnTo: requested, ny } = await searchParams;
  const returnTo = safeReturnTo(requested);
  if (await getCurrentUser()) redirect(returnTo ?? '/hjalpmedel');
  return (
    <main className="mx-auto mt-16 flex max-w-md flex-col gap-5 rounded bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">BMB – byte av mottagare/betalare</h1>
      <p>Logga in med regionens inloggning för att skicka och kvittera BMB.</p>
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          Inloggningen kunde inte slutföras. Försök igen.
        </p>
      ) : null}
      <form action={signInWithSso}>
        {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
        {ny === '1' ? <input type="hidden" name="prompt" value="login" /> : null}
        <button
          type="submit"
          className="rounded bg-brand-700 px-6 py-2.5 font-medium text-white hover:bg-brand-800"
        >
          Logga in
        </button>
      </form>
      <p className="text-sm">
        <Link href="/tillganglighet" className="text-brand-800 underline">
          Tillgänglighetsredogörelse
        </Link>
      </p>
    </main>
  );
}
