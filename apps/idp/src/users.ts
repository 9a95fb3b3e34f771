import { timingSafeEqual } from 'node:crypto';

export interface IdpUser {
  username: string;
  name: string;
  email: string;
}

/**
 * The people this development IdP knows. The first four are the demo users of
 * DESIGN.md; `k999ext` is known here but has no account in BMB, to show the
 * no-access page.
 */
export const idpUsers: IdpUser[] = [
  { username: 'k100ana', name: 'Ana Nordin', email: 'ana.nordin@region.example' },
  { username: 'k200bo', name: 'Bo Lindberg', email: 'bo.lindberg@region.example' },
  { username: 'admin', name: 'Länsservice Kundtjänst', email: 'kundtjanst@lansservice.example' },
  { username: 'k300ny', name: 'Nora Nyström', email: 'nora.nystrom@region.example' },
  { username: 'k400eva', name: 'Eva Strand', email: 'eva.strand@region.example' },
  { username: 'k999ext', name: 'Extern Användare', email: 'extern@annan-region.example' },
];

export const DEMO_PASSWORD = 'demo';

export function findIdpUser(username: string): IdpUser | undefined {
  return idpUsers.find((u) => u.username === username.trim().toLowerCase());
}

/** The user, if the password is right. Compared in constant time, as a real IdP would. */
export function authenticate(username: string, password: string): IdpUser | undefined {
  const user = findIdpUser(username);
  const given = Buffer.from(password);
  const expected = Buffer.from(DEMO_PASSWORD);
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  return user && ok ? user : undefined;
}
