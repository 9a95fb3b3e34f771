import { getDb } from '@bmb/db/client';
import { findRegionRules, listDeactivatedAccounts } from '@bmb/db/queries';
import { swedishDate } from '@bmb/domain';
import type { Metadata } from 'next';
import { requireAdmin } from '@/lib/auth/require-admin';
import { NumberRuleForm } from '@/components/forms/number-rule-form';
import { ReactivateButton } from './account-forms';
import { setRegionRules } from './actions';

export const metadata: Metadata = { title: 'Konton' };

/**
 * Admin → Konton: the region's rule for unused prescriber accounts, and the
 * accounts it has deactivated, each with "Återaktivera". The housekeeping job
 * applies the rule every hour (packages/notifications, housekeeping.ts).
 */
export default async function AccountsPage() {
  const { admin } = await requireAdmin('/admin/konton');
  const db = await getDb();
  const [rules, deactivated] = await Promise.all([findRegionRules(db, admin), listDeactivatedAccounts(db, admin)]);
  const months = rules.deactivateUnusedAfterMonths;
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2';
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold">Konton</h1>
      <section aria-labelledby="rule-heading" className="flex flex-col gap-3">
        <h2 id="rule-heading" className="text-lg font-semibold">
          Oanvända konton
        </h2>
        <p className="max-w-3xl">
          En förskrivare som inte har loggat in på {months} månader får sitt konto inaktiverat automatiskt (kontrolleras
          varje timme). Kontot finns kvar med all historik och kan återaktiveras här.
        </p>
        <NumberRuleForm
          action={setRegionRules}
          name="months"
          value={months}
          label="Inaktivera konton som inte använts på (månader)"
          hint="Regioner brukar välja 6–12 månader. Länsservices egna konton inaktiveras aldrig."
          errorKey="deactivateUnusedAfterMonths"
          saved="Sparat: konton som inte använts på {n} månader inaktiveras."
        />
      </section>
      <section aria-labelledby="deactivated-heading" className="flex flex-col gap-3">
        <h2 id="deactivated-heading" className="text-lg font-semibold">
          Inaktiverade konton
        </h2>
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="stack-table w-full border-collapse text-sm" data-testid="deactivated-accounts">
            <caption className="sr-only">Konton som inaktiverats för att de inte använts</caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className={th}>Användare</th>
                <th scope="col" className={th}>Senast inloggad</th>
                <th scope="col" className={th}>Inaktiverat</th>
                <th scope="col" className={th}><span className="sr-only">Åtgärd</span></th>
              </tr>
            </thead>
            <tbody>
              {deactivated.length === 0 ? (
                <tr className="border-t border-slate-200">
                  <td className={td} colSpan={4}>
                    Ingen träff.
                  </td>
                </tr>
              ) : (
                deactivated.map((account) => (
                  <tr key={account.id} className="border-t border-slate-200">
                    <th data-label="Användare" scope="row" className={`${td} text-left font-normal`}>
                      {account.name} (<span className="font-mono">{account.username}</span>)
                    </th>
                    <td data-label="Senast inloggad" className={td}>{account.lastLoginAt ? swedishDate(account.lastLoginAt) : 'Aldrig'}</td>
                    <td data-label="Inaktiverat" className={td}>{swedishDate(account.deactivatedAt)}</td>
                    <td className={td}>
                      <ReactivateButton username={account.username} name={account.name} />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
