import type { Metadata } from 'next';
import { NotFoundMessage } from '@/components/shell/not-found-message';

export const metadata: Metadata = { title: 'Sidan finns inte' };

/**
 * notFound() in a signed-in page (an unknown patient, a BMB that is not the
 * user's): inside the shell, whose layout already holds the page's <main>.
 */
export default function NotFoundInApp() {
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <NotFoundMessage />
    </div>
  );
}
