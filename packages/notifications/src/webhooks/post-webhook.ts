import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

export interface WebhookPost {
  url: string;
  /**
   * The addresses the target check approved: the connection goes to these and
   * no others, so a name that resolves differently a moment later (DNS
   * rebinding) cannot send the request elsewhere. Empty: the system resolver
   * (development, where any address is allowed).
   */
  addresses: string[];
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** A delivery that did not reach a response: what the admin is told, never the receiver's words. */
export class WebhookPostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookPostError';
  }
}

function pinnedLookup(addresses: string[]): LookupFunction {
  const all: LookupAddress[] = addresses.map((address) => ({
    address,
    family: address.includes(':') ? 6 : 4,
  }));
  return ((
    _hostname: string,
    options: { all?: boolean },
    callback: (...args: unknown[]) => void,
  ) => {
    if (options.all) callback(null, all);
    else callback(null, all[0]!.address, all[0]!.family);
  }) as LookupFunction;
}

/**
 * POSTs one webhook and answers the receiver's status code. No redirect is
 * followed (a 3xx is an answer like any other, and would lead past the target
 * check); the body of the answer is not read; the whole exchange has
 * `timeoutMs`; no connection is kept or shared.
 */
export function postWebhook(post: WebhookPost): Promise<{ statusCode: number }> {
  const url = new URL(post.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: post.addresses.length > 0 ? pinnedLookup(post.addresses) : systemLookup,
      },
      (res: IncomingMessage) => {
        clearTimeout(timer);
        const statusCode = res.statusCode ?? 0;
        // Only the status counts: what the receiver says is not kept (it could be anything).
        res.destroy();
        resolve({ statusCode });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(
        new WebhookPostError('timeout', `Inget svar inom ${Math.round(post.timeoutMs / 1000)} s.`),
      );
    }, post.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(post.body);
  });
}
