import { isRedirectError } from 'next/dist/client/components/redirect-error';

/** Runs a server action that should redirect, and returns where to. */
export async function redirectTarget(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (isRedirectError(error)) return error.digest.split(';')[2] ?? '';
    throw error;
  }
  throw new Error('expected a redirect');
}
