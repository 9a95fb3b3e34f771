import type { ReactNode } from 'react';
import { Field } from './field';

/** The longest message or reason BMB keeps (MESSAGE_MAX_LENGTH in packages/domain). */
const MAX_LENGTH = 1000;

/**
 * A free-text message (Meddelande, Skäl): a labelled textarea with its hint and
 * errors, at most 1,000 characters as the commands accept. `resetKey` empties it
 * after a success by giving React a new element.
 */
export function MessageField({
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
      label={label}
      hint={hint}
      errors={errors}
      className={className}
      labelClassName={labelClassName}
    >
      {(control) => (
        <textarea
          {...control}
          key={resetKey}
          name={name}
          rows={rows}
          maxLength={MAX_LENGTH}
          defaultValue={defaultValue}
          className={textareaClassName}
        />
      )}
    </Field>
  );
}
