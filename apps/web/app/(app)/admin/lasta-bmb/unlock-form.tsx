'use client';

import type { LockedBmbRow } from '@bmb/db/queries';
// The subpath, not the barrel: the barrel would bring all of zod into the browser.
import { swedishDate } from '@bmb/domain/bmb-deadline';
import { useActionState } from 'react';
import { unlockBmbs, type UnlockState } from './actions';

/** All locked BMBs, with checkboxes and one reason for "Lås upp" (one row or many). */
export function UnlockForm({ rows, now }: { rows: LockedBmbRow[]; now: Date }) {
  const [state, formAction, pending] = useActionState<UnlockState, FormData>(unlockBmbs, { reason: '' });
  const reasonError = state.failure?.fieldErrors?.reason?.[0];
  const rowsError = state.failure?.fieldErrors?.bmbIds?.[0];
  const th = 'px-3 py-2 text-left font-semibold';
  const td = 'px-3 py-2 align-top';
  const daysPast = (deadline: Date) => Math.max(0, Math.floor((now.getTime() - deadline.getTime()) / 86_400_000));

  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <p role="status" className="empty:hidden">
        {state.done
          ? `${state.done.unlocked} BMB upplåsta.${state.done.refused.length ? ` Inte upplåsta: ${state.done.refused.join(' ')}` : ''}`
          : null}
      </p>
      {state.failure && !state.failure.fieldErrors ? (
        <p role="alert" className="text-red-800">
          {state.failure.message}
        </p>
      ) : null}
      {rowsError ? (
        <p id="rows-error" className="text-red-800">
          {rowsError}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>Ingen träff.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full border-collapse text-sm" aria-describedby={rowsError ? 'rows-error' : undefined}>
            <caption className="sr-only">Låsta BMB</caption>
            <thead className="bg-brand-50">
              <tr>
                <th scope="col" className={th}>Välj</th>
                <th scope="col" className={th}>Skickad</th>
                <th scope="col" className={th}>Från</th>
                <th scope="col" className={th}>Till</th>
                <th scope="col" className={th}>Mottagare</th>
                <th scope="col" className={th}>Hjälpmedel</th>
                <th scope="col" className={th}>Dagar efter deadline</th>
                <th scope="col" className={th}>Begärd upplåsning</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-200">
                  <td className={td}>
                    <input
                      type="checkbox"
                      name="bmbIds"
                      value={row.id}
                      aria-label={`Välj BMB ${swedishDate(row.sentAt)} från ${row.senderUsername} till ${row.receiverUsername}`}
                      className="h-5 w-5"
                    />
                  </td>
                  <td className={td}>{swedishDate(row.sentAt)}</td>
                  <td className={td}>
                    {row.senderName} (<span className="font-mono">{row.senderUsername}</span>)
                  </td>
                  <td className={td}>
                    {row.receiverName} (<span className="font-mono">{row.receiverUsername}</span>)
                  </td>
                  <td className={td}>{row.patientName}</td>
                  <td className={td}>{row.devices}</td>
                  <td className={td}>{daysPast(row.deadline)}</td>
                  <td className={td}>
                    {row.requestedAt ? `${swedishDate(row.requestedAt)}${row.requestMessage ? `: ${row.requestMessage}` : ''}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex max-w-2xl flex-col gap-1">
        <label htmlFor="reason" className="font-medium">
          Skäl till upplåsningen
        </label>
        <textarea
          id="reason"
          name="reason"
          rows={2}
          maxLength={1000}
          defaultValue={state.reason}
          key={state.done ? 'done' : state.reason}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? 'reason-error' : undefined}
          className="rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700"
        />
        {reasonError ? (
          <p id="reason-error" className="text-sm text-red-800">
            {reasonError}
          </p>
        ) : null}
      </div>
      <div>
        <button
          type="submit"
          disabled={pending || rows.length === 0}
          className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
        >
          Lås upp
        </button>
      </div>
    </form>
  );
}
