import { createHash } from 'node:crypto';

/**
 * A stable UUID for a demo row, derived from its kind and natural key, so that
 * seeding twice inserts nothing new (`on conflict do nothing`).
 */
export function demoId(kind: string, key: string): string {
  const hex = createHash('sha1').update(`bmb-demo:${kind}:${key}`).digest('hex');
  // Shape it as an RFC 9562 version 5 UUID.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
