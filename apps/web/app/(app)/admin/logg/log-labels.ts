// The subpath, not the barrel: Logg's search form is a client component,
// and the barrel would bring all of zod into the browser.
export { accessActionLabels, auditActionLabels } from '@bmb/domain/log-actions';

/** A code outside the vocabulary (a row written before it) shows as itself. */
export const labelOf = (labels: Readonly<Record<string, string>>, code: string) =>
  labels[code] ?? code;
