import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';
import { LogSearch } from './log-search';

export const metadata: Metadata = { title: 'Logg' };

/** Admin → Logg: the audit trail and the patient access log, with a per-patient extract. */
export default async function LogPage() {
  await requireAdmin('/admin/logg');
  return (
    <div className="flex max-w-6xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Logg</h1>
      <p className="text-slate-700">
        Sök bland händelser eller i loggen över åtkomst till patientuppgifter. Ett utdrag för en patient visar vilka
        användare och vårdenheter som tagit del av patientens uppgifter och när.
      </p>
      <LogSearch initial={{ kind: 'audit', personnummer: '', username: '', action: '', from: '', to: '' }} />
    </div>
  );
}
