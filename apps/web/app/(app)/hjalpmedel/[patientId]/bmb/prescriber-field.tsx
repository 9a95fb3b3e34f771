'use client';

import { Field } from '@/components/forms/field';
import { useEffect, useState } from 'react';

interface Suggestion {
  username: string;
  name: string;
}

/**
 * "Förskrivare/beställare": the new prescriber's username, with suggestions by
 * username or name as you type. A native datalist, so the keyboard and screen
 * readers work as everywhere else in the browser.
 */
export function PrescriberField({
  defaultValue,
  errors,
}: {
  defaultValue: string;
  errors?: readonly string[];
}) {
  const [value, setValue] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);

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
      label="Förskrivare/beställare"
      hint="Användarnamn, till exempel k200bo. Skriv användarnamn eller namn för förslag."
      errors={errors}
    >
      {(control) => (
        <>
          <input
            {...control}
            name="newPrescriberUsername"
            list="prescriber-suggestions"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className="w-64 rounded border border-slate-400 px-3 py-2 font-mono aria-invalid:border-red-700"
          />
          {/* e2e reads the suggestions by this id. */}
          <datalist id="prescriber-suggestions">
            {suggestions.map((s) => (
              <option key={s.username} value={s.username} label={s.name} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}
