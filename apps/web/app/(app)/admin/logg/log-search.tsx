'use client';

// The subpath, not the barrel: the barrel would bring all of zod into the browser.
import { swedishDate, swedishTime } from '@bmb/domain/bmb-deadline';
import { AuditEventRow } from '@/components/audit/audit-event-row';
import { Field } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { useActionState } from 'react';
import { searchLog, type LogFormValues, type LogSearchState } from './actions';
import { accessActionLabels, auditActionLabels, labelOf } from './log-labels';

const time = (at: Date) => `${swedishDate(at)} ${swedishTime(at, { seconds: true })}`;

/** Admin → Logg: the form (POSTed, so a personnummer never reaches a URL) and the results. */
export function LogSearch({ initial }: { initial: LogFormValues }) {
  const [state, formAction, pending] = useActionState<LogSearchState, FormData>(searchLog, { values: initial });
  const { values, failure, results } = state;
  const errors = failure?.fieldErrors ?? {};
  const input = 'rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700';
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';

  return (
    <div className="flex flex-col gap-6">
      <form action={formAction} className="flex flex-col gap-4 print:hidden" noValidate key={JSON.stringify(values)}>
        <fieldset>
          <legend className="font-medium">Logg</legend>
          <div className="mt-1 flex gap-6">
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" value="audit" defaultChecked={values.kind === 'audit'} className="h-5 w-5" />
              Händelser (spårbarhet)
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="kind" value="access" defaultChecked={values.kind === 'access'} className="h-5 w-5" />
              Åtkomst till patientuppgifter
            </label>
          </div>
        </fieldset>
        <div className="flex flex-wrap gap-4">
          <Field label="Personnummer" errors={errors.personnummer}>
            {(control) => (
              <input
                {...control}
                name="personnummer"
                inputMode="numeric"
                autoComplete="off"
                defaultValue={values.personnummer}
                className={`w-44 font-mono ${input}`}
              />
            )}
          </Field>
          <Field label="Användare" errors={errors.username}>
            {(control) => (
              <input
                {...control}
                name="username"
                autoComplete="off"
                defaultValue={values.username}
                className={`w-36 font-mono ${input}`}
              />
            )}
          </Field>
          <Field label="Åtgärd" className="flex max-w-full flex-col gap-1">
            {(control) => (
              <select {...control} name="action" defaultValue={values.action} className={`max-w-full ${input}`}>
                <option value="">Alla</option>
                <optgroup label="Händelser">
                  {Object.entries(auditActionLabels).map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Åtkomst">
                  {Object.entries(accessActionLabels).map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
          <Field label="Från och med" errors={errors.from}>
            {(control) => <input {...control} name="from" type="date" defaultValue={values.from} className={input} />}
          </Field>
          <Field label="Till och med" errors={errors.to}>
            {(control) => <input {...control} name="to" type="date" defaultValue={values.to} className={input} />}
          </Field>
        </div>
        <FormMessage>{failure && !failure.fieldErrors ? failure.message : null}</FormMessage>
        <div className="flex gap-3">
          <button type="submit" disabled={pending} className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
            Sök
          </button>
          {state.next ? (
            <button
              type="submit"
              name="more"
              value="1"
              disabled={pending}
              className="rounded border border-brand-700 px-5 py-2 font-medium text-brand-800"
            >
              Visa fler
            </button>
          ) : null}
        </div>
      </form>

      {results && results.kind === 'access' && values.personnummer && !failure ? (
        <form method="post" action="/admin/logg/utdrag" className="print:hidden">
          <input type="hidden" name="personnummer" value={values.personnummer} />
          <input type="hidden" name="from" value={values.from} />
          <input type="hidden" name="to" value={values.to} />
          <button type="submit" className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-800">
            Ladda ner utdrag för patienten (CSV)
          </button>
        </form>
      ) : null}

      {results ? (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="stack-table w-full border-collapse text-sm">
            <caption className="px-3 py-2 text-left font-semibold">
              {results.rows.length === 0
                ? 'Ingen träff.'
                : `${results.rows.length} ${results.kind === 'audit' ? 'händelser' : 'åtkomster'}, nyast först`}
            </caption>
            {results.kind === 'audit' ? (
              <>
                <thead className="bg-brand-50">
                  <tr>
                    <th scope="col" className={th}>Tidpunkt</th>
                    <th scope="col" className={th}>Användare</th>
                    <th scope="col" className={th}>Händelse</th>
                    <th scope="col" className={th}>Gäller</th>
                    <th scope="col" className={th}>Detaljer</th>
                  </tr>
                </thead>
                <tbody>
                  {results.rows.map((row) => (
                    <AuditEventRow key={row.id} row={row} label={labelOf(auditActionLabels, row.action)} />
                  ))}
                </tbody>
              </>
            ) : (
              <>
                <thead className="bg-brand-50">
                  <tr>
                    <th scope="col" className={th}>Tidpunkt</th>
                    <th scope="col" className={th}>Användare</th>
                    <th scope="col" className={th}>Vårdenhet</th>
                    <th scope="col" className={th}>Patient</th>
                    <th scope="col" className={th}>Åtgärd</th>
                  </tr>
                </thead>
                <tbody>
                  {results.rows.map((row) => (
                    <tr key={row.id} className="border-t border-slate-200">
                      <td data-label="Tidpunkt" className={`${td} whitespace-nowrap`}>{time(row.occurredAt)}</td>
                      <td data-label="Användare" className={td}>
                        {row.userName} (<span className="font-mono">{row.userUsername}</span>)
                      </td>
                      <td data-label="Vårdenhet" className={td}>{row.careUnit ?? ''}</td>
                      <td data-label="Patient" className={td}>{row.patientName}</td>
                      <td data-label="Åtgärd" className={td}>{labelOf(accessActionLabels, row.action)}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
          </table>
        </div>
      ) : null}
    </div>
  );
}
