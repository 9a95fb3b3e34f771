'use client';

/** Next's digest of a server error: the key to the server's log line, and nothing of its message. */
function digestOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  return typeof error.digest === 'string' ? error.digest : undefined;
}

/**
 * Any error while rendering a page (error boundaries must be client
 * components). The error's message is never shown: in production a server
 * error's message is a generic text anyway, and a client error's may hold data.
 * The digest lets support find the server's log line.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  return (
    <main className="mx-auto mt-16 flex max-w-xl flex-col gap-4 rounded bg-white p-8 shadow">
      {/* A client component cannot export metadata; React 19 moves this into <head>. */}
      <title>Något gick fel – BMB</title>
      <h1 className="text-2xl font-semibold">Något gick fel</h1>
      <p>Sidan kunde inte visas. Försök igen om en stund. Om felet finns kvar, kontakta Länsservice kundtjänst.</p>
      {digest ? <p className="text-sm text-slate-600">Felkod: {digest}</p> : null}
      <p>
        {/* retry(), not reset(): it fetches the page from the server again, where the error happened. */}
        <button
          type="button"
          onClick={() => retry()}
          className="rounded bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800"
        >
          Försök igen
        </button>
      </p>
    </main>
  );
}
