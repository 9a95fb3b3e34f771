import { getDb } from '@bmb/db/client';
import { findPatient, listPatientLoans } from '@bmb/db/queries';
import { formatPersonnummer, type Personnummer } from '@bmb/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { confirmUnlessSameOrigin } from '@/components/patient-view/patient-view-gate';
import { requireUser } from '@/lib/auth/current-user';
import { recordPatientsShown } from '@/lib/patient-access';
import { PatientSearchForm } from '../patient-search-form';
import { LoansTable } from './loans-table';

export const metadata: Metadata = { title: 'Hjälpmedel' };

export default async function PatientLoansPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const user = await requireUser();
  if (!z.uuid().safeParse(patientId).success) notFound();
  const gate = await confirmUnlessSameOrigin(`/hjalpmedel/${patientId}`, 'patientens hjälpmedel');
  if (gate) return gate;

  const db = await getDb();
  // Both at once: for an unknown id the (empty) loan list is simply not shown.
  const [patient, loans] = await Promise.all([
    findPatient(db, user.workspaceId, patientId),
    listPatientLoans(db, user.workspaceId, patientId),
  ]);
  if (!patient) notFound();
  await recordPatientsShown(user, 'patient.loans.view', [patient.id]);

  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <h1 className="text-2xl font-semibold print:text-xl">Hjälpmedel</h1>
      <PatientSearchForm initialPersonnummer={patient.personnummer} />

      <section aria-labelledby="patient-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="patient-heading" className="text-lg font-semibold">
          {patient.name}
        </h2>
        <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 wrap-break-word">
          <dt className="text-slate-700">Mottagare</dt>
          <dd className="font-mono">{formatPersonnummer(patient.personnummer as Personnummer)}</dd>
          <dt className="text-slate-700">Namn</dt>
          <dd>{patient.name}</dd>
        </dl>
        <div className="mt-4 print:hidden">
          <Link
            href={`/hjalpmedel/${patient.id}/bmb`}
            data-guide="bmb-link"
            className="inline-block rounded border border-brand-700 px-4 py-1.5 font-semibold text-brand-800 hover:bg-brand-50"
          >
            BMB
          </Link>
        </div>
      </section>

      <LoansTable loans={loans} />
    </div>
  );
}
