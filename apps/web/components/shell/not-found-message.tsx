import Link from 'next/link';

/**
 * What a 404 says, in and outside the shell: the same words for a page that
 * does not exist and one the user may not see, so a 404 never tells which.
 */
export function NotFoundMessage() {
  return (
    <>
      <h1 className="text-2xl font-semibold">Sidan finns inte</h1>
      <p>Sidan du sökte finns inte, eller så har du inte behörighet att se den.</p>
      <p>
        <Link href="/hjalpmedel" className="text-brand-800 underline">
          Till startsidan
        </Link>
      </p>
    </>
  );
}
