import { describe, expect, it } from 'vitest';
import { readSessionToken, sessionCookie } from './session-cookie';

const jar = (cookies: Record<string, string>) => (name: string) => cookies[name];

describe('sessionCookie', () => {
  it('is __Host-bmb.session on https, with exactly what the __Host- prefix requires', () => {
    const cookie = sessionCookie('https://bmb.region.se');
    expect(cookie.name).toBe('__Host-bmb.session');
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    expect(cookie.options).not.toHaveProperty('domain');
  });

  it('stays bmb.session on plain http, as every test harness runs', () => {
    expect(sessionCookie('http://localhost:3100')).toEqual({
      name: 'bmb.session',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false },
    });
  });
});

describe('readSessionToken', () => {
  it('on https ignores a planted plain bmb.session cookie, and the old __Secure- name', () => {
    const planted = jar({ 'bmb.session': 'attacker', '__Secure-bmb.session': 'old', '__Host-bmb.session': 'mine' });
    expect(readSessionToken(planted, 'https://bmb.region.se')).toBe('mine');
    expect(readSessionToken(jar({ 'bmb.session': 'attacker' }), 'https://bmb.region.se')).toBeUndefined();
    expect(readSessionToken(jar({ '__Secure-bmb.session': 'old' }), 'https://bmb.region.se')).toBeUndefined();
  });

  it('on http reads bmb.session only', () => {
    expect(readSessionToken(jar({ 'bmb.session': 'mine' }), 'http://localhost:3000')).toBe('mine');
    expect(readSessionToken(jar({ '__Host-bmb.session': 'x', '__Secure-bmb.session': 'y' }), 'http://localhost:3000')).toBeUndefined();
  });

  it('treats an empty cookie as no session', () => {
    expect(readSessionToken(jar({ 'bmb.session': '' }), 'http://localhost:3000')).toBeUndefined();
  });
});
