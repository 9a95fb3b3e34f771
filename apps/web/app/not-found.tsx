import type { Metadata } from 'next';
import { NotFoundMessage } from '@/components/shell/not-found-message';

export const metadata: Metadata = { title: 'Sidan finns inte' };

/** A URL that matches no page, outside the app's shell (the visitor may not be signed in). */
export default function NotFound() {
  return (
    <main className="mx-auto mt-16 flex max-w-xl flex-col gap-4 rounded bg-white p-8 shadow">
      <NotFoundMessage />
    </main>
  );
}
