import { z } from 'zod';

/**
 * A prescriber's username as an admin form takes it (Övningar, Konton): trimmed,
 * lower-case as stored, and only the characters usernames have, so that
 * nothing else (a NUL byte, a 10,000-character paste) reaches a query.
 */
export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9._-]+$/);
