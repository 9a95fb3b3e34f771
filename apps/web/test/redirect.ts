import { settle } from './forms';

/** Runs a server action that should redirect, and returns where to. */
export async function redirectTarget(run: () => Promise<unknown>): Promise<string> {
  const outcome = await settle(run);
  if ('redirectedTo' in outcome) return outcome.redirectedTo;
  throw new Error(`expected a redirect, got ${JSON.stringify(outcome.returned)}`);
}
