import { randomBytes } from 'node:crypto';

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * A server action posted as the page's form posts it with JavaScript on:
 * multipart fields `_1_<name>`, and `0` = [previous state, the form].
 */
export function actionRequest(
  path: string,
  actionId: string,
  cookie: string,
  fields: [string, string][],
  previousState: unknown,
  origin = '',
): HttpRequest {
  const boundary = `----bmbbench${randomBytes(8).toString('hex')}`;
  const parts = [
    ...fields.map(([name, value]): [string, string] => [`_1_${name}`, value]),
    ['0', JSON.stringify([previousState, '$K1'])] as [string, string],
  ];
  const body =
    parts
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join('') + `--${boundary}--\r\n`;
  return {
    method: 'POST',
    path,
    headers: {
      cookie,
      'next-action': actionId,
      accept: 'text/x-component',
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(origin ? { origin } : {}),
    },
    body,
  };
}
