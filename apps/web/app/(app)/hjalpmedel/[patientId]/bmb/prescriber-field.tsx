'use client';

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
  error,
}: {
  defaultValue: string;
  error?: string;
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

  const describedBy = ['newPrescriberUsername-hint', error ? 'newPrescriberUsername-error' : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="newPrescriberUsername" className="font-medium">
        Förskrivare/beställare
      </label>
      <span id="newPrescriberUsername-hint" className="text-sm text-slate-700">
        Användarnamn, till exempel k200bo. Skriv användarnamn eller namn för förslag.
      </span>
      <input
        id="newPrescriberUsername"
        name="newPrescriberUsername"
        list="prescriber-suggestions"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="w-64 rounded border border-slate-400 px-3 py-2 font-mono aria-invalid:border-red-700"
      />
      <datalist id="prescriber-suggestions">
        {suggestions.map((s) => (
          <option key={s.username} value={s.username} label={s.name} />
        ))}
      </datalist>
      {error ? (
        <p id="newPrescriberUsername-error" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
