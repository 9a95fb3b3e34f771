import { getDb } from '@bmb/db/client';
import { findPrescriberById } from '@bmb/db/queries';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Kontaktuppgifter' };

/** Kvittera BMB, step 1: "Klicka på namnet och du får kontaktuppgifterna till den förskrivaren." */
export default async function ContactCardPage({ params }: { params: Promise<{ prescriberId: string }> }) {
  const user = await requireUser();
  const { prescriberId } = await params;
  if (!z.uuid().safeParse(prescriberId).success) notFound();
  const person = await findPrescriberById(await getDb(), user.workspaceId, prescriberId);
  if (!person) notFound();
  const rows: [string, string][] = [
    ['Förskrivare/beställare', person.username.toUpperCase()],
    ['Namn', person.name],
    ['Telefon', person.phone],
    ['Mobil', person.mobile],
    ['Fax', person.fax],
    ['E-post', person.email],
  ];
  return (
    <div className="flex max-w-xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Kontaktuppgifter</h1>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-1 rounded border border-slate-200 bg-white p-4 wrap-anywhere">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-700">{label}</dt>
            <dd>
              {label === 'E-post' && value ? (
                <a href={`mailto:${value}`} className="text-brand-800 underline">
                  {value}
                </a>
              ) : (
                value || '–'
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        <Link href="/kvittera-bmb" className="text-brand-800 underline">
          Tillbaka till Kvittera BMB
        </Link>
      </p>
    </div>
  );
}
