import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: 'Bare Next.js' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // As apps/web: every page renders per request (a nonce per response).
  await connection();
  return (
    <html lang="sv">
      <body>{children}</body>
    </html>
  );
}
