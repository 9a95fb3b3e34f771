import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it('keeps a path on this app, with its query', () => {
    expect(safeReturnTo('/hjalpmedel/7d9f0c5e-2c1a-4b8e-9a57-3f2a1b0c9d8e/bmb?utkast=1')).toBe(
      '/hjalpmedel/7d9f0c5e-2c1a-4b8e-9a57-3f2a1b0c9d8e/bmb?utkast=1',
    );
    expect(safeReturnTo('/kvittera-bmb')).toBe('/kvittera-bmb');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['javascript:alert(1)'],
    ['hjalpmedel'],
    ['/\t/evil.example'],
    ['/%0a'.replace('%0a', '\n')],
    ['/api/auth/signout'],
    ['/logga-in'],
    [''],
    [`/${'a'.repeat(2001)}`],
    [42],
    [undefined],
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });

  it('never returns anything that leaves this origin', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const kept = safeReturnTo(s);
        if (kept === null) return;
        const base = 'https://bmb.region.example';
        expect(new URL(kept, base).origin).toBe(base);
        expect(kept.startsWith('/') && !kept.startsWith('//')).toBe(true);
      }),
    );
  });
});
