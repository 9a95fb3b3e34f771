import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'BMB – Byte av mottagare/betalare', template: '%s – BMB' },
  description: 'Skicka och kvittera BMB (byte av mottagare/betalare) för hjälpmedel.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="sv">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
