import type { Principal } from './actor';

declare const checkedAdmin: unique symbol;

/**
 * Proof that the caller's admin role was checked: Länsservice's reads (Låsta
 * BMB, Logg, Översikt, Övningar) take one instead of a workspace id, so a page
 * or route that forgets the check does not compile. Only `checkAdmin` makes one.
 * (In the App Router a layout's check does not stop its page's payload: the
 * check has to be where the data is read.)
 */
export interface AdminScope {
  readonly workspaceId: string;
  readonly adminId: string;
  readonly [checkedAdmin]: true;
}

/** The admin scope of a principal who is Länsservice, else null. */
export function checkAdmin(principal: Principal): AdminScope | null {
  if (principal.role !== 'admin') return null;
  return { workspaceId: principal.workspaceId, adminId: principal.prescriberId } as AdminScope;
}
