import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'BMB – Byte av mottagare/betalare', template: '%s – BMB' },
  description: 'Skicka och kvittera BMB (byte av mottagare/betalare) för hjälpmedel.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: a page built ahead of time would carry no CSP nonce.
  await connection();
  return (
    <html lang="sv">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
