'use client';

import { BMB_EVENT_TYPES, bmbEventTypeLabels, WEBHOOK_DESCRIPTION_MAX_LENGTH } from '@bmb/domain';
import { Field, FieldGroup } from '@/components/forms/field';
import { FormMessage } from '@/components/forms/form-message';
import { useActionState, useId, useState } from 'react';
import { createWebhook, type CreateWebhookState } from './actions';

const input = 'rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700';

/**
 * "Registrera webhook": the address, the event types, a description. After a
 * success the secret is shown here, this once: the answer of the action is
 * the only place it is ever sent.
 */
export function CreateWebhookForm({ production }: { production: boolean }) {
  const [state, formAction, pending] = useActionState<CreateWebhookState, FormData>(createWebhook, {
    values: { url: '', eventTypes: [], description: '' },
  });
  const errors = state.failure?.fieldErrors ?? {};
  // A new key after each answer: the inputs show the values the action handed back.
  const resetKey = `${state.done?.secret ?? ''}:${state.values.url}:${state.values.eventTypes.join(',')}`;

  return (
    <div className="flex flex-col gap-4">
      {state.done ? <SecretOnce url={state.done.url} secret={state.done.secret} /> : null}
      <form action={formAction} className="flex max-w-2xl flex-col gap-4" noValidate>
        <FormMessage>
          {state.failure && !state.failure.fieldErrors ? state.failure.message : null}
        </FormMessage>
        <Field
          label="Adress (URL)"
          hint={
            production
              ? 'Lagersystemets adress för webhooks. Den måste börja med https:// och nås från internet.'
              : 'Lagersystemets adress för webhooks, till exempel https://lager.region.se/bmb/webhook.'
          }
          errors={errors.url}
        >
          {(control) => (
            <input
              {...control}
              key={`url:${resetKey}`}
              name="url"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              required
              defaultValue={state.values.url}
              className={input}
            />
          )}
        </Field>
        <FieldGroup
          legend="Händelser att skicka"
          legendClassName="font-medium"
          errors={errors.eventTypes}
          className="flex flex-col gap-2"
          errorClassName="text-sm text-red-800"
        >
          {BMB_EVENT_TYPES.map((type) => (
            <div key={type} className="flex items-start gap-2">
              <input
                key={`${type}:${resetKey}`}
                id={`eventTypes-${type}`}
                name="eventTypes"
                type="checkbox"
                value={type}
                defaultChecked={state.values.eventTypes.includes(type)}
                className="mt-1 size-4 shrink-0"
              />
              <label htmlFor={`eventTypes-${type}`}>
                {bmbEventTypeLabels[type]}{' '}
                <span className="font-mono text-sm text-slate-700">({type})</span>
              </label>
            </div>
          ))}
        </FieldGroup>
        <Field
          label="Beskrivning (valfri)"
          hint="Till exempel vilket system som tar emot."
          errors={errors.description}
        >
          {(control) => (
            <input
              {...control}
              key={`description:${resetKey}`}
              name="description"
              type="text"
              maxLength={WEBHOOK_DESCRIPTION_MAX_LENGTH}
              defaultValue={state.values.description}
              className={input}
            />
          )}
        </Field>
        <div>
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
          >
            Registrera
          </button>
        </div>
      </form>
    </div>
  );
}

/** The secret, once: to be copied into the stock system now. */
function SecretOnce({ url, secret }: { url: string; secret: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }
  return (
    <div
      role="status"
      className="flex max-w-3xl flex-col gap-2 rounded border border-amber-400 bg-amber-50 p-4 text-slate-900"
    >
      <p className="font-semibold">Webhooken är registrerad för {url}</p>
      <p className="font-semibold">Hemligheten visas bara nu. Spara den i lagersystemet.</p>
      <p className="text-sm">
        Lagersystemet behöver den för att kontrollera signaturen (Standard Webhooks) på varje anrop.
        Om den kommer bort: stäng av webhooken och registrera adressen igen, så får du en ny
        hemlighet.
      </p>
      <label htmlFor={id} className="font-medium">
        Hemlighet
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          onClick={() => void copy()}
          className="rounded border border-brand-700 px-3 py-2 font-semibold text-brand-800 hover:bg-brand-50"
        >
          Kopiera hemligheten
        </button>
      </div>
      <p aria-live="polite" className="text-sm empty:hidden">
        {copied === 'yes'
          ? 'Hemligheten är kopierad.'
          : copied === 'no'
            ? 'Kunde inte kopiera: markera texten och kopiera den själv.'
            : null}
      </p>
    </div>
  );
}
