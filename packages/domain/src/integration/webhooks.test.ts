import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPublicAddress, type HostResolver } from './webhook-target';
import { WEBHOOK_RETRY_DELAYS_SECONDS, webhookCreateSchema, webhookRetryDelay } from './webhooks';

/** A resolver from a table, as DNS would answer; an unknown name has no address. */
const dns =
  (table: Record<string, string[]>): HostResolver =>
  (host) => {
    const found = table[host];
    return found
      ? Promise.resolve(found)
      : Promise.reject(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
        );
  };
const PUBLIC_V4 = '93.184.215.14';
const PUBLIC_V6 = '2606:2800:21f:cb07:6820:80da:af6b:8b2c';

describe('isPublicAddress', () => {
  it.each([
    PUBLIC_V4,
    '8.8.8.8',
    '1.1.1.1',
    PUBLIC_V6,
    '2001:4860:4860::8888',
    `::ffff:${PUBLIC_V4}`,
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['2002:a00:1::1', '6to4 of a private address'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['127.1', 'a short IPv4 form'],
    ['0x7f000001', 'a hexadecimal IPv4 form'],
    ['2130706433', 'a decimal IPv4 form'],
    ['not an address', 'nonsense'],
  ])('%s is not (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('checkWebhookUrl in production', () => {
  const resolve = dns({
    'lager.region.se': [PUBLIC_V4, PUBLIC_V6],
    'intern.region.se': ['10.20.30.40'],
    'blandad.region.se': [PUBLIC_V4, '192.168.0.10'],
    'rebind.example': ['127.0.0.1'],
    'v6intern.example': ['fd00::5'],
  });
  const check = (url: string) => checkWebhookUrl(url, 'production', resolve);

  it('accepts https to a host whose every address is public, and says which addresses', async () => {
    expect(await check('https://lager.region.se/bmb/webhook')).toEqual({
      ok: true,
      url: 'https://lager.region.se/bmb/webhook',
      hostname: 'lager.region.se',
      addresses: [PUBLIC_V4, PUBLIC_V6],
    });
    expect(await check(`https://${PUBLIC_V4}:8443/hook`)).toMatchObject({
      ok: true,
      addresses: [PUBLIC_V4],
    });
    expect(await check(`https://[${PUBLIC_V6}]/hook`)).toMatchObject({
      ok: true,
      addresses: [PUBLIC_V6],
    });
  });

  it('refuses plain http, other schemes, and addresses with a user or password', async () => {
    expect(await check('http://lager.region.se/hook')).toEqual({
      ok: false,
      problem: 'webhook.url-not-https',
    });
    for (const url of [
      'ftp://lager.region.se/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'lager.region.se/hook',
      '',
      'https://',
    ])
      expect(await check(url), url).toEqual({ ok: false, problem: 'webhook.url-invalid' });
    expect(await check('https://user:pw@lager.region.se/hook')).toEqual({
      ok: false,
      problem: 'webhook.url-credentials',
    });
  });

  it('refuses loopback, private, link-local, unique-local and multicast addresses, given as literals or by name', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.0.0.1/hook',
      'https://192.168.1.20:8443/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://224.0.0.1/hook',
      'https://0.0.0.0/hook',
      // The URL parser reads these as 127.0.0.1: the check sees what a request would reach.
      'https://0x7f.0.0.1/hook',
      'https://2130706433/hook',
      'https://127.1/hook',
      'https://intern.region.se/hook',
      'https://rebind.example/hook',
      'https://v6intern.example/hook',
    ]) {
      const resolveWithLocalhost: HostResolver = (host) =>
        host === 'localhost' ? Promise.resolve(['127.0.0.1', '::1']) : resolve(host);
      expect(await checkWebhookUrl(url, 'production', resolveWithLocalhost), url).toEqual({
        ok: false,
        problem: 'webhook.url-private-address',
      });
    }
  });

  it('refuses a name with one private address among public ones: the connection could take either', async () => {
    expect(await check('https://blandad.region.se/hook')).toEqual({
      ok: false,
      problem: 'webhook.url-private-address',
    });
  });

  it('refuses a name that does not resolve', async () => {
    expect(await check('https://finns-inte.region.se/hook')).toEqual({
      ok: false,
      problem: 'webhook.url-unresolvable',
    });
    expect(
      await checkWebhookUrl('https://tom.region.se/', 'production', () => Promise.resolve([])),
    ).toEqual({
      ok: false,
      problem: 'webhook.url-unresolvable',
    });
  });
});

describe('checkWebhookUrl in development (and for the test harness)', () => {
  const nothingResolves: HostResolver = () => Promise.reject(new Error('no DNS in this test'));

  it('allows http and loopback, without resolving anything', async () => {
    expect(
      await checkWebhookUrl('http://127.0.0.1:4010/hook', 'development', nothingResolves),
    ).toEqual({
      ok: true,
      url: 'http://127.0.0.1:4010/hook',
      hostname: '127.0.0.1',
      addresses: [],
    });
    expect(
      await checkWebhookUrl('http://localhost:4010/hook', 'development', nothingResolves),
    ).toMatchObject({ ok: true });
  });

  it('still refuses what is no web address, and credentials', async () => {
    expect(await checkWebhookUrl('ftp://127.0.0.1/', 'development', nothingResolves)).toEqual({
      ok: false,
      problem: 'webhook.url-invalid',
    });
    expect(await checkWebhookUrl('http://a:b@127.0.0.1/', 'development', nothingResolves)).toEqual({
      ok: false,
      problem: 'webhook.url-credentials',
    });
  });
});

describe('the retry schedule', () => {
  it('waits 1 min, 5 min, 30 min, 2 h and 12 h, then gives up', () => {
    expect(WEBHOOK_RETRY_DELAYS_SECONDS).toEqual([60, 300, 1800, 7200, 43_200]);
    expect([1, 2, 3, 4, 5, 6].map((n) => webhookRetryDelay(n))).toEqual([
      60,
      300,
      1800,
      7200,
      43_200,
      null,
    ]);
    expect(webhookRetryDelay(2, [1, 2])).toBe(2);
    expect(webhookRetryDelay(3, [1, 2])).toBeNull();
  });
});

describe('the registration form', () => {
  it('keeps the event types it knows, once each, in the feed order', () => {
    const parsed = webhookCreateSchema.parse({
      url: ' https://x.se/h ',
      eventTypes: ['bmb.accepted', 'bmb.sent', 'bmb.sent'],
    });
    expect(parsed).toEqual({
      url: 'https://x.se/h',
      eventTypes: ['bmb.sent', 'bmb.accepted'],
      description: '',
    });
  });

  it('asks for at least one event type, and knows no others', () => {
    const none = webhookCreateSchema.safeParse({ url: 'https://x.se/h', eventTypes: [] });
    expect(none.error?.issues.map((i) => i.message)).toEqual(['webhook.no-event-types']);
    const unknown = webhookCreateSchema.safeParse({
      url: 'https://x.se/h',
      eventTypes: ['bmb.deleted'],
    });
    expect(unknown.error?.issues.map((i) => i.message)).toContain('webhook.no-event-types');
    const missing = webhookCreateSchema.safeParse({ url: '', eventTypes: ['bmb.sent'] });
    expect(missing.error?.issues.map((i) => i.message)).toEqual(['webhook.url-required']);
  });
});
