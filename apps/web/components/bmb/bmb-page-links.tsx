import Link from 'next/link';
import { z } from 'zod';

/**
 * The `efter` search parameter of a paged BMB list: the id of the last BMB of
 * the page before. Anything but a uuid means the first page.
 */
export function bmbPageAfter(efter: string | string[] | undefined): string | undefined {
  const parsed = z.uuid().safeParse(efter);
  return parsed.success ? parsed.data : undefined;
}

/**
 * "Nästa sida" and "Första sidan" under a paged list, oldest first. `href`
 * builds the list's URL for a page (other filters kept); `after` is the
 * current page's start, `next` the next page's.
 */
export function BmbPageLinks({
  label,
  after,
  next,
  href,
}: {
  /** Names the list, for screen readers: "Sidor: BMB som väntar på din kvittens". */
  label: string;
  after: string | undefined;
  next: string | null;
  href: (after: string | undefined) => string;
}) {
  if (!after && !next) return null;
  return (
    <nav aria-label={`Sidor: ${label}`} className="flex flex-wrap gap-4">
      {after ? (
        <Link href={href(undefined)} className="text-brand-800 underline">
          Första sidan
        </Link>
      ) : null}
      {next ? (
        <Link href={href(next)} className="font-medium text-brand-800 underline">
          Nästa sida
        </Link>
      ) : null}
    </nav>
  );
}
