'use client';

import type { ActionFailure } from '@/lib/action-result';
import { FormMessage } from './form-message';

/** A field the summary may link to: its name in `fieldErrors` and the id of its control. */
export interface SummaryField {
  name: string;
  id: string;
}

/**
 * The top of a refused form: the refusal, then each field's message as a link
 * that moves focus to that field (GOV.UK's error summary). The messages stay
 * beside their fields too; this list is where a screen reader user hears them
 * all at once. Fields are listed in the form's order; a problem the form has no
 * field for (a stale id) is listed without a link.
 */
export function ErrorSummary({
  failure,
  fields,
}: {
  failure: ActionFailure | undefined;
  fields: readonly SummaryField[];
}) {
  const fieldErrors = failure?.fieldErrors ?? {};
  const known = new Set(fields.map((f) => f.name));
  const items = [
    ...fields.flatMap((f) =>
      (fieldErrors[f.name] ?? []).map((text) => ({ text, id: f.id as string | null })),
    ),
    ...Object.entries(fieldErrors)
      .filter(([name]) => !known.has(name))
      .flatMap(([, texts]) => texts.map((text) => ({ text, id: null }))),
  ];
  return (
    <FormMessage look="box">
      {failure ? (
        <div data-testid="error-summary">
          <p className="font-semibold">{failure.message}</p>
          {items.length > 0 ? (
            <ul className="mt-1 list-disc pl-6">
              {items.map((item, i) => (
                <li key={`${item.id}-${i}`}>
                  {item.id ? (
                    <a
                      href={`#${item.id}`}
                      className="underline"
                      onClick={(e) => {
                        const target = document.getElementById(item.id!);
                        if (!target) return;
                        e.preventDefault();
                        target.focus();
                        target.scrollIntoView({ block: 'center' });
                      }}
                    >
                      {item.text}
                    </a>
                  ) : (
                    item.text
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </FormMessage>
  );
}
