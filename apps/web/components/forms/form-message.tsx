import type { ReactNode } from 'react';

const looks = {
  text: 'text-red-800',
  box: 'rounded border border-red-300 bg-red-50 p-3 text-red-900',
} as const;

/**
 * A form's failure message. The live region is always in the page, empty and
 * taking no room until a message arrives, so that screen readers announce it.
 */
export function FormMessage({
  id,
  look = 'text',
  className,
  children,
}: {
  id?: string;
  look?: keyof typeof looks;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      id={id}
      role="alert"
      className={`${looks[look]} empty:hidden${className ? ` ${className}` : ''}`}
    >
      {children}
    </div>
  );
}
