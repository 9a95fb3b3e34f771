import { isRedirectError } from 'next/dist/client/components/redirect-error';

/** FormData from a plain object; arrays become repeated fields, as checkboxes post them. */
export function formData(values: Record<string, string | string[] | boolean | undefined>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === false) continue;
    if (value === true) data.set(key, 'on');
    else if (Array.isArray(value)) for (const v of value) data.append(key, v);
    else data.set(key, value);
  }
  return data;
}

export type Settled<T> = { redirectedTo: string } | { returned: T };

/** Runs a server action and reports whether it redirected (success) or returned (usually a refusal). */
export async function settle<T>(run: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { returned: await run() };
  } catch (error) {
    if (isRedirectError(error)) return { redirectedTo: error.digest.split(';')[2] ?? '' };
    throw error;
  }
}
