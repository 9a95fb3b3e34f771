'use client';

import { useId, useState, type ReactNode } from 'react';
import { Field, type FieldControlProps } from './field';

/** The longest message or reason BMB keeps (MESSAGE_MAX_LENGTH in packages/domain). */
export const MESSAGE_MAX_LENGTH = 1000;

/**
 * A free-text message (Meddelande, Skäl): a labelled textarea with its hint,
 * errors and a live count ("123 av 1000 tecken"). There is no `maxLength`: the
 * browser would cut a pasted text silently, where the count shows how much is
 * too much and the command refuses it with a message. `resetKey` empties it
 * after a success by giving React a new element.
 */
export function MessageField({
  id,
  label,
  hint,
  errors,
  name = 'message',
  rows = 2,
  defaultValue,
  resetKey,
  className = 'flex flex-col gap-2',
  labelClassName,
  textareaClassName = 'rounded border border-slate-400 px-3 py-2 aria-invalid:border-red-700',
}: {
  /** The textarea's id, when an error summary links to it. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  name?: string;
  rows?: number;
  defaultValue: string;
  resetKey?: string;
  className?: string;
  labelClassName?: string;
  textareaClassName?: string;
}) {
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      className={className}
      labelClassName={labelClassName}
    >
      {(control) => (
        <CountedTextarea
          key={resetKey}
          control={control}
          name={name}
          rows={rows}
          defaultValue={defaultValue}
          className={textareaClassName}
        />
      )}
    </Field>
  );
}

function CountedTextarea({
  control,
  name,
  rows,
  defaultValue,
  className,
}: {
  control: FieldControlProps;
  name: string;
  rows: number;
  defaultValue: string;
  className: string;
}) {
  const [length, setLength] = useState(defaultValue.length);
  const countId = `${useId()}-count`;
  const over = length - MESSAGE_MAX_LENGTH;
  return (
    <>
      <textarea
        {...control}
        aria-describedby={[control['aria-describedby'], countId].filter(Boolean).join(' ')}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        onChange={(e) => setLength(e.target.value.length)}
        className={className}
      />
      <p id={countId} className={`text-sm ${over > 0 ? 'font-semibold text-red-800' : 'text-slate-700'}`} data-testid="character-count">
        {length} av {MESSAGE_MAX_LENGTH} tecken
        {over > 0 ? ` – ${over} för många. Korta texten för att kunna spara.` : ''}
      </p>
      {/* Said aloud only when it matters, not on every keystroke. */}
      <p className="sr-only" aria-live="polite">
        {over > 0 ? `Texten är ${over} tecken för lång.` : ''}
      </p>
    </>
  );
}
