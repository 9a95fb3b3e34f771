import { getDb } from '@bmb/db/client';
import { findPrescriberByUsername } from '@bmb/db/queries';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { ContactDetailsForm } from './contact-details-form';

export const metadata: Metadata = { title: 'Dina uppgifter' };

/** Dina uppgifter: what other prescribers see on your contact card (Kvittera BMB, "Från"). */
export default async function ContactDetailsPage() {
  const user = await requireUser();
  const me = await findPrescriberByUsername(await getDb(), user.workspaceId, user.username);
  if (!me) notFound();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Dina uppgifter</h1>
      <p className="text-slate-700">
        Andra förskrivare ser de här uppgifterna när du skickar en BMB till dem, så att de kan
        kontakta dig.
      </p>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 wrap-break-word">
        <dt className="text-slate-700">Förskrivare/beställare</dt>
        <dd className="font-mono">{me.username}</dd>
        <dt className="text-slate-700">Namn</dt>
        <dd>{me.name}</dd>
      </dl>
      <ContactDetailsForm initial={{ phone: me.phone, mobile: me.mobile, fax: me.fax, email: me.email, remindersEnabled: me.remindersEnabled }} />
    </div>
  );
}
