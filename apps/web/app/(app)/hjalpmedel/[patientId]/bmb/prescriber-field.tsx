'use client';

import { Field } from '@/components/forms/field';
import { useEffect, useId, useState } from 'react';

interface Suggestion {
  username: string;
  name: string;
  /** Set when the prescriber is new staff who cannot answer a BMB until trained: what to tell the sender. */
  warning: string | null;
}

/**
 * "Förskrivare/beställare": the new prescriber's username, with suggestions by
 * username or name as you type. A native datalist, so the keyboard and screen
 * readers work as everywhere else in the browser. When the username typed is
 * new staff who has not trained yet, the sender is told at once, not after Verkställ.
 */
export function PrescriberField({
  id,
  defaultValue,
  errors,
  exampleUsername,
}: {
  /** The input's id, for the form's error summary. */
  id?: string;
  defaultValue: string;
  errors?: readonly string[];
  /** A username that exists where the user is (in Övningsläge, the sandbox's colleague). */
  exampleUsername: string;
}) {
  const [value, setValue] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const warningId = `${useId()}-receiver`;
  const typed = value.trim().toLowerCase();
  const warning = suggestions.find((s) => s.username === typed)?.warning ?? null;

  useEffect(() => {
    const query = value.trim();
    if (query.length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/forskrivare?q=${encodeURIComponent(query)}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : { prescribers: [] }))
        .then((body: { prescribers: Suggestion[] }) => setSuggestions(body.prescribers))
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);

  return (
    <Field
      id={id}
      label="Förskrivare/beställare"
      hint={`Användarnamn, till exempel ${exampleUsername}. Skriv användarnamn eller namn för förslag.`}
      errors={errors}
    >
      {(control) => (
        <>
          <input
            {...control}
            aria-describedby={
              warning
                ? [control['aria-describedby'], warningId].filter(Boolean).join(' ')
                : control['aria-describedby']
            }
            name="newPrescriberUsername"
            list="prescriber-suggestions"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className="w-64 rounded border border-slate-400 px-3 py-2 font-mono aria-invalid:border-red-700 disabled:bg-slate-100 disabled:text-slate-900"
          />
          {/* e2e reads the suggestions by this id. */}
          <datalist id="prescriber-suggestions">
            {suggestions.map((s) => (
              <option key={s.username} value={s.username} label={s.name} />
            ))}
          </datalist>
          {/* Always in the page, empty until needed, so that screen readers announce it. */}
          <p
            id={warningId}
            role="status"
            className="rounded border border-amber-400 bg-amber-50 p-2 text-sm empty:hidden"
            data-testid="receiver-untrained"
          >
            {warning}
          </p>
        </>
      )}
    </Field>
  );
}
