/**
 * Errors of the HTTP API as RFC 9457 problem documents
 * (`application/problem+json`): a stable `type` per kind of problem, a Swedish
 * `title` and `detail` for whoever reads the integration's logs, and for a
 * refused batch every bad row.
 */
export interface ProblemDetails {
  /** A stable code, e.g. `invalid-batch`; the document's `type` is its URN. */
  code: string;
  status: number;
  title: string;
  detail?: string;
  errors?: unknown[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(
  { code, status, title, detail, errors }: ProblemDetails,
  headers: HeadersInit = {},
): Response {
  const body = {
    type: `urn:bmb:problem:${code}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
  return Response.json(body, {
    status,
    headers: { ...Object.fromEntries(new Headers(headers)), 'content-type': PROBLEM_CONTENT_TYPE },
  });
}
