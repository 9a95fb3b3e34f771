import type { ReactNode } from 'react';

/**
 * A form's controls, shown but not usable while `describedBy` names the notice
 * that says why (new staff before training). A disabled fieldset disables
 * every control inside, the submit buttons too, without each one knowing; links
 * (Avbryt) still work. Without a reason the controls are left as they are.
 */
export function ReadOnlyFieldset({
  describedBy,
  children,
}: {
  describedBy: string | undefined;
  children: ReactNode;
}) {
  if (!describedBy) return <>{children}</>;
  return (
    <fieldset disabled aria-describedby={describedBy} className="min-w-0">
      {children}
    </fieldset>
  );
}
