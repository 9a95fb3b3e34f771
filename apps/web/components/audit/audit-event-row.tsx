import Link from 'next/link';
import { swedishDate, swedishTime } from '@bmb/domain/bmb-deadline';
import type { AuditDescription } from '@bmb/domain/describe-event';

export interface AuditEventRowData {
  id: number;
  occurredAt: Date;
  actorUsername: string | null;
  action: string;
  before: unknown;
  after: unknown;
  description: AuditDescription;
}

const td = 'px-3 py-2 align-top';
const time = (at: Date) => `${swedishDate(at)} ${swedishTime(at, { seconds: true })}`;

/** Where a subject of an event is shown: the BMB's page, the individ's card; a patient by name only. */
function SubjectLink({ subject }: { subject: AuditDescription['subjects'][number] }) {
  if (subject.kind === 'bmb')
    return (
      <Link href={`/skickade-bmb/${subject.key}`} className="text-brand-800 underline">
        {subject.label}
      </Link>
    );
  if (subject.kind === 'individ')
    return (
      <Link href={`/individkort?individ=${encodeURIComponent(subject.key)}`} className="text-brand-800 underline">
        {subject.label}
      </Link>
    );
  return <span>{subject.label}</span>;
}

/**
 * One audit event as people read it: when, who, what (the action's label and
 * the event in Swedish with names and codes), what it concerns (linked), and
 * the raw row one click away for the technically minded.
 */
export function AuditEventRow({ row, label }: { row: AuditEventRowData; label: string }) {
  return (
    <tr className="border-t border-slate-200">
      <td data-label="Tidpunkt" className={`${td} whitespace-nowrap`}>{time(new Date(row.occurredAt))}</td>
      <td data-label="Användare" className={`${td} font-mono`}>{row.actorUsername ?? 'system'}</td>
      <td data-label="Händelse" className={`${td} max-w-xl break-words`}>
        <span className="font-medium">{label}</span>
        {row.description.summary !== label ? <span className="block">{row.description.summary}</span> : null}
      </td>
      <td data-label="Gäller" className={td}>
        <ul className="flex flex-col gap-0.5">
          {row.description.subjects.map((s) => (
            <li key={`${s.kind}-${s.key}`}>
              <SubjectLink subject={s} />
            </li>
          ))}
        </ul>
      </td>
      <td data-label="Detaljer" className={`${td} max-w-xs`}>
        <details>
          <summary className="cursor-pointer text-brand-800 underline">Visa rådata</summary>
          <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-xs">
            {JSON.stringify({ action: row.action, before: row.before, after: row.after }, null, 1)}
          </pre>
        </details>
      </td>
    </tr>
  );
}
