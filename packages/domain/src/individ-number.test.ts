import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikePersonnummer } from './individ-number';

describe('looksLikePersonnummer', () => {
  it('sees 10- and 12-digit numbers, with or without a separator', () => {
    for (const v of ['191212121212', '19121212-1212', '121212-1212', '1212121212', '19121212 1212'])
      expect(looksLikePersonnummer(v), v).toBe(true);
  });
  it('lets individ numbers through (the demo region and the generated one)', () => {
    for (const v of ['75082', '170098', '3000000', 'L20028', '12345678901'])
      expect(looksLikePersonnummer(v), v).toBe(false);
  });
  it('never holds for fewer than ten digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{1,9}$/), (v) => !looksLikePersonnummer(v)));
  });
});
