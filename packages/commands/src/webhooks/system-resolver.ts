import { lookup } from 'node:dns/promises';
import type { HostResolver } from '@bmb/domain';

/**
 * A host name's addresses as the system resolver gives them to a connection
 * (getaddrinfo: DNS A and AAAA records, and /etc/hosts), so that the check sees
 * what a request would reach.
 */
export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
