import ipaddr from 'ipaddr.js';
import type { MessageCode } from '../messages/catalogue';

/**
 * Where BMB may send a webhook (docs/decisions/012-webhooks.md). A webhook is
 * a request BMB's server makes to an address an admin typed in: without a
 * check, it would reach whatever that server can reach — its own ports, the
 * database, the cloud's metadata service, the region's internal systems
 * (server-side request forgery). So in production the address must be
 * https, and every address its host name resolves to must be a public one.
 * The same check runs again before every delivery, since DNS can change.
 */

/**
 * `production`: https only, public addresses only. `development`: anything
 * goes, so that tests and developers can receive webhooks on 127.0.0.1 over
 * http (also a production build run by the test harness, with its opt-out).
 */
export type WebhookTargetMode = 'production' | 'development';

/** A host name's addresses (A and AAAA), as the system resolver answers; [] when there are none. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export type WebhookTargetProblem = Extract<
  MessageCode,
  | 'webhook.url-invalid'
  | 'webhook.url-not-https'
  | 'webhook.url-credentials'
  | 'webhook.url-private-address'
  | 'webhook.url-unresolvable'
>;

export type WebhookTarget =
  | {
      ok: true;
      /** The address as it will be stored and called (normalised). */
      url: string;
      hostname: string;
      /** The addresses checked: a delivery connects to these and no others. Empty when not resolved (development). */
      addresses: string[];
    }
  | { ok: false; problem: WebhookTargetProblem };

/** The part of WHATWG URL used here: a global of every runtime BMB runs on, which this package's lib does not type. */
interface ParsedUrl {
  href: string;
  protocol: string;
  hostname: string;
  username: string;
  password: string;
}
declare const URL: { new (input: string): ParsedUrl };

function parse(raw: string): ParsedUrl | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** An IP literal as the URL parser leaves it: dotted IPv4, or IPv6 in brackets. */
function literalAddress(hostname: string): string | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return hostname;
  if (hostname.startsWith('[') && hostname.endsWith(']')) return hostname.slice(1, -1);
  return null;
}

/**
 * Whether an address is on the public internet: not loopback, private
 * (RFC 1918), carrier-grade NAT, link-local (the cloud metadata service's
 * 169.254.169.254), unique-local (fc00::/7), multicast, unspecified, reserved,
 * documentation or benchmarking. IPv6 must be global unicast (2000::/3) and not
 * one of the tunnels that embed an IPv4 address (6to4, Teredo, NAT64); an
 * IPv4-mapped IPv6 address is judged as its IPv4 address. Anything that does
 * not parse is not public.
 */
export function isPublicAddress(address: string): boolean {
  if (address.includes(':')) {
    if (!ipaddr.IPv6.isValid(address)) return false;
    const v6 = ipaddr.IPv6.parse(address);
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
    // 2000::/3, global unicast: everything else (::/8, fe80::/10, fc00::/7, ff00::/8, …) is not the internet.
    if ((v6.parts[0]! & 0xe000) !== 0x2000) return false;
    return v6.range() === 'unicast';
  }
  // ipaddr.js also reads "127.1" or "0x7f.0.0.1" as IPv4; only the usual four decimals are an address here.
  return (
    ipaddr.IPv4.isValidFourPartDecimal(address) && ipaddr.IPv4.parse(address).range() === 'unicast'
  );
}

/**
 * Checks an address an admin entered, or one about to be called. In
 * production: https, no user name or password in it, and a host whose every
 * address is public (a name that resolves to one private address among public
 * ones is refused: the connection could take either). Pure but for `resolve`,
 * which the caller hands in (node:dns in the app; a table in tests).
 */
export async function checkWebhookUrl(
  raw: string,
  mode: WebhookTargetMode,
  resolve: HostResolver,
): Promise<WebhookTarget> {
  const url = parse(raw.trim());
  if (!url || !url.hostname || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { ok: false, problem: 'webhook.url-invalid' };
  }
  // The secret goes in the signature, never in the address (it would be stored and shown).
  if (url.username || url.password) return { ok: false, problem: 'webhook.url-credentials' };
  if (mode === 'development')
    return { ok: true, url: url.href, hostname: url.hostname, addresses: [] };
  if (url.protocol !== 'https:') return { ok: false, problem: 'webhook.url-not-https' };

  const literal = literalAddress(url.hostname);
  let addresses: string[];
  if (literal !== null) addresses = [literal];
  else {
    try {
      addresses = await resolve(url.hostname);
    } catch {
      addresses = [];
    }
  }
  if (addresses.length === 0) return { ok: false, problem: 'webhook.url-unresolvable' };
  if (!addresses.every(isPublicAddress))
    return { ok: false, problem: 'webhook.url-private-address' };
  return { ok: true, url: url.href, hostname: url.hostname, addresses };
}
