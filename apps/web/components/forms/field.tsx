import { useId, type ReactNode } from 'react';

/** What a Field hands its control: spread it onto the input, textarea or select. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

const joinIds = (...ids: (string | false | undefined)[]) =>
  ids.filter(Boolean).join(' ') || undefined;

/**
 * A labelled control with its hint and errors (STYLE.md 16): the ids,
 * `aria-invalid` and `aria-describedby` are made here, so no form spells them.
 * The control stays in the form, written out with its own name, type and value,
 * as a render prop: an input, a textarea and a select all take the same props.
 */
export function Field({
  id: givenId,
  label,
  hint,
  errors,
  errorId,
  className = 'flex flex-col gap-1',
  labelClassName = 'font-medium',
  children,
}: {
  /** The control's id, when something else links to it (an ErrorSummary); otherwise made here. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  /**
   * A one-field form shows its errors in its own live region (a FormMessage with
   * this id) instead: the control is described by that region and Field lists nothing.
   */
  errorId?: string;
  className?: string;
  labelClassName?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const madeId = useId();
  const id = givenId ?? madeId;
  const hintId = `${id}-hint`;
  const errorsId = errorId ?? `${id}-error`;
  const invalid = errors !== undefined && errors.length > 0;
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {hint ? (
        <span id={hintId} className="text-sm text-slate-700">
          {hint}
        </span>
      ) : null}
      {children({
        id,
        'aria-invalid': invalid || undefined,
        'aria-describedby': joinIds(hint ? hintId : undefined, invalid && errorsId),
      })}
      {errorId ? null : <ErrorList id={errorsId} errors={errors} />}
    </div>
  );
}

/**
 * A group of checkboxes or radios under a legend, described by its errors.
 * The errors come after the controls, or first where the controls are long (a table).
 */
export function FieldGroup({
  legend,
  errors,
  errorsFirst = false,
  className,
  legendClassName,
  errorClassName,
  children,
}: {
  legend: ReactNode;
  errors?: readonly string[];
  errorsFirst?: boolean;
  className?: string;
  legendClassName?: string;
  errorClassName?: string;
  children: ReactNode;
}) {
  const errorId = `${useId()}-error`;
  const list = <ErrorList id={errorId} errors={errors} className={errorClassName} />;
  return (
    <fieldset className={className} aria-describedby={errors?.length ? errorId : undefined}>
      <legend className={legendClassName}>{legend}</legend>
      {errorsFirst ? list : null}
      {children}
      {errorsFirst ? null : list}
    </fieldset>
  );
}

/** A field's or a group's messages, one after the other; nothing when there are none. */
export function ErrorList({
  id,
  errors,
  className = 'text-sm text-red-800',
}: {
  id: string;
  errors?: readonly string[];
  className?: string;
}) {
  if (!errors?.length) return null;
  return (
    <p id={id} className={className}>
      {errors.join(' ')}
    </p>
  );
}
